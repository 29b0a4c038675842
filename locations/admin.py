from django.contrib import admin

from clinic.admin_site import NoHiddenLookupsAdmin
from locations.models import Location, OpeningHours


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0
    max_num = 7
    fields = ["weekday", "opens", "closes"]


@admin.register(Location)
class LocationAdmin(NoHiddenLookupsAdmin):
    """The clinic's offices. Superusers and the Clinic details role (roles.py)."""

    list_display = [
        "name",
        "city",
        "phone",
        "hours",
        "accepts_new_patients",
        "order",
    ]
    list_editable = ["order"]
    list_filter = ["accepts_new_patients"]
    search_fields = ["name", "city", "street", "postal_code"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningHoursInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "order", "accepts_new_patients"]}),
        (
            "Address",
            {"fields": ["street", "city", "region", "postal_code", "country"]},
        ),
        ("Phone and hours", {"fields": ["phone", "time_zone"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("opening_hours")

    @admin.display(description="Opening hours")
    def hours(self, location):
        return location.hours_summary or "—"
