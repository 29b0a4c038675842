"""The campaign report: its figures (campaigns.report), page and CSV download."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from attribution.models import CallClick, CampaignVisit
from campaigns.models import AdSpend
from campaigns.report import campaign_report, sort_rows
from leads.models import Lead, LeadEvent
from tests.factories import (
    make_editor,
    make_front_desk,
    make_lead,
    make_location,
    make_topic,
    make_user,
)

pytestmark = pytest.mark.django_db

START, END = date(2025, 3, 1), date(2025, 3, 31)
URL = "admin:campaigns_report"
PERIOD = {"start": "2025-03-01", "end": "2025-03-31"}


def at(day, hour=12, minute=0):
    """A moment on a local (New York) day."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def lead(day, source="google", campaign="spring", *, hour=12, minute=0, **extra):
    """A lead that arrived on `day`; `contacted` minutes later first contacted;
    `reached` a list of statuses it moved to (on `reached_on`, default the day
    after it arrived)."""
    contacted = extra.pop("contacted", None)
    reached = extra.pop("reached", ())
    reached_on = extra.pop("reached_on", day + timedelta(days=1))
    made = make_lead(utm_source=source, utm_campaign=campaign, **extra)
    created = at(day, hour, minute)
    Lead.objects.filter(pk=made.pk).update(
        created_at=created,
        first_contacted_at=created + timedelta(minutes=contacted)
        if contacted is not None
        else None,
    )
    for status in reached:
        LeadEvent.objects.create(
            lead=made,
            kind=LeadEvent.Kind.STATUS,
            to_status=status,
            created_at=at(reached_on),
        )
    return made


def spend(day, cost, source="Google", campaign="spring", location=None, **extra):
    return AdSpend.objects.create(
        day=day,
        source=source,
        campaign=campaign,
        location=location,
        cost=Decimal(cost),
        currency=extra.pop("currency", "USD"),
    )


@pytest.fixture
def offices():
    return make_location("Northgate"), make_location("Southbank")


@pytest.fixture
def march(offices):
    """google/spring in March 2025: spend at each office and for all, five
    leads (one at the second office), visits and calls; around them, what
    must not count (spam, other days, spend before the period)."""
    first, second = offices
    Status = Lead.Status
    spend(date(2025, 3, 5), "100.00", location=first)
    spend(date(2025, 3, 6), "50.00", location=second)
    spend(date(2025, 3, 7), "30.00")  # all offices
    spend(date(2025, 2, 28), "999.00", location=first)  # before the period
    spend(date(2025, 3, 9), "20.00", source="bing", campaign="brand")
    # Booked after the period ends still counts: the lead arrived in it.
    lead(
        date(2025, 3, 2),
        location=first,
        contacted=10,
        reached=[Status.BOOKED],
        reached_on=date(2025, 4, 10),
    )
    lead(date(2025, 3, 3), location=first, contacted=30, reached=["booked", "closed"])
    lead(date(2025, 3, 4), location=first)
    lead(date(2025, 3, 8), "GOOGLE", location=second, contacted=60)
    lead(END, location=first, hour=23, minute=30)  # 03:30 UTC on April 1
    lead(
        date(2025, 3, 10),
        location=first,
        contacted=5,
        is_spam=True,
        status=Status.SPAM,
        reached=[Status.BOOKED],
    )
    lead(date(2025, 4, 1), location=first, hour=0, minute=30)
    lead(date(2025, 2, 28), location=first, hour=23, minute=30)
    lead(date(2025, 3, 12), "", "", location=first)
    lead(date(2025, 3, 13), "", "", location=second)
    CampaignVisit.objects.create(
        day=date(2025, 3, 10), utm_source="google", utm_campaign="spring", count=40
    )
    CampaignVisit.objects.create(
        day=date(2025, 4, 1), utm_source="google", utm_campaign="spring", count=5
    )
    calls = {"page": "/", "utm_source": "Google", "utm_campaign": "spring"}
    CallClick.objects.create(day=date(2025, 3, 11), count=6, **calls)
    return offices


def by_key(report):
    return {(r.source_label, r.campaign_label): r for r in report.rows}


def test_figures_per_campaign_for_all_offices(march):
    """Spend, visits, leads, calls, outcomes and costs of google/spring, the
    source matched regardless of capitals."""
    rows = by_key(campaign_report(start=START, end=END))
    row = rows[("google", "spring")]
    assert row.spend == Decimal("180.00")
    assert (row.visits, row.leads, row.calls) == (40, 5, 6)
    assert (row.booked, row.patients) == (2, 1)
    assert row.cost_per_lead == Decimal("36.00")
    assert row.cost_per_booked == Decimal("90.00")
    assert row.median_contact == timedelta(minutes=30)
    assert set(rows) == {("google", "spring"), ("bing", "brand"), ("direct", "(none)")}
    assert rows[("bing", "brand")].cost_per_lead is None  # spend but no leads
    assert rows[("direct", "(none)")].cost_per_lead is None  # leads but no spend
    assert rows[("direct", "(none)")].median_contact is None


