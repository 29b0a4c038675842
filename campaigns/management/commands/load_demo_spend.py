import random
from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from campaigns.models import AdSpend
from campaigns.spend import parse_spend_file, spend_import

DAYS = 30
# The demo leads' ad campaigns (leads/management/commands/load_demo_leads.py),
# with a made-up daily budget each.
GOOGLE = {"back-pain-search": (60, 95), "spine-clinic-brand": (12, 25)}
MICROSOFT = {"spine-specialist": (18, 40)}


class Command(BaseCommand):
    help = (
        "Load 30 days of fictional ad spend (development only, once), written in "
        "the Google Ads and Microsoft Advertising report layouts and read by the "
        "same import as an upload."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo spend is for development only (DEBUG is off).")
        if AdSpend.objects.exists():
            self.stdout.write("Demo spend: spend already exists, nothing loaded.")
            return
        rng = random.Random(15)
        today = timezone.localdate()
        days = [today - timedelta(days=n) for n in range(DAYS - 1, -1, -1)]
        for source, text in (
            ("google", google_report(days, rng)),
            ("bing", microsoft_report(days, rng)),
        ):
            parsed = parse_spend_file(text.encode("utf-8"))
            result = spend_import(parsed=parsed, source=source)
            self.stdout.write(
                f"Demo spend for {source}: {result.created} days and campaigns."
            )


def daily(campaigns, days, rng):
    return [
        (day, campaign, rng.randint(low * 100, high * 100) / 100)
        for day in days
        for campaign, (low, high) in campaigns.items()
    ]


def google_report(days, rng):
    """A Google Ads campaign report as its CSV download lays it out: a title,
    the date range, the header, a row per day and campaign, and totals."""
    rows = daily(GOOGLE, days, rng)
    lines = [
        "Campaign report",
        f"{days[0]:%B} {days[0].day}, {days[0].year} - "
        f"{days[-1]:%B} {days[-1].day}, {days[-1].year}",
        "Day,Campaign,Currency code,Cost",
        *(f"{day.isoformat()},{name},USD,{cost:.2f}" for day, name, cost in rows),
        f"Total: Account,,USD,{sum(cost for _, _, cost in rows):.2f}",
    ]
    return "\n".join(lines) + "\n"


def microsoft_report(days, rng):
    """A Microsoft Advertising campaign performance report: a short preamble,
    the header, the rows, and the copyright line at the end."""
    rows = daily(MICROSOFT, days, rng)
    lines = [
        '"Report Name: Campaign performance"',
        f'"Report Time: {days[0]:%m/%d/%Y} - {days[-1]:%m/%d/%Y}"',
        "",
        "Gregorian date,Campaign name,Currency code,Spend",
        *(f"{day:%m/%d/%Y},{name},USD,{cost:.2f}" for day, name, cost in rows),
        '"©2026 Microsoft Corporation. All rights reserved."',
    ]
    return "\n".join(lines) + "\n"
