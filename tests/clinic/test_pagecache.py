"""The page cache's rules (clinic.pagecache), one test each."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponse
from django.test import Client, RequestFactory

from articles.models import Post
from clinic import pagecache
from tests.factories import make_editor, make_post, publish_edit

pytestmark = pytest.mark.django_db


def counting_view(**response_kwargs):
    """A view that counts its calls and answers with a placeholder in its page."""

    calls = []

    def view(request):
        calls.append(request)
        response = HttpResponse(
            f"call {len(calls)} token={pagecache.CSRF_PLACEHOLDER}", **response_kwargs
        )
        response["X-Page"] = "kept"
        return response

    cached = pagecache.cached_page(view)
    cached.calls = calls
    return cached


def anonymous_get(path="/page/", **extra):
    request = RequestFactory().get(path, **extra)
    request.user = AnonymousUser()
    return request


def test_repeat_anonymous_get_is_served_from_the_cache_with_its_headers():
    """The view runs once; the second answer is the same page with the headers
    the view set, and this visitor's own token."""
    view = counting_view()
    first, second = view(anonymous_get()), view(anonymous_get())
    assert len(view.calls) == 1
    assert second.content.startswith(b"call 1 ")
    assert second["X-Page"] == "kept" and second["Content-Type"].startswith("text/")
    assert pagecache.CSRF_PLACEHOLDER.encode() not in first.content + second.content


def test_page_with_visitor_values_is_private():
    """A shared cache (proxy, CDN) must never hand one visitor's tokens to another."""
    view = counting_view()
    view(anonymous_get())
    assert "private" in view(anonymous_get())["Cache-Control"]


def test_query_string_is_part_of_the_key():
    """`?page=7` for one visitor never becomes the page (and canonical) of the next."""
    view = counting_view()
    view(anonymous_get("/page/?page=7"))
    assert view(anonymous_get("/page/")).content.startswith(b"call 2 ")


def test_post_requests_never_use_the_cache():
    view = counting_view()
    for _ in range(2):
        request = RequestFactory().post("/page/")
        request.user = AnonymousUser()
        view(request)
    assert len(view.calls) == 2


@pytest.mark.parametrize(
    "kwargs", [{"status": 404}, {"headers": {"Cache-Control": "no-store"}}]
)
def test_only_plain_successful_pages_are_kept(kwargs):
    view = counting_view(**kwargs)
    view(anonymous_get())
    view(anonymous_get())
    assert len(view.calls) == 2


def test_a_page_that_sets_a_cookie_is_passed_on_not_kept():
    """The cookie reaches its visitor; no other visitor ever gets it."""

    calls = []

    def view(request):
        calls.append(request)
        response = HttpResponse("hello")
        response.set_cookie("chosen", "x")
        return response

    cached = pagecache.cached_page(view)
    assert cached(anonymous_get()).cookies["chosen"].value == "x"
    assert cached(anonymous_get()).cookies["chosen"].value == "x"
    assert len(calls) == 2


def test_cache_can_be_turned_off(settings):
    settings.PAGE_CACHE_SECONDS = 0
    view = counting_view()
    view(anonymous_get())
    view(anonymous_get())
    assert len(view.calls) == 2


def test_clear_drops_every_page():
    view = counting_view()
    view(anonymous_get())
    pagecache.clear()
    view(anonymous_get())
    assert len(view.calls) == 2


def test_signed_in_staff_never_get_a_cached_page():
    """An editor checking a fix sees the page as it is now, not a cached copy."""
    post = make_post("Old title")
    Client().get(post.get_absolute_url())  # cached for visitors
    # A change that sends no signal, so nothing clears the cache.
    Post.history.filter(history_id=post.approval.version_id).update(title="New title")
    editor = Client()
    editor.force_login(make_editor())
    assert b"New title" in editor.get(post.get_absolute_url()).content
    assert b"Old title" in Client().get(post.get_absolute_url()).content


def test_signed_in_staff_never_fill_the_cache():
    """What a signed-in person was shown never becomes the public's copy."""
    post = make_post("Old title")
    editor = Client()
    editor.force_login(make_editor())
    editor.get(post.get_absolute_url())
    Post.history.filter(history_id=post.approval.version_id).update(title="New title")
    assert b"New title" in Client().get(post.get_absolute_url()).content


def test_saving_content_clears_the_cached_pages():
    post = make_post("Before")
    Client().get(post.get_absolute_url())
    publish_edit(post, title="After")
    assert b"After" in Client().get(post.get_absolute_url()).content


def test_a_shared_cache_backend_works_by_configuration_alone(settings, tmp_path):
    """Several app servers can share one cache: pages survive its pickling, and
    a content change on any server clears it for all."""
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(tmp_path),
        },
    }
    post = make_post("Shared")
    Client().get(post.get_absolute_url())
    assert any(tmp_path.iterdir())
    response = Client().get(post.get_absolute_url())
    assert b"Shared" in response.content and b"__clinic_" not in response.content
    publish_edit(post, title="Shared and changed")
    assert b"Shared and changed" in Client().get(post.get_absolute_url()).content


def test_one_visitors_query_string_never_reaches_the_next_visitors_canonical():
    """`?page=7` on a cached page stays that address's own."""
    post = make_post("Paged")
    Client().get(post.get_absolute_url() + "?page=7")
    html = Client().get(post.get_absolute_url()).content.decode()
    assert "page=7" not in html


@pytest.mark.django_db(transaction=True)
def test_a_page_cached_while_a_change_commits_is_cleared_after_it():
    """Another request may render the old page between the save and the commit;
    that copy goes when the change is committed."""
    from django.db import transaction

    post = make_post("Before")
    with transaction.atomic():
        publish_edit(post, title="After")
        # Meanwhile another request caches the page as it still reads it.
        pagecache.page_cache().set("stale", "the old page")
    assert pagecache.page_cache().get("stale") is None
    assert b"After" in Client().get(post.get_absolute_url()).content
