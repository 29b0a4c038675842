"""Figures for the front desk's dashboard (counts only, no patient details)."""

from datetime import timedelta
from statistics import median

from django.db.models import Count, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone

from attribution.models import CallClick
from leads.models import Lead


def front_desk_figures(now=None, *, location=None, team=None):
    """The dashboard's figures; the counts (new, overdue, escalated, today) for
    one office or team when asked."""
    now = now or timezone.now()
    today_start = timezone.localtime(now).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    week_start = today_start - timedelta(days=today_start.weekday())
    month_ago = now - timedelta(days=30)
    leads = Lead.objects.not_spam()
    narrowed = leads
    if location is not None:
        narrowed = narrowed.filter(location=location)
    if team is not None:
        narrowed = narrowed.filter(team=team)
    counts = narrowed.aggregate(
        new=Count("pk", filter=Q(status=Lead.Status.NEW)),
        today=Count("pk", filter=Q(created_at__gte=today_start)),
        escalated=Count(
            "pk", filter=Q(status=Lead.Status.NEW, escalated_at__isnull=False)
        ),
    )
    counts["overdue"] = narrowed.overdue(now).count()
    response_minutes = [
        (contacted - created).total_seconds() / 60
        for created, contacted in leads.filter(
            created_at__gte=week_start, first_contacted_at__isnull=False
        ).values_list("created_at", "first_contacted_at")[:5000]
    ]
    counts["median_response_minutes"] = (
        round(median(response_minutes)) if response_minutes else None
    )
    recent_leads = leads.filter(created_at__gte=month_ago)
    recent_calls = CallClick.objects.filter(day__gte=month_ago.date())
    counts["by_article"] = [
        (title or "(no article)", figures)
        for (_pk, title), figures in leads_and_calls(
            recent_leads, recent_calls, ["article_id", "article__title"]
        )
    ]
    counts["by_campaign"] = [
        ((source or "direct", campaign or "–"), figures)
        for (source, campaign), figures in leads_and_calls(
            recent_leads, recent_calls, ["utm_source", "utm_campaign"]
        )
    ]
    counts["chart"] = leads_per_day(now)
    return counts


def leads_and_calls(leads, calls, fields, limit=20):
    """
    Leads and click-to-call taps grouped by `fields` (the same on Lead and
    CallClick), as [(values, {"leads": n, "calls": n})], the `limit` busiest
    (leads and calls together) first. Both are counted for every group, so a
    group that made the list through its calls still shows its leads.
    """
    groups = {}
    for row in leads.values(*fields).annotate(n=Count("pk")).order_by():
        key = tuple(row[field] for field in fields)
        groups.setdefault(key, {"leads": 0, "calls": 0})["leads"] = row["n"]
    for row in calls.values(*fields).annotate(n=Sum("count")).order_by():
        key = tuple(row[field] for field in fields)
        groups.setdefault(key, {"leads": 0, "calls": 0})["calls"] = row["n"]
    ranked = sorted(
        groups.items(),
        key=lambda kv: (
            -(kv[1]["leads"] + kv[1]["calls"]),
            -kv[1]["leads"],
            str(kv[0]),
        ),
    )
    return ranked[:limit]


# At least 3:1 against both the light and the dark admin theme.
CHART_COLOURS = ["#1b8796", "#c0631a", "#8062c0", "#3f8a3f", "#7d858c"]
CHART_SOURCES = 4  # the busiest sources get their own colour; the rest are "other"


def leads_per_day(now=None, days=30):
    """
    Non-spam leads per day and first-touch source for the last `days` days, drawn
    as stacked bars. Returns the figures and the SVG geometry for the template.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    first_day = today - timedelta(days=days - 1)
    start = timezone.make_aware(
        timezone.datetime.combine(first_day, timezone.datetime.min.time())
    )
    rows = (
        Lead.objects.not_spam()
        .filter(created_at__gte=start)
        .annotate(day=TruncDate("created_at"))
        .values("day", "utm_source")
        .annotate(n=Count("pk"))
        .order_by()
    )
    totals_by_source, counts = {}, {}
    for row in rows:
        source = row["utm_source"] or "direct"
        totals_by_source[source] = totals_by_source.get(source, 0) + row["n"]
        counts[(row["day"], source)] = counts.get((row["day"], source), 0) + row["n"]
    ranked = sorted(totals_by_source, key=lambda s: (-totals_by_source[s], s))
    named = ranked[:CHART_SOURCES]
    series = named + (["other"] if len(ranked) > CHART_SOURCES else [])
    day_list = [first_day + timedelta(days=i) for i in range(days)]
    table = []
    for day in day_list:
        values = dict.fromkeys(series, 0)
        for (d, source), n in counts.items():
            if d == day:
                values[source if source in named else "other"] += n
        table.append((day, [values[s] for s in series], sum(values.values())))
    peak = max([total for _, _, total in table] + [1])
    width, height, bar = 600, 180, 600 / days
    bars = []
    for index, (day, values, _total) in enumerate(table):
        y = height
        for colour, value in zip(CHART_COLOURS, values, strict=False):
            if value:
                h = value / peak * (height - 10)
                y -= h
                bars.append(
                    {
                        "x": round(index * bar + 1, 1),
                        "y": round(y, 1),
                        "w": round(bar - 2, 1),
                        "h": round(h, 1),
                        "colour": colour,
                        "label": f"{day:%b %d}: {value}",
                    }
                )
    total = sum(t for _, _, t in table)
    summary = (
        f"{total} leads in the last {days} days, at most {peak if total else 0} on "
        "one day. By source: "
        + (
            ", ".join(f"{s} {totals_by_source.get(s, 0)}" for s in named)
            if named
            else "none yet"
        )
        + "."
    )
    return {
        "series": [
            {"name": s, "colour": c}
            for s, c in zip(series, CHART_COLOURS, strict=False)
        ],
        "table": table,
        "bars": bars,
        "width": width,
        "height": height,
        "peak": peak,
        "summary": summary,
        "first_day": first_day,
        "last_day": today,
    }
