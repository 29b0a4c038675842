"""
The campaign report's figures: per first-touch source and campaign, what was
spent and what it brought (visits, leads, calls, booked, new patients). Counts
only, never a lead's details. No HTTP here; campaigns.admin.report shows it.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from statistics import median

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import Lower
from django.utils import timezone

from attribution.models import CallClick, CampaignVisit
from campaigns.models import AdSpend
from leads.models import Lead
from leads.outcomes import Outcome, outcome_events, outcome_times

# About two years: longer periods are refused, so a page stays quick.
MAX_DAYS = 731
DIRECT = "direct"
OTHER = "(other)"
# Campaigns with visits or calls but neither spend nor leads, shown one by one.
MAX_OTHER_ROWS = 30
NO_CAMPAIGN = "(none)"


@dataclass
class ReportRow:
    """One source and campaign (source lowercased), or the totals."""

    source: str
    campaign: str
    spend: Decimal = Decimal("0")
    visits: int = 0
    leads: int = 0
    calls: int = 0
    booked: int = 0
    patients: int = 0
    # Times from arrival to first contact, in seconds, of the leads contacted.
    contact_seconds: list = field(default_factory=list, repr=False)
    is_total: bool = False

    @property
    def source_label(self):
        return "Total" if self.is_total else self.source or DIRECT

    @property
    def campaign_label(self):
        return "" if self.is_total else self.campaign or NO_CAMPAIGN

    @property
    def contacted(self):
        return len(self.contact_seconds)

    @property
    def cost_per_lead(self):
        return _per(self.spend, self.leads)

    @property
    def cost_per_booked(self):
        return _per(self.spend, self.booked)

    @property
    def median_contact(self):
        """The median time to first contact (a timedelta), None without one."""
        if not self.contact_seconds:
            return None
        return timedelta(seconds=round(median(self.contact_seconds)))

    def add(self, other):
        """Add `other`'s figures to this row's (the totals)."""
        self.spend += other.spend
        for name in ("visits", "leads", "calls", "booked", "patients"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.contact_seconds.extend(other.contact_seconds)


@dataclass
class Report:
    start: date
    end: date
    location: object
    currency: str
    rows: list
    totals: ReportRow
    # With an office chosen: the spend for all offices (not split), left out.
    unsplit_spend: Decimal = Decimal("0")
    # Spend rows in another currency than CAMPAIGNS_CURRENCY, left out.
    other_currency_rows: int = 0


def _per(spend, count):
    """Spend per one of `count`, to the cent; None without spend or count."""
    if not spend or not count:
        return None
    return (spend / count).quantize(Decimal("0.01"))


def period_check(start, end):
    """Raise ValueError with a message a person can act on unless `start` to
    `end` (inclusive) is a period the report covers."""
    if end < start:
        raise ValueError("The end date is before the start date.")
    days = (end - start).days + 1
    if days > MAX_DAYS:
        raise ValueError(
            f"Choose a period of at most {MAX_DAYS} days (about two years); "
            f"this one has {days}."
        )


def period_bounds(start, end):
    """The aware datetimes [start, end) of local days `start` to `end`
    (inclusive), in the clinic's time zone (TIME_ZONE)."""
    zone = timezone.get_default_timezone()
    return (
        timezone.make_aware(datetime.combine(start, time.min), zone),
        timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), zone),
    )


def _key(source, campaign):
    """A row's key: the source lowercased ("direct" without one), and the
    campaign compared without case or repeated spaces (an ad platform's
    "Spring Sale" and a link's "spring sale" are one campaign)."""
    return (
        (source or "").strip().lower() or DIRECT,
        " ".join((campaign or "").split()).casefold(),
    )


def campaign_report(*, start, end, location=None):
    """
    The report for local days `start` to `end` (inclusive) and one office
    (`location`) or all: a Report whose rows are one per (source, campaign),
    the source compared lowercased, and whose totals cover every row.

    Leads are the non-spam leads that arrived in the period (at the office);
    booked and new patients count those of them that reached the outcome
    (leads.outcomes), whenever they did. Spend is the office's own (spend for
    all offices is not split, only reported as left out); visits and calls are
    not kept per office, so they are always for all offices.
    """
    period_check(start, end)
    currency = settings.CAMPAIGNS_CURRENCY
    since, until = period_bounds(start, end)
    leads = Lead.objects.not_spam().filter(created_at__gte=since, created_at__lt=until)
    if location is not None:
        leads = leads.filter(location=location)
    rows = {}
    _add_leads(rows, leads)
    left_out = _add_spend(
        rows, start=start, end=end, location=location, currency=currency
    )
    _add_visits_and_calls(rows, start=start, end=end)
    totals = ReportRow(source="", campaign="", is_total=True)
    for each in rows.values():
        totals.add(each)
    return Report(
        start=start,
        end=end,
        location=location,
        currency=currency,
        rows=sort_rows(list(rows.values())),
        totals=totals,
        # Without an office chosen, spend for all offices is counted in full.
        unsplit_spend=(location and left_out["unsplit"]) or Decimal("0"),
        other_currency_rows=left_out["other_currency"],
    )


def _row(rows, source, campaign):
    """The row of `rows` (by _key) for this source and campaign, added if new."""
    key = _key(source, campaign)
    if key not in rows:
        rows[key] = ReportRow(source=key[0], campaign=" ".join(campaign.split()))
    return rows[key]


