"""The audit log, shown read-only to superusers."""

from django.contrib import admin

from clinic.admin_site import SuperuserOnlyAdmin
from leads.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(SuperuserOnlyAdmin):
    """Superusers only; nobody can add, change or delete entries."""

    list_display = ["at", "username", "action", "lead_count", "ip_address", "detail"]
    list_filter = ["action", ("at", admin.DateFieldListFilter)]
    search_fields = ["username", "detail"]
    date_hierarchy = "at"
    show_full_result_count = False
