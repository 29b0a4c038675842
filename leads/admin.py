from django.contrib import admin

from leads.models import CallClick, Lead, OutboxEmail


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    list_display = [
        "__str__",
        "created_at",
        "name",
        "preferred_contact",
        "topic",
        "utm_source",
        "utm_campaign",
        "article",
        "status",
    ]
    list_filter = ["status", "is_spam", "topic"]
    list_select_related = ["topic", "article"]
    search_fields = ["name", "email", "phone"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name != "status"]


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    list_display = [
        "subject",
        "created_at",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_filter = ["sent_at"]

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CallClick)
class CallClickAdmin(admin.ModelAdmin):
    list_display = ["day", "page", "utm_source", "utm_campaign", "count"]
    list_filter = ["day"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
