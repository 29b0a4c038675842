"""Medical review in the admin: the queue, the review page, and who may do what."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from articles.models import Approval, Post, PostEvent, Reviewer
from articles.services import post_send_for_review, post_withdraw
from clinic.roles import MEDICAL_REVIEWERS
from tests.articles.reviewing import (
    QUEUE,
    approve_in_admin,
    byline,
    change_url,
    day,
    edit,
    in_review,
    review_url,
    signed_in,
    versions_url,
    withdraw_url,
    written,
)
from tests.factories import (
    make_editor,
    make_front_desk,
    make_post,
    make_reviewer_user,
    make_topic,
    make_user,
    post_form_data,
)

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_queue_lists_posts_sent_for_review_oldest_request_first(time_machine):
    """The post sent first is at the top, whatever its title or age."""
    alpha = make_post("Alpha post", status=Post.Status.DRAFT)
    zulu = make_post("Zulu post", status=Post.Status.DRAFT)
    make_post("Never sent", status=Post.Status.DRAFT)
    editor = make_editor()
    post_send_for_review(post=zulu, by=editor)
    time_machine.move_to(timezone.now() + timedelta(hours=2))
    post_send_for_review(post=alpha, by=editor)
    html = signed_in(make_reviewer_user()).get(QUEUE).content.decode()
    assert html.index("Zulu post") < html.index("Alpha post")
    assert "Never sent" not in html


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_editors_and_reviewers_see_the_queue(role):
    """Both roles open the queue and see the post waiting."""
    in_review("Waiting for a clinician")
    user = make_editor() if role == "editor" else make_reviewer_user()
    response = signed_in(user).get(QUEUE)
    assertContains(response, "Waiting for a clinician")


@pytest.mark.parametrize("page", ["queue", "review", "versions", "withdraw"])
def test_front_desk_gets_403_on_every_review_page(page):
    """Queue, review, versions and withdraw pages are 403, read or posted."""
    post = in_review()
    url = {
        "queue": QUEUE,
        "review": review_url(post),
        "versions": versions_url(post),
        "withdraw": withdraw_url(post),
    }[page]
    front_desk = signed_in(make_front_desk())
    assert front_desk.get(url).status_code == 403
    assert front_desk.post(url, {"version": 1, "reason": "x"}).status_code == 403


def test_medical_reviewers_never_open_leads():
    """Their group holds no permission on leads, and the lead list is a 403."""
    group = Group.objects.get(name=MEDICAL_REVIEWERS)
    assert not group.permissions.filter(content_type__app_label="leads").exists()
    reviewer = signed_in(make_reviewer_user())
    assert reviewer.get(reverse("admin:leads_lead_changelist")).status_code == 403


def test_reviewers_cannot_write_or_change_posts():
    """Who approves does not edit: adding is 403, a forged change saves nothing."""
    post = make_post("Knee care", body="Ice it.", topics=[make_topic()])
    versions = post.history.count()
    reviewer = signed_in(make_reviewer_user())
    assert reviewer.get(reverse("admin:articles_post_add")).status_code == 403
    response = reviewer.post(change_url(post), post_form_data(post, body="Heat it."))
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.body == "Ice it." and post.history.count() == versions


def test_review_page_shows_a_changed_sentence_word_by_word():
    """The removed word is struck out, the new one marked as added."""
    post = make_post(body="## Care\n\nRest for two days.\n\nWalk every morning.")
    edit(post, body="## Care\n\nRest for three days.\n\nWalk every morning.")
    response = signed_in(make_reviewer_user()).get(review_url(post))
    assertContains(
        response,
        '<del><span class="visually-hidden">Removed: </span>two</del>',
        html=True,
    )
    assertContains(
        response,
        '<ins><span class="visually-hidden">Added: </span>three</ins>',
        html=True,
    )
    assertContains(response, "Walk every morning.")  # unchanged, for context
    assertContains(response, "below is what this version changes")


def test_review_page_of_a_new_post_shows_everything_as_added():
    """Nothing approved yet: every field and block is marked as added."""
    post = in_review("Brand new", body="## First\n\nOne.\n\n- a point")
    response = signed_in(make_reviewer_user()).get(review_url(post))
    assertContains(response, "No version has been approved yet")
    html = response.content.decode()
    rows = re.findall(r'<li class="diff-(\w+)">', html)
    assert rows and set(rows) == {"added"}
    for text in ("Brand new", "# First", "One.", "a point"):
        assert re.search(rf"<ins>.*?{re.escape(text)}</ins>", html), text


def test_reviewer_approves_from_the_review_page():
    """The approval signs the version read with the reviewer's profile, now."""
    post = in_review("Sciatica basics")
    reviewer = make_reviewer_user(name="Dana Reyes", credentials="MD, FAAOS")
    version = post.latest_version()
    response = approve_in_admin(signed_in(reviewer), post)
    assert response.status_code == 302 and response["Location"] == QUEUE
    approval = Approval.objects.get(post=post)
    assert approval.reviewer_user == reviewer
    assert approval.reviewer == reviewer.reviewer_profile
    assert (approval.reviewer_name, approval.credentials) == ("Dana Reyes", "MD, FAAOS")
    assert approval.version == version and not approval.carried_over
    assert timezone.now() - approval.approved_at < timedelta(minutes=1)
    post.refresh_from_db()
    assert post.approval == approval and post.is_live
    assert post.review_state == Post.Review.NONE
    assert "Sciatica basics" not in signed_in(reviewer).get(QUEUE).content.decode()