def test_totals_add_up_and_take_the_median_over_all_leads(march):
    """The totals row sums every row; its median is over every contacted lead."""
    totals = campaign_report(start=START, end=END).totals
    assert totals.spend == Decimal("200.00")
    assert (totals.visits, totals.leads, totals.calls) == (40, 7, 6)
    assert (totals.booked, totals.patients) == (2, 1)
    assert totals.cost_per_lead == Decimal("28.57")
    assert totals.cost_per_booked == Decimal("100.00")
    assert totals.median_contact == timedelta(minutes=30)


def test_one_office_has_its_leads_and_spend_only(march):
    """Leads at the other office and its spend are left out; spend for all
    offices is left out too and reported; visits and calls stay whole."""
    first, _second = march
    report = campaign_report(start=START, end=END, location=first)
    row = by_key(report)[("google", "spring")]
    assert row.spend == Decimal("100.00")
    assert (row.leads, row.booked, row.patients) == (4, 2, 1)
    assert (row.visits, row.calls) == (40, 6)
    assert row.cost_per_lead == Decimal("25.00")
    assert row.median_contact == timedelta(minutes=20)
    assert report.unsplit_spend == Decimal("50.00")  # google 30 + bing 20
    assert by_key(report)[("direct", "(none)")].leads == 1


def test_spend_in_another_currency_is_left_out_and_counted(offices):
    """Spend in another currency is not added in, and the page says how many rows."""
    spend(date(2025, 3, 5), "10.00")
    spend(date(2025, 3, 5), "80.00", campaign="euro", currency="EUR")
    report = campaign_report(start=START, end=END)
    assert report.totals.spend == Decimal("10.00")
    assert report.other_currency_rows == 1


def test_a_period_longer_than_two_years_or_backwards_is_refused():
    """The figures refuse a backwards period or one over two years, saying why."""
    with pytest.raises(ValueError, match="at most 731 days"):
        campaign_report(start=date(2023, 1, 1), end=date(2025, 1, 2))
    with pytest.raises(ValueError, match="before the start"):
        campaign_report(start=END, end=START)


def test_rows_sort_by_any_column_with_blanks_last(march):
    """Any column sorts either way; rows without a figure ("—") come last."""
    rows = campaign_report(start=START, end=END).rows
    assert [r.source_label for r in rows] == ["google", "bing", "direct"]
    by_leads = sort_rows(rows, "leads", "asc")
    assert [r.leads for r in by_leads] == [0, 2, 5]
    by_cost = sort_rows(rows, "cost_per_lead", "asc")
    assert [r.source_label for r in by_cost] == ["google", "bing", "direct"]
    assert [r.source_label for r in sort_rows(rows, "source", "asc")] == [
        "bing",
        "direct",
        "google",
    ]
    assert sort_rows(rows, "nonsense", "up") == rows  # spend, most first


# The page -----------------------------------------------------------------


def signed_in(client, user):
    client.force_login(user)
    return client


def test_page_shows_figures_definitions_and_chart(marketing, march):
    """The page shows exact figures with the currency, what they mean, and the chart
    with its table alternative."""
    response = marketing.get(reverse(URL), PERIOD)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<caption" in html and "<tfoot>" in html
    assert "<td>USD\xa0180.00</td>" in html
    assert "<td>USD\xa036.00</td>" in html and "<td>30 min</td>" in html
    assert 'role="img"' in html and "<desc" in html
    assert "The same figures as a table" in html
    assert (
        '<th scope="row">google / spring</th><td>USD\xa0180.00</td><td>2</td>' in html
    )
    assert 'aria-sort="descending"' in html  # spend, most first
    assert "How the figures are counted" in html
    assert "(all offices)" not in html


def test_page_for_one_office_notes_the_spend_left_out(marketing, march):
    """With an office chosen, the unsplit spend left out is stated and visits and
    calls are labelled as for all offices."""
    first, _second = march
    response = marketing.get(reverse(URL), {**PERIOD, "location": first.pk})
    html = response.content.decode()
    assert "USD\xa050.00 of spend for all offices" in html
    assert "Visits (all offices)" in html and "Calls (all offices)" in html


def test_sorting_links_sort_the_table(marketing, march):
    """Header links sort the rows, mark the sorted header, and turn it round."""
    response = marketing.get(reverse(URL), {**PERIOD, "sort": "leads", "dir": "asc"})
    html = response.content.decode()
    body = html.split("<tbody>", 1)[1]
    assert body.index(">bing<") < body.index(">direct<") < body.index(">google<")
    assert 'aria-sort="ascending"' in html
    assert "sort=leads&amp;dir=desc" in html  # selecting it again turns it round
    assert marketing.get(reverse(URL), {**PERIOD, "sort": "x"}).status_code == 200


