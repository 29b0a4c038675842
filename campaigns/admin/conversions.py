"""
Offline conversion exports in the admin: the list of past downloads (read
only) and the download form. The export itself, its once-only rule and its
audit entry live in campaigns.conversions.
"""

from datetime import timedelta

from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from campaigns.conversions import ConversionExportError, conversions_export
from campaigns.forms import ConversionDownloadForm
from campaigns.models import ConversionExport, Platform
from clinic.admin_site import ReadOnlyAdmin
from clinic.spreadsheets import csv_download

DOWNLOAD_PERMISSION = "campaigns.add_conversionexport"


@admin.register(ConversionExport)
class ConversionExportAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "platform", "since", "again", "row_count", "username"]
    list_filter = ["platform", "again"]
    date_hierarchy = "created_at"
    fields = list_display
    readonly_fields = list_display
    # Exports are made by downloading one (download/), never typed in.

    def get_urls(self):
        return [
            path(
                "download/",
                self.admin_site.admin_view(self.download_view),
                name="campaigns_conversionexport_download",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "may_download": request.user.has_perm(DOWNLOAD_PERMISSION),
        }
        return super().changelist_view(request, extra_context)

    def download_view(self, request):
        """GET: the form; POST: the platform's CSV as an attachment."""
        if not request.user.has_perm(DOWNLOAD_PERMISSION):
            raise PermissionDenied
        if request.method == "POST":
            form = ConversionDownloadForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                try:
                    result = conversions_export(
                        platform=data["platform"],
                        since=data["since"],
                        again=data["again"],
                        request=request,
                    )
                except ConversionExportError as error:
                    form.add_error(None, ValidationError(str(error), code="refused"))
                else:
                    return csv_download(
                        f"conversions-{data['platform']}-{data['since']:%Y-%m-%d}.csv",
                        result.csv,
                    )
        else:
            form = ConversionDownloadForm(
                # Each conversion goes out once, so a wide default loses
                # nothing: Google takes conversions of clicks up to 90 days old.
                initial={
                    "platform": Platform.GOOGLE,
                    "since": timezone.localdate() - timedelta(days=90),
                }
            )
        return TemplateResponse(
            request,
            "admin/campaigns/conversionexport/download.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": "Download offline conversions",
                "form": form,
            },
            status=400 if form.errors else 200,
        )
