"""
Offline conversion exports in the admin: the list of past downloads (read
only) and the download form. The export itself, its once-only rule and its
audit entry live in campaigns.conversions.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone

from campaigns.conversions import ConversionExportError, conversions_export
from campaigns.models import ConversionExport, Platform

DOWNLOAD_PERMISSION = "campaigns.add_conversionexport"


class ConversionDownloadForm(forms.Form):
    platform = forms.ChoiceField(
        choices=Platform.choices,
        help_text="Each platform has its own upload file.",
    )
    since = forms.DateField(
        label="Conversions since",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Appointments booked and new patients from this day on "
        "(YYYY-MM-DD, the clinic's time zone).",
    )
    again = forms.BooleanField(
        required=False,
        label="Include conversions exported before",
        help_text="Leave unticked to get only conversions not downloaded yet.",
    )

    def clean_since(self):
        since = self.cleaned_data["since"]
        if since > timezone.localdate():
            raise ValidationError("This date is in the future.", code="future")
        return since


@admin.register(ConversionExport)
class ConversionExportAdmin(admin.ModelAdmin):
    list_display = ["created_at", "platform", "since", "again", "row_count", "username"]
    list_filter = ["platform", "again"]
    date_hierarchy = "created_at"
    fields = list_display
    readonly_fields = list_display

    def has_add_permission(self, request):
        # Exports are made by downloading one (download/), never typed in.
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

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
                    return csv_response(result.csv, data["platform"], data["since"])
        else:
            form = ConversionDownloadForm(
                initial={"platform": Platform.GOOGLE, "since": timezone.localdate()}
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


def csv_response(text, platform, since):
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    filename = f"conversions-{platform}-{since:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