def test_editor_never_sees_an_approve_button():
    """Editors read the review page but get no approve or send-back form."""
    post = in_review()
    response = signed_in(make_editor()).get(review_url(post))
    assert response.status_code == 200
    assertNotContains(response, 'name="approve"')
    assertNotContains(response, 'name="send_back"')


@pytest.mark.parametrize(
    "data", [{}, {"send_back": "1", "comment": "Looks fine to me, said nobody."}]
)
def test_a_forged_approval_or_send_back_from_an_editor_is_403(data):
    """A hand-made POST from an editor approves or sends back nothing."""
    post = in_review()
    data = {"version": post.latest_version().history_id, **data}
    response = signed_in(make_editor()).post(review_url(post), data)
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.approval is None and post.status == Post.Status.DRAFT
    assert post.review_state == Post.Review.AWAITING
    assert not Approval.objects.exists()


def test_a_version_saved_after_the_reviewer_opened_the_post_is_not_approved():
    """Nothing is approved, the reviewer is told why and sees the newer text."""
    post = make_post(body="Rest for two days.")
    reviewer = signed_in(make_reviewer_user())
    edit(post, body="Rest for three days.")
    post_send_for_review(post=post, by=make_editor())
    read = post.latest_version()
    reviewer.get(review_url(post))
    newest = edit(post, body="Rest for a week.")
    response = approve_in_admin(reviewer, post, version=read)
    assert response.status_code == 200
    assert any("changed after you opened it" in m for m in messages_of(response))
    assertContains(
        response, '<ins><span class="visually-hidden">Added: </span>a week.</ins>'
    )
    assertContains(response, f'value="{newest.history_id}"')
    post.refresh_from_db()
    assert post.approval.carried_over  # still the old approval
    assert Approval.objects.filter(post=post).count() == 1


def test_approving_the_approved_version_again_is_harmless():
    """A second press of “Approve” adds no approval and no event."""
    post = in_review()
    reviewer = signed_in(make_reviewer_user())
    version = post.latest_version()
    for _ in range(2):
        response = approve_in_admin(reviewer, post, version=version)
        assert response.status_code == 302
    assert Approval.objects.filter(post=post).count() == 1
    assert post.events.filter(action=PostEvent.Action.APPROVED).count() == 1


def test_reviewer_without_a_linked_profile_cannot_approve():
    """No profile, no signature: a clear message and nothing approved."""
    post = in_review()
    unlinked = make_user(groups=[MEDICAL_REVIEWERS])
    response = approve_in_admin(signed_in(unlinked), post)
    assert response.status_code == 200
    assert any("not linked to a reviewer profile" in m for m in messages_of(response))
    post.refresh_from_db()
    assert post.approval is None and not Approval.objects.exists()


def test_sent_back_comment_shows_on_the_post_for_its_editor():
    """The reviewer's comment is on the post's change form; it leaves the queue."""
    post = in_review("Needs a source")
    reviewer = make_reviewer_user()
    response = signed_in(reviewer).post(
        review_url(post), {"send_back": "1", "comment": "Cite the 2024 guideline."}
    )
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.review_state == Post.Review.SENT_BACK and post.approval is None
    change = signed_in(make_editor()).get(change_url(post))
    assertContains(change, "Cite the 2024 guideline.")
    assertContains(change, f"Sent back by {reviewer.get_full_name()}")
    assert "Needs a source" not in signed_in(reviewer).get(QUEUE).content.decode()


def test_sending_back_without_a_comment_is_refused():
    """An empty comment is a form error and nothing changes."""
    post = in_review()
    response = signed_in(make_reviewer_user()).post(
        review_url(post), {"send_back": "1", "comment": "   "}
    )
    assert response.status_code == 200
    assertContains(response, 'aria-invalid="true"')
    assertContains(response, "This field is required.")
    post.refresh_from_db()
    assert post.review_state == Post.Review.AWAITING
    assert not post.events.filter(action=PostEvent.Action.SENT_BACK).exists()


