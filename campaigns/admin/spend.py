"""Ad spend in the admin: the list, typing a day in, and the CSV upload."""

from django.contrib import admin
from django.urls import path

from campaigns.admin.report import campaign_report_view
from campaigns.admin.upload import spend_upload_view
from campaigns.forms import AdSpendAdminForm
from campaigns.models import AdSpend


@admin.register(AdSpend)
class AdSpendAdmin(admin.ModelAdmin):
    form = AdSpendAdminForm
    list_display = ["day", "source", "campaign", "location", "cost", "currency"]
    list_filter = ["source", "location", ("day", admin.DateFieldListFilter)]
    search_fields = ["campaign"]
    date_hierarchy = "day"
    list_select_related = ["location"]
    readonly_fields = ["updated_at", "updated_by"]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("upload/", view(spend_upload_view), name="campaigns_adspend_upload"),
            path("report/", view(campaign_report_view), name="campaigns_report"),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
