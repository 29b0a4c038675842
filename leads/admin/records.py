"""Records the system writes, shown read-only: the audit log and call counts."""

from django.contrib import admin

from clinic.admin_site import ReadOnlyAdmin, SuperuserOnlyAdmin
from leads.models import AuditEntry, CallClick


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
