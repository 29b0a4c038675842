"""Taps on a phone number: only pages that exist count, and one client's taps
count up to a daily allowance, however the beacon is forged."""

import pytest
from django.utils import timezone

from attribution.models import CallClick
from tests.factories import make_location, make_post

pytestmark = pytest.mark.django_db


def tap(client, page, **headers):
    return client.post(
        "/calls/", {"page": page}, HTTP_SEC_FETCH_SITE="same-origin", **headers
    )


def test_forged_taps_on_made_up_articles_count_nothing(client):
    """50 beacons with a forged same-origin header, each naming an article that
    does not exist, behind a real campaign's cookie: no counter at all."""
    post = make_post("Knee pain")
    client.get(post.get_absolute_url() + "?utm_source=google&utm_campaign=knees")
    for n in range(50):
        assert tap(client, f"/articles/made-up-{n}/").status_code == 400
    assert not CallClick.objects.exists()


def test_taps_on_pages_that_exist_are_counted(client):
    post = make_post("Knee pain")
    office = make_location(name="Birch Court", slug="birch-court")
    for page in (
        "/",
        "/contact/",
        post.get_absolute_url(),
        f"/locations/{office.slug}/",
    ):
        assert tap(client, page).status_code == 204
    assert sorted(CallClick.objects.values_list("page", flat=True)) == sorted(
        ["/", "/contact/", post.get_absolute_url(), "/locations/birch-court/"]
    )


def test_an_unpublished_article_or_unknown_office_is_not_a_page(client):
    draft = make_post("Draft", status="draft")
    assert tap(client, f"/articles/{draft.slug}/").status_code == 400
    assert tap(client, "/locations/nowhere/").status_code == 400
    assert not CallClick.objects.exists()


def test_one_client_counts_at_most_the_days_allowance(client, settings):
    settings.CALL_CLICKS_PER_CLIENT_A_DAY = 3
    post = make_post("Knee pain")
    for _ in range(50):
        assert tap(client, post.get_absolute_url()).status_code == 204
    assert CallClick.objects.get().count == 3
    # Another visitor's taps still count.
    tap(client, post.get_absolute_url(), REMOTE_ADDR="192.0.2.77")
    assert CallClick.objects.get().count == 4


def test_a_tap_on_an_article_looks_the_article_up_once(
    client, django_assert_num_queries
):
    post = make_post("Knee pain")
    tap(client, post.get_absolute_url())
    # The article (by its view's rule) and the counter's update.
    with django_assert_num_queries(2):
        assert tap(client, post.get_absolute_url()).status_code == 204
    assert CallClick.objects.get().count == 2


def test_call_beacon_counts_per_page_day_and_campaign(client):
    post = make_post("Knee pain")
    client.get(post.get_absolute_url() + "?utm_source=newsletter&utm_campaign=knees")
    for _ in range(3):
        response = client.post(
            "/calls/",
            {"page": post.get_absolute_url()},
            HTTP_SEC_FETCH_SITE="same-origin",
        )
        assert response.status_code == 204
    click = CallClick.objects.get()
    assert click.count == 3
    assert click.article == post
    assert (click.utm_source, click.utm_campaign) == ("newsletter", "knees")
    assert click.day == timezone.localdate()


def test_call_beacon_without_same_origin_signal_or_unknown_page_is_refused(client):
    assert client.post("/calls/", {"page": "/"}).status_code == 403
    response = client.post(
        "/calls/", {"page": "/no-such-page/"}, HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 400
    assert not CallClick.objects.exists()


def test_call_beacon_from_another_site_is_refused(client):
    response = client.post("/calls/", {"page": "/"}, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert not CallClick.objects.exists()
