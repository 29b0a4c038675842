"""What the ads bring, at a busy clinic's scale.

Run through `make bench-campaigns` (a throwaway PostgreSQL cluster, durable
commits). It seeds, through the ORM, BENCH_LEADS (20,000) leads over a year
from 12 ad campaigns (a third with a click id, a quarter booked, a tenth new
patients, each with its status history), a year of daily spend, visit and call
counters per campaign; then, in this process with production settings, times:
the campaign report for 30 days and for a year (all offices, and one office),
with its query count; importing a year of Google Ads spend as an upload reads
it (12 campaigns × 365 days), a corrected file replacing it, and the same
file once more (nothing changes); and the Google
conversions export for the year, then again (nothing new). The last line is

    campaigns: N leads: report 30 d A ms, 365 d B ms (one office C ms), Q queries;
    spend upload of R rows D s, replaced E s, same file again S s;
    conversions K rows F s, again G s;
    peak RSS M MB
"""

import os
import random
import resource
import time
from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.common import exit_on_signals, log, manage, production_env, setup_django

LEADS = int(os.environ.get("BENCH_LEADS", "20000"))
DAYS = 365
CAMPAIGNS = [f"campaign-{n:02d}" for n in range(12)]


def seed():
    """Leads, their status histories and a year of counters, in bulk."""
    from django.utils import timezone

    from attribution.models import CallClick, CampaignVisit
    from campaigns.models import AdSpend
    from leads.models import Lead, LeadEvent
    from locations.models import Location

    rng = random.Random(15)
    now = timezone.now()
    offices = list(Location.objects.all()) or [None]
    leads = []
    for n in range(LEADS):
        created = now - timedelta(minutes=rng.randint(10, DAYS * 24 * 60))
        campaign = rng.choice(CAMPAIGNS)
        touch = {"utm_source": "google", "utm_campaign": campaign}
        if n % 3 == 0:
            touch["gclid"] = f"Cj0Bench{n:08d}xyz"
        status = rng.choices(
            ["new", "contacted", "booked", "closed", "not_fit"], [20, 35, 15, 10, 20]
        )[0]
        leads.append(
            Lead(
                name=f"Bench {n}",
                email=f"bench{n}@example.test",
                preferred_contact="email",
                message="A generated request.",
                consent_version="bench",
                consented_at=created,
                location=rng.choice(offices),
                first_touch=touch,
                last_touch=touch,
                utm_source="google",
                utm_medium="cpc",
                utm_campaign=campaign,
                status=status,
                first_contacted_at=None
                if status == "new"
                else created + timedelta(minutes=rng.randint(3, 600)),
                respond_by=created + timedelta(minutes=15),
                escalate_by=created + timedelta(minutes=30),
                client_hash="b" * 64,
                form_token=f"bench{n}",
                fingerprint=f"bench{n}",
            )
        )
    Lead.objects.bulk_create(leads, batch_size=2000)  # PostgreSQL sets their pks
    # auto_now_add ignores the value given: set each lead's arrival afterwards.
    for lead in leads:
        lead.created_at = lead.consented_at
    Lead.objects.bulk_update(leads, ["created_at"], batch_size=2000)
    paths = {
        "contacted": ["contacted"],
        "booked": ["contacted", "booked"],
        "closed": ["contacted", "booked", "closed"],
        "not_fit": ["contacted", "not_fit"],
    }
    events = []
    for lead in Lead.objects.exclude(status="new").only(
        "pk", "status", "first_contacted_at"
    ):
        at, previous = lead.first_contacted_at, "new"
        for step in paths[lead.status]:
            events.append(
                LeadEvent(
                    lead_id=lead.pk,
                    kind="status",
                    from_status=previous,
                    to_status=step,
                    created_at=min(at, now),
                )
            )
            previous, at = step, at + timedelta(hours=rng.randint(2, 48))
    LeadEvent.objects.bulk_create(events, batch_size=5000)
    today = timezone.localdate()
    days = [today - timedelta(days=d) for d in range(DAYS)]

    def counters(make):
        return [make(day, campaign) for day in days for campaign in CAMPAIGNS]

    AdSpend.objects.bulk_create(
        counters(
            lambda day, campaign: AdSpend(
                day=day,
                source="bing",
                campaign=campaign,
                cost=rng.randint(20, 90),
                currency="USD",
            )
        ),
        batch_size=5000,
    )
    for model, page in ((CampaignVisit, None), (CallClick, "/")):
        extra = {"page": page} if page else {}
        model.objects.bulk_create(
            counters(
                lambda day, campaign, model=model, extra=extra: model(
                    day=day,
                    utm_source="google",
                    utm_campaign=campaign,
                    count=rng.randint(1, 60),
                    **extra,
                )
            ),
            batch_size=5000,
        )
    return days


def spend_file(days, cents):
    """A year of Google Ads spend as its campaign report lays it out."""
    lines = ["Campaign report", "Last 365 days", "Day,Campaign,Currency code,Cost"]
    for day in days:
        for n, campaign in enumerate(CAMPAIGNS):
            lines.append(f"{day.isoformat()},{campaign},USD,{30 + n}.{cents:02d}")
    return ("\n".join(lines) + "\n").encode()


def timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def main():
    exit_on_signals()
    env = production_env()
    manage(env, "migrate", "--no-input", "-v0")
    setup_django(env)
    from campaigns.conversions import conversions_export
    from campaigns.report import campaign_report
    from campaigns.spend import parse_spend_file, spend_import
    from locations.models import Location

    started = time.perf_counter()
    days = seed()
    log(f"bench: seeded {LEADS} leads in {time.perf_counter() - started:.0f} s")
    end, month_start, year_start = days[0], days[29], days[-1]
    campaign_report(start=month_start, end=end)  # warm up
    _, month = timed(lambda: campaign_report(start=month_start, end=end))
    with CaptureQueriesContext(connection) as queries:
        _, year = timed(lambda: campaign_report(start=year_start, end=end))
    office = Location.objects.first()
    _, one_office = timed(
        lambda: campaign_report(start=year_start, end=end, location=office)
    )

    def upload(cents):
        data = spend_file(days, cents)
        return timed(
            lambda: spend_import(parsed=parse_spend_file(data), source="google")
        )

    rows = len(days) * len(CAMPAIGNS)
    _, first_import = upload(50)
    replaced, replace_import = upload(75)
    same, same_import = upload(75)
    if replaced.replaced != rows or same.created or same.replaced:
        raise SystemExit("bench: importing again did not replace, or changed spend")

    exported, export_time = timed(
        lambda: conversions_export(platform="google", since=year_start)
    )
    second, second_time = timed(
        lambda: conversions_export(platform="google", since=year_start)
    )
    if second.rows:
        raise SystemExit("bench: a second export listed conversions again")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"campaigns: {LEADS} leads: report 30 d {month * 1000:.0f} ms, 365 d "
        f"{year * 1000:.0f} ms (one office {one_office * 1000:.0f} ms), "
        f"{len(queries)} queries; spend upload of {rows} rows {first_import:.1f} s, "
        f"replaced {replace_import:.1f} s, same file again {same_import:.1f} s; "
        f"conversions {exported.rows} rows "
        f"{export_time:.1f} s, again {second_time:.1f} s; peak RSS {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
