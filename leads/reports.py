"""Figures for the front desk's dashboard (counts only, no patient details)."""

from datetime import timedelta
from statistics import median

from django.db.models import Count, Q, Sum
from django.utils import timezone

from leads.models import CallClick, Lead


def front_desk_figures(now=None):
    now = now or timezone.now()
    today_start = timezone.localtime(now).replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    week_start = today_start - timedelta(days=today_start.weekday())
    month_ago = now - timedelta(days=30)
    leads = Lead.objects.not_spam()
    counts = leads.aggregate(
        new=Count("pk", filter=Q(status=Lead.Status.NEW)),
        today=Count("pk", filter=Q(created_at__gte=today_start)),
    )
    counts["overdue"] = leads.overdue(now).count()
    response_minutes = [
        (contacted - created).total_seconds() / 60
        for created, contacted in leads.filter(
            created_at__gte=week_start, first_contacted_at__isnull=False
        ).values_list("created_at", "first_contacted_at")[:5000]
    ]
    counts["median_response_minutes"] = (
        round(median(response_minutes)) if response_minutes else None
    )
    by_article = {
        row["article__title"] or "(no article)": {"leads": row["n"], "calls": 0}
        for row in leads.filter(created_at__gte=month_ago)
        .values("article__title")
        .annotate(n=Count("pk"))
        .order_by("-n")[:20]
    }
    for row in (
        CallClick.objects.filter(day__gte=month_ago.date())
        .values("article__title")
        .annotate(n=Sum("count"))
        .order_by("-n")[:20]
    ):
        key = row["article__title"] or "(no article)"
        by_article.setdefault(key, {"leads": 0, "calls": 0})["calls"] = row["n"]
    by_campaign = {
        (row["utm_source"] or "direct", row["utm_campaign"] or "–"): {
            "leads": row["n"],
            "calls": 0,
        }
        for row in leads.filter(created_at__gte=month_ago)
        .values("utm_source", "utm_campaign")
        .annotate(n=Count("pk"))
        .order_by("-n")[:20]
    }
    for row in (
        CallClick.objects.filter(day__gte=month_ago.date())
        .values("utm_source", "utm_campaign")
        .annotate(n=Sum("count"))
        .order_by("-n")[:20]
    ):
        key = (row["utm_source"] or "direct", row["utm_campaign"] or "–")
        by_campaign.setdefault(key, {"leads": 0, "calls": 0})["calls"] = row["n"]
    counts["by_article"] = sorted(by_article.items(), key=lambda kv: -kv[1]["leads"])
    counts["by_campaign"] = sorted(by_campaign.items(), key=lambda kv: -kv[1]["leads"])
    return counts