def _add_leads(rows, leads):
    """Count `leads` in their rows, with the booked, the new patients and the
    times to first contact."""
    for group in (
        leads.annotate(source=Lower("utm_source"))
        .values("source", "utm_campaign")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        _row(rows, group["source"], group["utm_campaign"]).leads += group["n"]

    # The median and the outcomes need each lead: read only those contacted
    # or with an outcome, a few small columns each.
    reached = outcome_times(leads)
    fields = ["pk", "utm_source", "utm_campaign", "created_at", "first_contacted_at"]
    each_lead = leads.filter(
        Q(first_contacted_at__isnull=False)
        | Exists(outcome_events().filter(lead=OuterRef("pk")))
    ).values_list(*fields)
    for pk, source, campaign, created, contacted in each_lead:
        target = _row(rows, source, campaign)
        outcomes = reached.get(pk, {})
        target.booked += Outcome.BOOKED in outcomes
        target.patients += Outcome.PATIENT in outcomes
        if contacted is not None:
            target.contact_seconds.append((contacted - created).total_seconds())


def _add_spend(rows, *, start, end, location, currency):
    """Add the period's spend in `currency` (the office's own, with one chosen)
    to its rows. Returns what was left out: {"unsplit": the spend for all
    offices, "other_currency": how many rows were in another currency}."""
    spend = AdSpend.objects.filter(day__gte=start, day__lte=end)
    left_out = spend.aggregate(
        unsplit=Sum("cost", filter=Q(location__isnull=True, currency=currency)),
        other_currency=Count("pk", filter=~Q(currency=currency)),
    )
    counted = spend.filter(currency=currency)
    if location is not None:
        counted = counted.filter(location=location)
    for group in (
        counted.annotate(src=Lower("source"))
        .values("src", "campaign")
        .annotate(cost=Sum("cost"))
        .order_by()
    ):
        target = _row(rows, group["src"], group["campaign"])
        target.spend += group["cost"]
        target.campaign = group["campaign"]  # the ad platform's own spelling
    return left_out


def _add_visits_and_calls(rows, *, start, end):
    """
    Visits and calls: campaigns with spend or leads get theirs; the busiest
    others get rows of their own, up to MAX_OTHER_ROWS, and the rest (anyone
    can make up a campaign in a link) are counted together.
    """
    only_counted = {}
    for model, name in ((CampaignVisit, "visits"), (CallClick, "calls")):
        for group in (
            model.objects.filter(day__gte=start, day__lte=end)
            .annotate(source=Lower("utm_source"))
            .values("source", "utm_campaign")
            .annotate(n=Sum("count"))
            .order_by()
        ):
            key = _key(group["source"], group["utm_campaign"])
            if key in rows:
                target = rows[key]
            else:
                target = only_counted.setdefault(
                    key, ReportRow(source=key[0], campaign=group["utm_campaign"])
                )
            setattr(target, name, getattr(target, name) + group["n"])
    busiest = sorted(only_counted.items(), key=lambda kv: -(kv[1].visits + kv[1].calls))
    rows.update(busiest[:MAX_OTHER_ROWS])
    if len(busiest) > MAX_OTHER_ROWS:
        more = len(busiest) - MAX_OTHER_ROWS
        rest = ReportRow(
            source=OTHER, campaign=f"{more} more campaigns with visits or calls only"
        )
        for counted in dict(busiest[MAX_OTHER_ROWS:]).values():
            rest.add(counted)
        rows[(OTHER, "")] = rest


# The report's columns: (name in ?sort=, heading, a row's value for sorting).
COLUMNS = [
    ("source", "Source", lambda r: r.source_label.lower()),
    ("campaign", "Campaign", lambda r: r.campaign_label.lower()),
    ("spend", "Spend", lambda r: r.spend),
    ("visits", "Visits", lambda r: r.visits),
    ("leads", "Leads", lambda r: r.leads),
    ("calls", "Calls", lambda r: r.calls),
    ("booked", "Booked", lambda r: r.booked),
    ("patients", "Became patients", lambda r: r.patients),
    ("cost_per_lead", "Cost per lead", lambda r: r.cost_per_lead),
    ("cost_per_booked", "Cost per booked patient", lambda r: r.cost_per_booked),
    ("median", "Median time to first contact", lambda r: r.median_contact),
]
COLUMN_NAMES = [name for name, _heading, _value in COLUMNS]
TEXT_COLUMNS = {"source", "campaign"}
DEFAULT_SORT = ("spend", "desc")


def sort_choice(column, direction):
    """The (column, direction) a report is sorted by when asked for these:
    an unknown column is the default (spend, most first); a known one without
    a direction sorts names A to Z and figures most first."""
    if column not in COLUMN_NAMES:
        return DEFAULT_SORT
    if direction not in ("asc", "desc"):
        direction = "asc" if column in TEXT_COLUMNS else "desc"
    return column, direction


def sort_rows(rows, column=DEFAULT_SORT[0], direction=DEFAULT_SORT[1]):
    """`rows` ordered by `column` and `direction` (as sort_choice reads
    them); rows without a figure ("—") come last either way, ties by source
    and campaign."""
    column, direction = sort_choice(column, direction)
    value = dict((name, get) for name, _heading, get in COLUMNS)[column]
    by_name = sorted(rows, key=lambda r: (r.source_label, r.campaign_label))
    present = [r for r in by_name if value(r) is not None]
    missing = [r for r in by_name if value(r) is None]
    # sorted() keeps equal rows in their order, reversed or not.
    return sorted(present, key=value, reverse=direction == "desc") + missing
