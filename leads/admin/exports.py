"""The lead list's CSV export: audited, and safe to open in a spreadsheet."""

import csv

from django.contrib import admin
from django.http import StreamingHttpResponse
from django.utils import timezone

from clinic.spreadsheets import csv_download, spreadsheet_safe
from leads.audit import audit_record
from leads.models import AuditEntry

HEADER = [
    "lead", "received", "name", "phone", "email", "preferred_contact", "topic",
    "message", "status", "owner", "article", "source_page", "utm_source",
    "utm_medium", "utm_campaign", "first_contacted_at", "appointment_on",
    "first_visit_on",
]  # fmt: skip


@admin.action(description="Export as CSV", permissions=["view"])
def export_csv(modeladmin, request, queryset):
    leads = list(queryset.select_related("owner"))
    audit_record(action=AuditEntry.Action.EXPORT, leads=leads, request=request)
    writer = csv.writer(Echo())
    stream = (
        writer.writerow([spreadsheet_safe(v) for v in row])
        for row in [HEADER, *(csv_row(lead) for lead in leads)]
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return csv_download(
        f"leads-{stamp}.csv", stream, response_class=StreamingHttpResponse
    )


def csv_row(lead):
    """One lead as the values of HEADER."""
    return [
        lead.pk,
        timezone.localtime(lead.created_at).isoformat(),
        lead.name,
        lead.phone,
        lead.email,
        lead.preferred_contact,
        lead.topic_name,
        lead.message,
        lead.status,
        lead.owner.get_username() if lead.owner else "",
        lead.article_title,
        lead.source_page,
        lead.utm_source,
        lead.utm_medium,
        lead.utm_campaign,
        lead.first_contacted_at.isoformat() if lead.first_contacted_at else "",
        lead.appointment_on.isoformat() if lead.appointment_on else "",
        lead.first_visit_on.isoformat() if lead.first_visit_on else "",
    ]


class Echo:
    """A file-like object that hands back what is written (for streaming)."""

    def write(self, value):
        return value
