"""Old addresses answer 301 to the new one, in one hop, only where no page is."""

import pytest
from django.db import connection
from django.http import HttpResponse, HttpResponseNotFound
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from redirects.middleware import MAX_AGE, RedirectFallbackMiddleware
from redirects.models import Redirect
from redirects.services import redirect_create, redirect_path_moved
from tests.factories import make_post

pytestmark = pytest.mark.django_db

TABLE = Redirect._meta.db_table


def redirect_queries(client, path):
    """The response to `path` and how many queries it made on redirects."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response, sum(TABLE in query["sql"] for query in captured.captured_queries)


def test_after_three_renames_every_old_address_answers_301_to_the_last(client):
    """A bookmark from any earlier name reaches the post in one hop."""
    post = make_post(slug="heel-pain")
    for old, new in [("a", "b"), ("b", "c"), ("c", "heel-pain")]:
        redirect_path_moved(old_path=f"/articles/{old}/", new_path=f"/articles/{new}/")
    for old in ("a", "b", "c"):
        response = client.get(f"/articles/{old}/")
        assert response.status_code == 301
        assert response["Location"] == post.get_absolute_url()
    assert client.get(post.get_absolute_url()).status_code == 200


def test_a_rename_undone_shows_the_page_at_its_first_address_again(client):
    """a→b then b→a: a is the page, b leads to it, nobody goes round in circles."""
    post = make_post(slug="heel-pian")
    for old, new in [("heel-pian", "heel-pain"), ("heel-pain", "heel-pian")]:
        post.slug = new
        post.save()
        redirect_path_moved(old_path=f"/articles/{old}/", new_path=f"/articles/{new}/")
    assert client.get("/articles/heel-pian/").status_code == 200
    response = client.get("/articles/heel-pain/")
    assert (response.status_code, response["Location"]) == (301, "/articles/heel-pian/")


def test_old_address_without_its_slash_is_redirected_in_one_hop(client):
    """Not first to /articles/old/ by the slash rule, then on: straight there."""
    redirect_create(old_path="/articles/old/", new_path="/articles/new/")
    response = client.get("/articles/old")
    assert (response.status_code, response["Location"]) == (301, "/articles/new/")


def test_old_address_stored_without_a_slash_answers_with_one_too(client):
    redirect_create(old_path="/old-page", new_path="/contact/")
    response = client.get("/old-page/")
    assert (response.status_code, response["Location"]) == (301, "/contact/")


def test_wordpress_address_on_the_home_page_is_redirected(client):
    """`/?p=12` would show the home page; the old post's redirect wins."""
    post = make_post(slug="sciatica-basics")
    redirect_create(old_path="/?p=12", new_path=post.get_absolute_url())
    response = client.get("/?p=12")
    assert (response.status_code, response["Location"]) == (
        301,
        post.get_absolute_url(),
    )
    assert client.get("/?p=13").status_code == 200
    assert client.get("/").status_code == 200


def test_wordpress_address_with_a_path_is_redirected(client):
    redirect_create(old_path="/index.php?p=12", new_path="/articles/x/")
    response = client.get("/index.php?p=12")
    assert (response.status_code, response["Location"]) == (301, "/articles/x/")
    assert client.get("/index.php?p=99").status_code == 404


def test_campaign_tags_survive_the_redirect(client):
    """A newsletter link to an old address still counts for its campaign."""
    redirect_create(old_path="/articles/old/", new_path="/articles/new/")
    response = client.get("/articles/old/?utm_source=news&utm_medium=email")
    assert response["Location"] == "/articles/new/?utm_source=news&utm_medium=email"


def test_address_with_letters_beyond_ascii_is_redirected(client):
    redirect_create(old_path="/caf%C3%A9/", new_path="/articles/café/")
    response = client.get("/caf%C3%A9/")
    assert (response.status_code, response["Location"]) == (
        301,
        "/articles/caf%C3%A9/",
    )


def test_redirect_is_permanent_but_browsers_ask_again_after_an_hour(client):
    """An address can become a page again (a rename undone)."""
    redirect_create(old_path="/old/", new_path="/contact/")
    response = client.get("/old/")
    assert f"max-age={MAX_AGE}" in response["Cache-Control"]


def test_a_live_page_is_never_hidden_by_a_redirect(client):
    """Only a 404 is redirected: a page that answers keeps answering."""
    post = make_post(slug="live")
    Redirect.objects.create(old_path=post.get_absolute_url(), new_path="/contact/")
    assert client.get(post.get_absolute_url()).status_code == 200


def test_a_404_seen_before_the_redirect_existed_does_not_hide_it(client):
    """The page cache keeps only 200s: a redirect added later answers at once."""
    assert client.get("/articles/gone/").status_code == 404
    redirect_create(old_path="/articles/gone/", new_path="/articles/")
    assert client.get("/articles/gone/").status_code == 301


def test_renamed_post_cached_under_its_old_address_redirects_at_once(client):
    """The old address's cached page goes with the rename (saving a post
    clears the page cache), so the redirect answers straight away."""
    post = make_post(slug="old-name")
    assert client.get("/articles/old-name/").status_code == 200  # now cached
    post.slug = "new-name"
    post.save()
    redirect_path_moved(old_path="/articles/old-name/", new_path="/articles/new-name/")
    response = client.get("/articles/old-name/")
    assert (response.status_code, response["Location"]) == (301, "/articles/new-name/")


def test_stored_circle_is_not_served(client):
    """A redirect to the requested address itself (written around the rules)
    gives the page's 404, not a redirect loop."""
    Redirect.objects.bulk_create([Redirect(old_path="/loop", new_path="/loop/")])
    assert client.get("/loop/").status_code == 404


@pytest.mark.parametrize("path", ["/%00/", "/a%0A/", "/%5Cx/", "/" + "x" * 600])
def test_hostile_request_addresses_get_the_404_page(client, path):
    """Addresses that cannot be stored are not looked up (NUL would break the
    query on PostgreSQL): the visitor gets the normal 404."""
    response, queries = redirect_queries(client, path)
    assert (response.status_code, queries) == (404, 0)


def test_a_404_costs_one_query():
    redirect_create(old_path="/old/", new_path="/new/")
    middleware = RedirectFallbackMiddleware(lambda request: HttpResponseNotFound())
    for path in ("/missing/?p=1", "/old"):
        with CaptureQueriesContext(connection) as captured:
            middleware(RequestFactory().get(path))
        assert len(captured) == 1


def test_a_404_through_the_whole_site_makes_one_redirect_query(client):
    response, queries = redirect_queries(client, "/articles/no-such-post/?x=1")
    assert (response.status_code, queries) == (404, 1)


def test_pages_that_answer_cost_no_redirect_query(client, django_assert_num_queries):
    """Normal pages are untouched: the home page, an article, and a repeat view
    of a cached article costs no query at all."""
    post = make_post(slug="quiet")
    redirect_create(old_path="/?p=1", new_path=post.get_absolute_url())
    for path in ("/", post.get_absolute_url(), "/articles/?page=1"):
        response, queries = redirect_queries(client, path)
        assert (response.status_code, queries) == (200, 0)
    with django_assert_num_queries(0):
        client.get(post.get_absolute_url())


def test_only_the_home_page_looks_up_query_addresses():
    """Any other page answering a query string is left alone, without a query."""
    middleware = RedirectFallbackMiddleware(lambda request: HttpResponse("ok"))
    with CaptureQueriesContext(connection) as captured:
        response = middleware(RequestFactory().get("/search/?p=1"))
    assert (response.status_code, len(captured)) == (200, 0)
