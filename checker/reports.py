"""The condition checker's figures for the admin index: counts only."""

from datetime import timedelta

from django.db.models import Count, Sum
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils import timezone

from attribution.models import CallClick
from checker.models import CheckerDay
from leads.models import Lead


def checker_days(now=None, days=14):
    """Condition checker use per day: results, red-flag stops, leads and calls."""
    today = timezone.localdate(now or timezone.now())
    first = today - timedelta(days=days - 1)
    shown = {
        row.day: row
        for row in CheckerDay.objects.filter(day__gte=first, day__lte=today)
    }
    leads = dict(
        Lead.objects.not_spam()
        .filter(checker_version__isnull=False, created_at__date__gte=first)
        .annotate(day=TruncDate("created_at"))
        .values("day")
        .annotate(n=Count("pk"))
        .values_list("day", "n")
    )
    calls = dict(
        # The public checker only: staff previews live under another path.
        CallClick.objects.filter(day__gte=first, page=reverse("checker:start"))
        .values("day")
        .annotate(n=Sum("count"))
        .values_list("day", "n")
    )
    rows = []
    for offset in range(days):
        day = today - timedelta(days=offset)
        stats = shown.get(day)
        rows.append(
            {
                "day": day,
                "results": stats.results_shown if stats else 0,
                "red_flags": stats.red_flag_stops if stats else 0,
                "leads": leads.get(day, 0),
                "calls": calls.get(day, 0),
            }
        )
    return rows
