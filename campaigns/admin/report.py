"""
The campaign report in the admin: a page (table, chart, sorting) and its CSV
download. Figures come from campaigns.report; this module only shows them.
"""

import csv
from urllib.parse import urlencode

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from campaigns.models import AdSpend
from campaigns.report import (
    COLUMNS,
    TEXT_COLUMNS,
    campaign_report,
    sort_choice,
    sort_rows,
)
from campaigns.report_forms import ReportForm
from clinic.spreadsheets import csv_download, spreadsheet_safe
from leads.reports import CHART_COLOURS

PERMISSION = "campaigns.view_adspend"
NONE = "—"
SMALL = "<5"  # counts 1 to 4 in the CSV, so a small campaign singles no one out
# A count the CSV hides so that the totals cannot give a "<5" away.
SUPPRESSED = "suppressed"
CHART_ROWS = 12
COUNT_COLUMNS = ["visits", "leads", "calls", "booked", "patients"]


def campaign_report_view(request):
    """The report page, or with ?format=csv its rows as a CSV download; form
    errors (never a 500) for a period or office it cannot show."""
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied
    form = ReportForm.from_query(request.GET)
    sort, direction = sort_choice(request.GET.get("sort"), request.GET.get("dir"))
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


def hidden_cells(rows):
    """For each row, the count columns the CSV does not show, and what it
    writes instead: "<5" for counts from 1 to 4, and where a column would hide
    only one of them, SUPPRESSED for its next smallest count, so the totals
    row minus the others cannot give the small one away."""
    hidden = [{} for _ in rows]
    for name in COUNT_COLUMNS:
        values = [getattr(row, name) for row in rows]
        small = [i for i, value in enumerate(values) if 0 < value < 5]
        for i in small:
            hidden[i][name] = SMALL
        others = [(value, i) for i, value in enumerate(values) if value >= 5]
        if len(small) == 1 and others:
            hidden[min(others)[1]][name] = SUPPRESSED
    return hidden


def csv_cells(row, hidden):
    """A row for the CSV: the counts in `hidden` ({column: what to write}),
    and the figures that would give them away (cost per lead or per booked
    patient, the median of fewer than 5 contacts) written the same way."""

    def derived(value, *columns):
        if value is None:
            return ""
        return next((hidden[c] for c in columns if c in hidden), value)

    median = row.median_contact
    if row.contacted < 5:
        hidden = {**hidden, "contacted": SMALL}
    return [
        spreadsheet_safe(row.source_label),
        spreadsheet_safe(row.campaign_label),
        f"{row.spend:.2f}",
        *(hidden.get(name, getattr(row, name)) for name in COUNT_COLUMNS),
        derived(row.cost_per_lead, "leads"),
        derived(row.cost_per_booked, "booked"),
        derived(
            None if median is None else round(median.total_seconds() / 60),
            "leads",
            "contacted",
        ),
    ]


def csv_response(report):
    response = csv_download(
        f"campaigns-{report.start.isoformat()}-{report.end.isoformat()}.csv"
    )
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
    for row, hidden in zip(report.rows, hidden_cells(report.rows), strict=True):
        writer.writerow(csv_cells(row, hidden))
    totals = report.totals
    small_totals = {
        name: SMALL for name in COUNT_COLUMNS if 0 < getattr(totals, name) < 5
    }
    writer.writerow(csv_cells(totals, small_totals))
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
