"""Which campaign a visit started from: click ids (gbraid and wbraid too),
the source a click id stands for, and the daily visit counter."""

from unittest import mock

import pytest
from django.db import DatabaseError
from django.db.models import QuerySet
from django.utils import timezone

from attribution import services, touches
from attribution.models import CallClick, CampaignVisit
from attribution.services import count_up
from leads.models import Lead
from locations.selectors import public_locations
from tests.factories import make_post
from tests.leads.test_views import CONTACT, valid_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("click", ["gclid", "gbraid", "wbraid", "msclkid"])
def test_click_ids_from_landing_urls_reach_the_lead(client, click):
    post = make_post()
    client.get(f"{post.get_absolute_url()}?{click}=Abc-123_x")
    client.post(CONTACT, valid_data())
    lead = Lead.objects.get()
    assert lead.first_touch[click] == "Abc-123_x"
    assert lead.last_touch[click] == "Abc-123_x"


@pytest.mark.parametrize(
    ("query", "source"),
    [
        ("gclid=a1", "google"),
        ("gbraid=a1", "google"),
        ("wbraid=a1", "google"),
        ("msclkid=a1", "bing"),
        ("fbclid=a1", "facebook"),
        ("utm_source=newsletter&gclid=a1", "newsletter"),  # utm_source wins
    ],
)
def test_an_auto_tagged_click_counts_for_its_platform(client, query, source):
    """Google's auto-tagging adds a click id and no utm_source: the lead, the
    visit counter and the call counter all name the platform."""
    post = make_post()
    client.get(f"{post.get_absolute_url()}?{query}")
    client.post(
        "/calls/", {"page": post.get_absolute_url()}, HTTP_SEC_FETCH_SITE="same-origin"
    )
    client.post(CONTACT, valid_data())
    assert Lead.objects.get().utm_source == source
    assert CampaignVisit.objects.get().utm_source == source
    assert CallClick.objects.get().utm_source == source


def test_each_visitor_is_counted_once_per_campaign_visit_and_day(client):
    post = make_post()
    url = post.get_absolute_url() + "?utm_source=google&utm_campaign=spring"
    for _ in range(3):  # three pages by one visitor
        client.get(url)
    client.cookies.clear()
    client.get(url)  # a second visitor
    client.cookies.clear()
    client.get(post.get_absolute_url() + "?utm_source=google&utm_campaign=autumn")
    counts = {(v.day, v.utm_campaign): v.count for v in CampaignVisit.objects.all()}
    today = timezone.localdate()
    assert counts == {(today, "spring"): 2, (today, "autumn"): 1}


def test_visits_without_a_campaign_are_not_counted(client):
    post = make_post()
    client.get(post.get_absolute_url())
    client.cookies.clear()
    client.get(post.get_absolute_url(), HTTP_REFERER="https://elsewhere.example/")
    client.cookies.clear()
    client.get(post.get_absolute_url() + "?utm_campaign=no-source")
    assert not CampaignVisit.objects.exists()


def test_a_counter_the_database_cannot_write_never_costs_the_page(client, caplog):
    post = make_post()
    with mock.patch.object(
        services, "count_up", side_effect=DatabaseError("database is down")
    ):
        response = client.get(post.get_absolute_url() + "?gclid=abc")
    assert response.status_code == 200
    assert touches.FIRST_TOUCH_COOKIE in response.cookies
    assert "Could not count a campaign visit" in caplog.text
    assert "abc" not in caplog.text


def test_a_forged_first_touch_cookie_starts_a_counted_visit(client):
    """A cookie that fails its signature is no first touch: the visit is new."""
    post = make_post()
    client.cookies[touches.FIRST_TOUCH_COOKIE] = "forged"
    client.get(post.get_absolute_url() + "?utm_source=google")
    assert CampaignVisit.objects.get().count == 1


@pytest.mark.parametrize(
    "agent",
    [
        "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
        "facebookexternalhit/1.1",
        "Slackbot-LinkExpanding 1.0",
        "curl/8.5.0",
    ],
)
def test_robots_that_say_so_are_not_counted(client, agent):
    post = make_post()
    client.get(post.get_absolute_url() + "?gclid=abc", HTTP_USER_AGENT=agent)
    assert not CampaignVisit.objects.exists()


def test_made_up_campaigns_cannot_fill_the_table(client, monkeypatch):
    """Anyone can write a campaign into a link: past the day's limit of
    counters, new campaigns are counted together, known ones as before."""
    monkeypatch.setattr(services, "MAX_CAMPAIGNS_A_DAY", 3)
    post = make_post()
    for n in range(6):
        client.cookies.clear()
        client.get(f"{post.get_absolute_url()}?utm_source=x&utm_campaign=c{n}")
    client.cookies.clear()
    client.get(f"{post.get_absolute_url()}?utm_source=x&utm_campaign=c0")
    counts = dict(
        CampaignVisit.objects.values_list("utm_campaign", "count").filter(
            utm_source="x"
        )
    )
    assert counts == {"c0": 2, "c1": 1, "c2": 1}
    other = CampaignVisit.objects.get(utm_source=services.OTHER_CAMPAIGNS)
    assert other.count == 3


def test_two_servers_counting_the_first_visit_at_once_both_count():
    """Another server inserts the day's counter between our update (which
    found no row) and our insert: ours adds to its row (count_up)."""
    key = {"day": timezone.localdate(), "utm_source": "google", "utm_campaign": "x"}
    update = QuerySet.update
    rival = []

    def update_while_a_rival_inserts(queryset, **changes):
        if not rival:
            rival.append(CampaignVisit.objects.create(**key, count=1))
            return 0  # our update ran before the rival's row existed
        return update(queryset, **changes)

    with mock.patch.object(QuerySet, "update", update_while_a_rival_inserts):
        count_up(CampaignVisit, **key)
    assert CampaignVisit.objects.get(**key).count == 2


def test_reading_articles_writes_nothing_but_the_first_campaign_visit(
    client, django_assert_max_num_queries
):
    """A visit from a campaign is counted once, when its first-touch cookie is
    set (one counter per day and campaign, nothing about the visitor); the
    visitor's further pages, and direct visits, write nothing."""
    post = make_post()
    public_locations()  # the footer's, shared by every page (tests/locations)

    def writes(queries):
        return [
            q["sql"]
            for q in queries.captured_queries
            if q["sql"].startswith(("INSERT", "UPDATE"))
        ]

    with django_assert_max_num_queries(4) as queries:
        client.get(post.get_absolute_url())
    assert writes(queries) == []
    client.cookies.clear()
    # The page, then the counter: an update, and on the day's first count of
    # the campaign a count of the day's counters and an insert (count_up).
    with django_assert_max_num_queries(10) as queries:
        client.get(post.get_absolute_url() + "?utm_source=x&utm_campaign=spring")
    assert all("attribution_campaignvisit" in sql for sql in writes(queries))
    with django_assert_max_num_queries(4) as queries:
        client.get(post.get_absolute_url() + "?utm_source=x&utm_campaign=spring")
    assert writes(queries) == []
    client.cookies.clear()  # a second visitor: one update
    with django_assert_max_num_queries(5) as queries:
        client.get(post.get_absolute_url() + "?utm_source=x&utm_campaign=spring")
    assert len(writes(queries)) == 1
    visit = CampaignVisit.objects.get()
    assert (visit.utm_source, visit.utm_campaign, visit.count) == ("x", "spring", 2)
