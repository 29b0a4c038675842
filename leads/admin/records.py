"""Records the system writes, shown read-only: the audit log and call counts."""

from django.contrib import admin

from leads.models import AuditEntry, CallClick


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written by the system: nobody adds, changes or deletes them here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SuperuserOnlyAdmin(ReadOnlyAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(AuditEntry)
class AuditEntryAdmin(SuperuserOnlyAdmin):
    """Superusers only; nobody can add, change or delete entries."""

    list_display = ["at", "username", "action", "lead_count", "ip_address", "detail"]
    list_filter = ["action", ("at", admin.DateFieldListFilter)]
    search_fields = ["username", "detail"]
    date_hierarchy = "at"
    show_full_result_count = False


@admin.register(CallClick)
class CallClickAdmin(ReadOnlyAdmin):
    list_display = ["day", "page", "article", "utm_source", "utm_campaign", "count"]
    list_filter = [("day", admin.DateFieldListFilter)]
    list_select_related = ["article"]
    date_hierarchy = "day"