def test_an_editor_cannot_link_a_login_to_a_reviewer_profile():
    """Linking lets a login sign with a clinician's name: superusers only."""
    profile = make_reviewer_user().reviewer_profile
    editor = make_editor()
    data = {
        "name": profile.name,
        "slug": profile.slug,
        "credentials": profile.credentials,
        "specialty": profile.specialty,
        "bio": profile.bio,
        "user": editor.pk,
    }
    url = reverse("admin:articles_reviewer_change", args=[profile.pk])
    assert signed_in(editor).post(url, data).status_code == 302
    assert Reviewer.objects.get(pk=profile.pk).user != editor


def _dashboard_figure(html, label):
    match = re.search(rf"{label}</a></th>\s*<td>(\d+)</td>", html)
    return int(match.group(1)) if match else None


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_admin_index_shows_reviews_due_and_awaiting(role):
    """Editors and reviewers see how many posts wait and how many are due."""
    today = timezone.localdate()
    make_post("Stale", reviewed_on=today - timedelta(days=400))
    make_post("Fresh", reviewed_on=today - timedelta(days=30))
    in_review("One")
    in_review("Two")
    user = make_editor() if role == "editor" else make_reviewer_user()
    html = signed_in(user).get(reverse("admin:index")).content.decode()
    assert _dashboard_figure(html, "Posts awaiting medical review") == 2
    assert _dashboard_figure(html, r"Reviews due: [^<]*") == 1


def test_front_desk_sees_no_review_figures():
    """The front desk's admin home has no review figures."""
    in_review()
    html = signed_in(make_front_desk()).get(reverse("admin:index")).content.decode()
    assert "awaiting medical review" not in html


def _queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _posts_in_every_state(count):
    """Half new posts in review, half live posts with an edit in review."""
    editor = make_editor()
    for n in range(count):
        if n % 2:
            post = make_post(topics=[make_topic()])
            edit(post, by=editor, body=f"Edited {n}.")
            post_send_for_review(post=post, by=editor)
        else:
            in_review(f"New {n}", editor=editor)


@pytest.mark.parametrize(
    "url", [QUEUE, reverse("admin:articles_post_changelist")], ids=["queue", "list"]
)
def test_review_queue_and_post_list_cost_the_same_for_2_or_12_posts(url):
    """The queue and the post list cost a fixed number of queries."""
    client = signed_in(make_reviewer_user())
    _posts_in_every_state(2)
    few = _queries(client, url)
    _posts_in_every_state(10)
    assert Post.objects.awaiting_review().count() == 12
    assert _queries(client, url) == few


def test_approving_a_due_review_again_confirms_it_with_todays_date(client):
    """A reviewer confirms an over-a-year-old review; the page shows today."""
    year_ago = timezone.localdate() - timedelta(days=400)
    post = make_post("Still accurate", reviewed_on=year_ago)
    assert post in Post.objects.review_due()
    reviewer = signed_in(make_reviewer_user(name="Dana Reyes", credentials="MD"))
    page = reviewer.get(review_url(post))
    assertContains(page, "Its review is over 12 months old")
    assertContains(page, 'value="Confirm the review"')
    assert approve_in_admin(reviewer, post).status_code == 302
    post.refresh_from_db()
    assert timezone.localdate(post.approval.approved_at) == timezone.localdate()
    assert post.approval.version == post.latest_version()
    assert post.approval.reviewer_name == "Dana Reyes"
    assert post not in Post.objects.review_due()
    html = client.get(post.get_absolute_url()).content.decode()
    assert (
        byline(html) == f"Medically reviewed by Dana Reyes, MD on {day(timezone.now())}"
    )


def test_reviewers_read_versions_but_cannot_restore_one():
    """Reviewers see the versions page without restore; a forged restore is 403."""
    editor = make_editor()
    post = written("Knee care", by=editor, body="First words.")
    first = post.latest_version()
    edit(post, by=editor, body="Second words.")
    reviewer = signed_in(make_reviewer_user())
    page = reviewer.get(versions_url(post))
    assert page.status_code == 200
    assertNotContains(page, "Restore as a new version")
    response = reviewer.post(versions_url(post), {"version": first.history_id})
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.body == "Second words."


def test_review_pages_never_say_patients_read_a_withdrawn_post():
    """Withdrawn, it answers 410: the review page and the queue say nothing is
    on the site, not that patients read the approved version."""
    post = make_post("Outdated advice")
    editor = make_editor()
    post_withdraw(post=post, by=editor, reason="Guidance changed.")
    reviewer = signed_in(make_reviewer_user())
    page = reviewer.get(review_url(post)).content.decode()
    assert "is what patients read" not in page
    assert "withdrawn" in page.lower()
    edit(post, by=editor, body="New guidance.")
    post_send_for_review(post=post, by=editor)
    page = reviewer.get(review_url(post)).content.decode()
    assert "Patients read the version approved" not in page
    assert "withdrawn" in page.lower()
    queue = reviewer.get(QUEUE).content.decode()
    assert "An earlier version, approved by" not in queue
