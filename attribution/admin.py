"""Call counts, read-only (campaign visits are read through the campaign report)."""

from django.contrib import admin

from attribution.models import CallClick
from clinic.admin_site import ReadOnlyAdmin


@admin.register(CallClick)
class CallClickAdmin(ReadOnlyAdmin):
    list_display = ["day", "page", "article", "utm_source", "utm_campaign", "count"]
    list_filter = [("day", admin.DateFieldListFilter)]
    list_select_related = ["article"]
    date_hierarchy = "day"
