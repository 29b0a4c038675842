from django.contrib import admin

from outbox.models import OutboxEmail


@admin.register(OutboxEmail)
class OutboxEmailAdmin(admin.ModelAdmin):
    """
    Superusers only, read-only, and without recipients or bodies: an
    acknowledgement is addressed to a patient.
    """

    list_display = [
        "subject",
        "created_at",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_filter = ["sent_at"]
    exclude = ["to", "body"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
