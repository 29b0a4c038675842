"""The sign-off's rules under pressure: what a reviewer may approve, what an
editor may type, what survives a withdrawal, a deletion or a forged request."""

import pytest
from django.urls import reverse
from pytest_django.asserts import assertNotContains

from articles.models import Approval, Post
from articles.services import post_approve, post_send_for_review, post_withdraw
from tests.articles.reviewing import (
    QUEUE,
    approve_in_admin,
    edit,
    in_review,
    review_url,
    signed_in,
    versions_url,
    written,
)
from tests.factories import (
    make_editor,
    make_post,
    make_reviewer,
    make_reviewer_user,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_a_draft_nobody_sent_cannot_be_approved():
    """No approve button, and a forged approval publishes nothing."""
    editor = make_editor()
    draft = written("Half written", by=editor)
    reviewer = signed_in(make_reviewer_user())
    page = reviewer.get(review_url(draft))
    assertNotContains(page, "Approve this version")
    assert "not waiting for review" in page.content.decode()
    response = approve_in_admin(reviewer, draft)
    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Post.Status.DRAFT and not draft.approvals.exists()
    assert not Post.objects.published().filter(pk=draft.pk).exists()


def test_an_edit_after_a_send_back_waits_for_the_next_send():
    """Sent back, then edited: the reviewer cannot approve until it is sent."""
    post = in_review()
    reviewer_user = make_reviewer_user()
    signed_in(reviewer_user).post(
        review_url(post), {"send_back": "1", "comment": "Cite the guideline."}
    )
    edit(post, body="With the guideline.")
    with pytest.raises(Exception, match="not waiting for review"):
        post_approve(
            post=post, version_id=post.latest_version().history_id, by=reviewer_user
        )
    post_send_for_review(post=post, by=make_editor())
    post_approve(
        post=post, version_id=post.latest_version().history_id, by=reviewer_user
    )
    post.refresh_from_db()
    assert post.is_live


def test_withdrawing_takes_a_post_off_the_queue_and_it_stays_off_the_site():
    """A post withdrawn while awaiting review cannot be approved back online
    from the queue; it must be sent again."""
    post = make_post("Old advice")
    edit(post, body="Newer advice.")
    post_send_for_review(post=post, by=make_editor())
    reviewer_user = make_reviewer_user()
    post_withdraw(post=post, by=reviewer_user, reason="Dangerous advice.")
    reviewer = signed_in(reviewer_user)
    assertNotContains(reviewer.get(QUEUE), "Old advice")
    approve_in_admin(reviewer, post)
    post.refresh_from_db()
    assert post.status == Post.Status.WITHDRAWN
    assert reviewer.get(post.get_absolute_url()).status_code == 410


def test_an_editor_cannot_retype_a_linked_reviewers_name_or_credentials():
    """The byline's name and credentials come from a profile only a superuser
    may change once a login signs with it."""
    reviewer_user = make_reviewer_user()
    profile = reviewer_user.reviewer_profile
    editor = signed_in(make_editor())
    url = reverse("admin:articles_reviewer_change", args=[profile.pk])
    html = editor.get(url).content.decode()
    assert 'name="name"' not in html and 'name="credentials"' not in html
    editor.post(
        url,
        {
            "name": "Dr Famous Surgeon",
            "slug": profile.slug,
            "credentials": "MD, FAAOS",
            "specialty": profile.specialty,
            "bio": profile.bio,
        },
    )
    profile.refresh_from_db()
    assert profile.name != "Dr Famous Surgeon" and profile.credentials == "MD"
    unlinked = make_reviewer("Dr Not Yet Linked")
    html = editor.get(
        reverse("admin:articles_reviewer_change", args=[unlinked.pk])
    ).content.decode()
    assert 'name="credentials"' in html  # editors keep up unlinked profiles


def test_a_post_patients_have_read_cannot_be_deleted():
    """Withdraw it instead: its approvals and history stay."""
    post = make_post("Was live")
    editor = signed_in(make_editor())
    delete = reverse("admin:articles_post_delete", args=[post.pk])
    assert editor.get(delete).status_code == 403
    assert editor.post(delete, {"post": "yes"}).status_code == 403
    assert Approval.objects.filter(post=post).exists()
    draft = written("Never published", by=make_editor())
    superuser = signed_in(make_user(is_superuser=True))
    url = reverse("admin:articles_post_delete", args=[draft.pk])
    assert superuser.post(url, {"post": "yes"}).status_code == 302
    assert not Post.objects.filter(pk=draft.pk).exists()


@pytest.mark.parametrize("value", ["abc", "", "99999999", "1e3"])
def test_restoring_a_version_that_is_not_one_answers_404(value):
    """Bad input on the versions page gets a clear 404, never a 500."""
    post = make_post("Versioned")
    editor = signed_in(make_editor())
    assert editor.post(versions_url(post), {"version": value}).status_code == 404


def test_a_malformed_approval_is_refused_with_a_message():
    post = in_review()
    reviewer = signed_in(make_reviewer_user())
    response = reviewer.post(review_url(post), {"version": "abc"})
    assert response.status_code == 200
    assert "nothing approved" in response.content.decode()
    assert not post.approvals.exists()


def test_preview_shows_the_latest_version_a_reviewer_approves():
    """The preview renders the saved version itself, byline only once approved."""
    post = in_review("Preview me")
    edit(post, title="Preview me, revised")
    editor = signed_in(make_editor())
    html = editor.get(reverse("articles:preview", kwargs={"pk": post.pk})).content
    assert b"Preview me, revised" in html and b"Medically reviewed by" not in html