def test_page_for_marketing_shows_no_lead_details(marketing, offices):
    """Counts only: no name, e-mail, message or topic of a lead on the page."""
    topic = make_topic("Sciatica relief")
    lead(
        date(2025, 3, 3),
        name="Harriet Quimby",
        email="harriet@example.test",
        message="My left knee clicks on stairs.",
        topic=topic,
        contacted=5,
    )
    response = marketing.get(reverse(URL), PERIOD)
    assert response.status_code == 200
    assert response.context["report"].totals.leads == 1  # the lead is counted
    html = response.content.decode()
    for detail in ["Harriet", "harriet@example.test", "knee clicks", "Sciatica"]:
        assert detail not in html


@pytest.mark.parametrize(
    "make, status",
    [
        (lambda: make_user(is_superuser=True), 200),
        (lambda: make_user(groups=["Marketing"]), 200),
        (make_front_desk, 403),
        (make_editor, 403),
    ],
)
def test_only_superusers_and_marketing_see_the_report(client, make, status):
    """Page and CSV need campaigns.view_adspend: front desk and editors get 403."""
    signed_in(client, make())
    assert client.get(reverse(URL), PERIOD).status_code == status
    csv_status = client.get(reverse(URL), {**PERIOD, "format": "csv"}).status_code
    assert csv_status == status


def test_page_opens_on_the_last_30_days(marketing):
    """Without a choice, the form and report cover the last 30 days."""
    today = timezone.localdate()
    html = marketing.get(reverse(URL)).content.decode()
    assert f'value="{(today - timedelta(days=29)).isoformat()}"' in html
    assert f'value="{today.isoformat()}"' in html


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": "2025-13-45", "end": "2025-03-31"}, "Enter a valid date."),
        ({"start": "2025-03-31", "end": "2025-03-01"}, "before the start date"),
        ({"start": "2022-01-01", "end": "2025-03-01"}, "at most 731 days"),
        ({"start": "0001-01-01", "end": "9999-12-31"}, "Choose a date from 2000"),
        ({**PERIOD, "location": "abc"}, "Select a valid choice"),
        ({"start": "", "end": ""}, "This field is required."),
    ],
)
def test_bad_input_gets_a_form_error_not_a_500(marketing, query, message):
    """Bad dates or office, for the page or the CSV, get a clear form error."""
    for extra in ({}, {"format": "csv"}):
        response = marketing.get(reverse(URL), {**query, **extra})
        assert response.status_code == 200
        assert message in response.content.decode()


def test_page_costs_a_fixed_number_of_queries(
    marketing, march, django_assert_max_num_queries
):
    """The page's queries do not grow with the number of campaigns."""
    for n in range(10):
        lead(
            date(2025, 3, 14),
            "news",
            f"letter {n}",
            contacted=n,
            reached=[Lead.Status.BOOKED],
        )
    first, _second = march
    # Sign-in and session (6), the office chosen and the office list (2), the
    # report (7), whatever the number of campaigns.
    with django_assert_max_num_queries(16):
        marketing.get(reverse(URL), {**PERIOD, "location": first.pk})


# The CSV ------------------------------------------------------------------


def test_a_campaign_is_one_row_whatever_its_case_or_spacing():
    """The platform's "Spring  Sale" spend and a link's "spring sale" leads
    meet in one row, named as the platform names it."""
    spend(date(2025, 3, 5), "40.00", campaign="Spring  Sale")
    lead(date(2025, 3, 6), "google", "spring sale")
    lead(date(2025, 3, 7), "GOOGLE", " Spring Sale ")
    report = campaign_report(start=date(2025, 3, 1), end=date(2025, 3, 31))
    (row,) = report.rows
    assert (row.campaign, row.leads, row.cost_per_lead) == (
        "Spring  Sale",
        2,
        Decimal("20.00"),
    )


def test_campaigns_with_only_visits_beyond_a_limit_are_one_row(monkeypatch):
    """Anyone can make up a campaign in a link: past MAX_OTHER_ROWS, visit-
    and call-only campaigns are counted together; totals keep every visit."""
    monkeypatch.setattr("campaigns.report.MAX_OTHER_ROWS", 2)
    spend(date(2025, 3, 5), "40.00", campaign="real")
    for n, visits in enumerate([9, 7, 5, 3]):
        CampaignVisit.objects.create(
            day=date(2025, 3, 6),
            utm_source="x",
            utm_campaign=f"made-up-{n}",
            count=visits,
        )
    report = campaign_report(start=date(2025, 3, 1), end=date(2025, 3, 31))
    shown = {(r.source_label, r.campaign_label): r.visits for r in report.rows}
    assert shown == {
        ("google", "real"): 0,
        ("x", "made-up-0"): 9,
        ("x", "made-up-1"): 7,
        ("(other)", "2 more campaigns with visits or calls only"): 8,
    }
    assert report.totals.visits == 24
