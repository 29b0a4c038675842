"""Medical review as patients notice it: what goes live, when, with whose name;
edits reach the page only once approved; withdrawn posts are gone."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from articles.models import Post, PostEvent
from articles.services import post_save_version
from redirects.models import Redirect
from tests.articles.reviewing import (
    approve_in_admin,
    byline,
    day,
    edit,
    in_review,
    medical_web_page,
    save_in_admin,
    signed_in,
    withdraw_url,
)
from tests.factories import (
    approve,
    make_editor,
    make_front_desk,
    make_post,
    make_reviewer_user,
    make_topic,
)

pytestmark = pytest.mark.django_db


def test_approved_post_shows_the_signed_byline_and_json_ld(client):
    """Byline and JSON-LD name the reviewer as signed, even after their profile
    changes."""
    post = in_review("Sciatica basics")
    reviewer = make_reviewer_user(name="Dana Reyes", credentials="MD, FAAOS")
    assert approve_in_admin(signed_in(reviewer), post).status_code == 302
    post.refresh_from_db()
    signed_on = post.approval.approved_at
    profile = reviewer.reviewer_profile
    profile.name, profile.credentials = "Dana Reyes-Okafor", "MD, PhD"
    profile.save()
    html = client.get(post.get_absolute_url()).content.decode()
    assert (
        byline(html)
        == f"Medically reviewed by Dana Reyes, MD, FAAOS on {day(signed_on)}"
    )
    page = medical_web_page(html)
    assert page["reviewedBy"]["name"] == "Dana Reyes"
    assert page["reviewedBy"]["honorificSuffix"] == "MD, FAAOS"
    assert page["lastReviewed"] == timezone.localdate(signed_on).isoformat()
    assert "MD, PhD" not in html and "Reyes-Okafor" not in html


def test_new_post_is_public_only_once_approved(client):
    """A post sent for review is a 404 until a reviewer approves it."""
    post = in_review()
    assert client.get(post.get_absolute_url()).status_code == 404
    approve(post, make_reviewer_user())
    assert client.get(post.get_absolute_url()).status_code == 200


def test_approved_scheduled_post_appears_at_its_time(client, time_machine):
    """Approval before the publication time publishes nothing early."""
    post = in_review(published_at=timezone.now() + timedelta(hours=5))
    approve(post, make_reviewer_user())
    assert post.status == Post.Status.PUBLISHED and post.is_scheduled
    assert client.get(post.get_absolute_url()).status_code == 404
    assert post.title not in client.get(reverse("articles:list")).content.decode()
    time_machine.move_to(timezone.now() + timedelta(hours=6))
    assert client.get(post.get_absolute_url()).status_code == 200
    assert post.title in client.get(reverse("articles:list")).content.decode()


def test_editing_a_live_post_shows_the_new_text_only_once_approved(client):
    """The public page, cached or not, keeps the approved words until a reviewer
    approves the edit; then it switches and says when it was updated."""
    month_ago = timezone.now() - timedelta(days=30)
    post = make_post(
        body="Rest for two days.",
        topics=[make_topic()],
        published_at=month_ago,
        reviewed_on=timezone.localdate(month_ago),
    )
    client.get(post.get_absolute_url())  # cached now
    editor = signed_in(make_editor())
    saved = save_in_admin(editor, post, body="Rest for a week.", _send_for_review="1")
    assert saved.status_code == 302
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Rest for two days." in html and "Rest for a week." not in html
    assert "Updated" not in html
    assert approve_in_admin(signed_in(make_reviewer_user()), post).status_code == 302
    html = client.get(post.get_absolute_url()).content.decode()
    assert "Rest for a week." in html and "Rest for two days." not in html
    post.refresh_from_db()
    assert re.search(
        rf"Updated <time [^>]+>{day(post.approval.approved_at)}</time>", html
    )
    assert day(post.approval.approved_at) in byline(html)


def test_a_pending_edit_stays_off_lists_topics_and_search_until_approved(client):
    """A new title, topic or words show nowhere public before approval."""
    back, knee = make_topic("Back pain"), make_topic("Knee pain")
    post = make_post("Sore after running", topics=[back], body="Rest a day.")
    edit(post, title="Sore knees after running", body="Check the cartilage.")
    post.topics.set([knee])
    edit(post)

    def shows(url, text):
        return text in client.get(url).content.decode()

    search = reverse("articles:search") + "?q=cartilage"
    assert shows(back.get_absolute_url(), "Sore after running")
    assert not shows(knee.get_absolute_url(), "Sore after running")
    assert not shows(reverse("articles:list"), "Sore knees after running")
    assert not shows(search, "Sore knees after running")
    approve(post, make_reviewer_user())
    assert shows(knee.get_absolute_url(), "Sore knees after running")
    assert not shows(back.get_absolute_url(), "Sore")
    assert shows(reverse("articles:list"), "Sore knees after running")
    assert shows(search, "Sore knees after running")


def test_changing_the_slug_of_a_live_post_leaves_a_301(client):
    """The old address of a live post answers 301 to its new one."""
    post = make_post(slug="old-address", topics=[make_topic()])
    old = post.get_absolute_url()
    assert (
        save_in_admin(signed_in(make_editor()), post, slug="new-address").status_code
        == 302
    )
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (
        301,
        "/articles/new-address/",
    )
    assert client.get("/articles/new-address/").status_code == 200


def test_changing_the_slug_of_a_draft_leaves_no_redirect():
    """A draft's address was never public: no redirect is kept."""
    post = make_post(
        slug="draft-address", status=Post.Status.DRAFT, topics=[make_topic()]
    )
    response = save_in_admin(signed_in(make_editor()), post, slug="draft-moved")
    assert response.status_code == 302
    assert not Redirect.objects.exists()


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_withdrawn_post_answers_410_and_leaves_every_list(client, role):
    """Withdrawn: the branded 410 page, and gone from every list and feed."""
    topic = make_topic("Back pain")
    post = make_post("Outdated advice", topics=[topic], body="Bed rest for weeks.")
    url = post.get_absolute_url()
    assert client.get(url).status_code == 200  # cached now
    user = make_editor() if role == "editor" else make_reviewer_user()
    response = signed_in(user).post(withdraw_url(post), {"reason": "Guidance changed."})
    assert response.status_code == 302
    gone = client.get(url)
    assert gone.status_code == 410
    assertContains(gone, "This article is no longer available", status_code=410)
    for page in (
        reverse("articles:list"),
        reverse("articles:home"),
        topic.get_absolute_url(),
        post.approval.reviewer.get_absolute_url(),
        "/sitemap.xml",
        reverse("articles:feed"),
        reverse("articles:search") + "?q=outdated",
    ):
        assert "Outdated advice" not in client.get(page).content.decode(), page
        assert url not in client.get(page).content.decode(), page
    event = post.events.get(action=PostEvent.Action.WITHDRAWN)
    assert (event.by, event.comment) == (user, "Guidance changed.")


def test_withdrawing_needs_a_reason():
    """An empty reason is refused and the post stays on the site."""
    post = make_post()
    response = signed_in(make_editor()).post(withdraw_url(post), {"reason": " "})
    assert response.status_code == 200
    assertContains(response, 'aria-invalid="true"')
    post.refresh_from_db()
    assert post.status == Post.Status.PUBLISHED and post.is_live


def test_front_desk_cannot_withdraw():
    """The front desk gets a 403 and the post stays on the site."""
    post = make_post()
    response = signed_in(make_front_desk()).post(withdraw_url(post), {"reason": "x"})
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.is_live


def test_withdrawn_post_returns_when_a_reviewer_approves_a_new_version(client):
    """Approving a corrected version puts a withdrawn post back."""
    post = make_post("Corrected advice", body="Bed rest for weeks.")
    signed_in(make_editor()).post(withdraw_url(post), {"reason": "Wrong advice."})
    post.body = "Keep moving gently."
    post_save_version(post=post, by=make_editor())
    approve(post, make_reviewer_user())
    response = client.get(post.get_absolute_url())
    assertContains(response, "Keep moving gently.")
