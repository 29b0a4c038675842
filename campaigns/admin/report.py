"""
The campaign report in the admin: a page (table, chart, sorting) and its CSV
download. Figures come from campaigns.report; this module only shows them.
"""

import csv
from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.template.response import TemplateResponse

from campaigns.models import AdSpend
from campaigns.report import (
    COLUMN_NAMES,
    COLUMNS,
    TEXT_COLUMNS,
    campaign_report,
    sort_rows,
)
from campaigns.report_forms import ReportForm
from clinic.spreadsheets import spreadsheet_safe
from leads.reports import CHART_COLOURS

PERMISSION = "campaigns.view_adspend"
NONE = "—"
SMALL = "<5"  # counts 1 to 4 in the CSV, so a small campaign singles no one out
CHART_ROWS = 12
COUNT_COLUMNS = ["visits", "leads", "calls", "booked", "patients"]


def campaign_report_view(request):
    """The report page, or with ?format=csv its rows as a CSV download; form
    errors (never a 500) for a period or office it cannot show."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = ReportForm.from_query(request.GET)
    sort = request.GET.get("sort", "")
    direction = request.GET.get("dir", "")
    if sort not in COLUMN_NAMES:
        sort, direction = "spend", "desc"
    elif direction not in ("asc", "desc"):
        direction = "asc" if sort in TEXT_COLUMNS else "desc"
    report = None
    if form.is_valid():
        report = campaign_report(**form.cleaned_data)
        report.rows = sort_rows(report.rows, sort, direction)
        if request.GET.get("format") == "csv":
            return csv_response(report)
    context = {
        **admin.site.each_context(request),
        "opts": AdSpend._meta,
        "title": "Campaign report",
        "form": form,
        "report": report,
    }
    if report is not None:
        chosen = form.cleaned_data
        query = {
            "start": chosen["start"].isoformat(),
            "end": chosen["end"].isoformat(),
            "location": chosen["location"].pk if chosen["location"] else "",
        }
        context.update(
            headers=headers(query, sort, direction, report.location),
            rows=[cells(row, report.currency) for row in report.rows],
            totals=cells(report.totals, report.currency),
            csv_query=urlencode({**query, "sort": sort, "dir": direction})
            + "&format=csv",
            chart=chart(report),
            unsplit=money(report.unsplit_spend, report.currency),
        )
    return TemplateResponse(request, "admin/campaigns/report.html", context)


def headers(query, sort, direction, location):
    """The column headings, each a link that sorts by it (the sorted one the
    other way round), with aria-sort on the sorted one."""
    result = []
    for name, heading, _value in COLUMNS:
        if name == sort:
            to = "asc" if direction == "desc" else "desc"
            aria = "ascending" if direction == "asc" else "descending"
        else:
            to = "asc" if name in TEXT_COLUMNS else "desc"
            aria = ""
        note = " (all offices)" if location and name in ("visits", "calls") else ""
        result.append(
            {
                "name": name,
                "heading": heading,
                "note": note,
                "aria_sort": aria,
                "href": "?" + urlencode({**query, "sort": name, "dir": to}),
            }
        )
    return result


def money(amount, currency):
    if amount is None:
        return NONE
    return f"{currency}\N{NO-BREAK SPACE}{amount:,.2f}"


def duration(delta):
    """A time to first contact as a person reads it: 12 min, 3 h 5 min, 2 d 4 h."""
    if delta is None:
        return NONE
    minutes = max(0, round(delta.total_seconds() / 60))
    if minutes < 60:
        return f"{minutes} min"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return f"{days} d {hours} h" if hours else f"{days} d"


def cells(row, currency):
    """What the page shows for a row: exact figures, money with its currency."""
    return {
        "source": row.source_label,
        "campaign": row.campaign_label,
        "figures": [
            money(row.spend, currency),
            *(getattr(row, name) for name in COUNT_COLUMNS),
            money(row.cost_per_lead, currency),
            money(row.cost_per_booked, currency),
            duration(row.median_contact),
        ],
    }


def small(count):
    """A count for the CSV: 1 to 4 as "<5"."""
    return SMALL if 0 < count < 5 else count


def csv_cells(row):
    """A row for the CSV, with small counts, and the figures that would give
    them away, written as "<5"."""

    def derived(value, count):
        if value is None:
            return ""
        return SMALL if count < 5 else value

    median = row.median_contact
    return [
        spreadsheet_safe(row.source_label),
        spreadsheet_safe(row.campaign_label),
        f"{row.spend:.2f}",
        *(small(getattr(row, name)) for name in COUNT_COLUMNS),
        derived(row.cost_per_lead, row.leads),
        derived(row.cost_per_booked, row.booked),
        derived(
            None if median is None else round(median.total_seconds() / 60),
            row.contacted,
        ),
    ]


def csv_response(report):
    name = f"campaigns-{report.start.isoformat()}-{report.end.isoformat()}.csv"
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    offices = " (all offices)" if report.location else ""
    writer = csv.writer(response)
    writer.writerow(
        [
            "Source",
            "Campaign",
            f"Spend ({report.currency})",
            f"Visits{offices}",
            "Leads",
            f"Calls{offices}",
            "Booked",
            "Became patients",
            f"Cost per lead ({report.currency})",
            f"Cost per booked patient ({report.currency})",
            "Median minutes to first contact",
        ]
    )
    for row in [*report.rows, report.totals]:
        writer.writerow(csv_cells(row))
    return response


def chart(report, limit=CHART_ROWS):
    """
    Spend and booked patients for the campaigns with the most spend (then the
    most booked), as paired horizontal bars on two scales: the longest spend
    bar is the most spent, the longest booked bar the most booked.
    """
    picked = sorted(
        (r for r in report.rows if r.spend or r.booked),
        key=lambda r: (-r.spend, -r.booked, r.source_label, r.campaign_label),
    )[:limit]
    if not picked:
        return None
    top_spend = max(r.spend for r in picked)
    top_booked = max(r.booked for r in picked)
    # Each campaign: its name, then its spend bar and its booked bar. Narrow
    # enough to read on a phone; drawn at most at its own size on a wide screen.
    bar_width, row_height, bar = 220, 50, 11
    bars = []
    for index, row in enumerate(picked):
        y = index * row_height
        name = f"{row.source_label} / {row.campaign_label}"
        spend_w = round(float(row.spend / (top_spend or 1)) * bar_width, 1)
        booked_w = round(row.booked / (top_booked or 1) * bar_width, 1)
        spend_text = money(row.spend, report.currency)
        bars.append(
            {
                "name": name if len(name) <= 42 else name[:41] + "…",
                "full_name": name,
                "label_y": y + 13,
                "spend": {"y": y + 18, "w": spend_w, "text": spend_text},
                "booked": {"y": y + 31, "w": booked_w, "text": row.booked},
                "spend_text_x": spend_w + 4,
                "booked_text_x": booked_w + 4,
                "booked_count": row.booked,
                "spend_display": spend_text,
            }
        )
    summary = (
        f"Spend and booked patients for {len(picked)} campaign"
        f"{'s' if len(picked) != 1 else ''} with the most spend, "
        f"{report.start:%b %d, %Y} to {report.end:%b %d, %Y}: "
        + "; ".join(
            f"{b['full_name']} {b['spend_display']} spent, {b['booked_count']} booked"
            for b in bars
        )
        + "."
    )
    return {
        "bars": bars,
        "width": bar_width + 110,
        "height": len(picked) * row_height,
        "bar": bar,
        "spend_colour": CHART_COLOURS[0],
        "booked_colour": CHART_COLOURS[1],
        "top_spend": money(top_spend, report.currency),
        "top_booked": top_booked,
        "summary": summary,
        "more": len([r for r in report.rows if r.spend or r.booked]) > len(picked),
    }
