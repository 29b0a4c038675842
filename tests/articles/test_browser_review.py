"""Medical review in a real browser: an editor writes, a clinician approves, and
patients read only what was approved (Chromium via Playwright)."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Post
from articles.services import post_save_version, post_send_for_review
from tests.articles.reviewing import medical_web_page
from tests.factories import (
    PASSWORD,
    make_editor,
    make_post,
    make_reviewer_user,
    make_topic,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def open_tab(browser, live_server):
    """Opens tabs, each in a context of its own (its own login), closed at the end."""
    contexts = []

    def open_tab(width=1280, height=900):
        context = browser.new_context(
            viewport={"width": width, "height": height}, base_url=live_server.url
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def sign_in(page, username):
    page.goto("/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="What needs doing")).to_be_visible()


def review_from_the_queue(page, title):
    """A reviewer goes from the admin home to the post in the queue."""
    page.goto("/admin/")
    page.get_by_role("link", name="Posts awaiting medical review").click()
    page.get_by_role("link", name=title).click()
    expect(page.get_by_role("heading", name="What changed")).to_be_visible()


def test_editor_writes_a_post_and_a_reviewer_puts_it_live(open_tab):
    """Written and sent for review by an editor, approved from the queue with its
    diff; patients then read it with the approval's byline."""
    make_editor("elena")
    make_reviewer_user("dana", name="Dana Reyes", credentials="MD, FAAOS")
    make_topic("Plantar fasciitis", slug="plantar-fasciitis")
    editor, reviewer, patient = open_tab(), open_tab(), open_tab(360, 780)

    sign_in(editor, "elena")
    editor.get_by_role("link", name="Posts", exact=True).click()
    editor.get_by_role("link", name="Add post").click()
    editor.get_by_label("Title:", exact=True).fill("First steps in the morning hurt")
    editor.get_by_label("Excerpt:").fill("Why heel pain is worst at first light.")
    editor.get_by_label("Body:").fill(
        "## Why it hurts\n\nThe tissue tightens overnight.\n\n- Stretch before "
        "standing up"
    )
    editor.get_by_role("listbox", name=re.compile("^Available topics")).select_option(
        label="Plantar fasciitis"
    )
    editor.get_by_role("button", name="Choose selected topics").click()
    editor.get_by_role("button", name="Save and send for review").click()
    expect(editor.get_by_text(re.compile("^Sent for review."))).to_be_visible()
    post = Post.objects.get()
    assert post.slug == "first-steps-in-the-morning-hurt"
    editor.get_by_role("link", name="Preview as it will look").click()
    expect(editor.get_by_role("heading", level=1)).to_have_text(post.title)
    expect(editor.get_by_text("It is not approved yet")).to_be_visible()
    assert patient.goto(post.get_absolute_url()).status == 404

    sign_in(reviewer, "dana")
    review_from_the_queue(reviewer, "First steps in the morning hurt")
    diff = reviewer.get_by_role("list", name="What changed")
    expect(diff).to_contain_text("The tissue tightens overnight.")
    expect(diff).to_contain_text("Stretch before standing up")
    reviewer.get_by_role("button", name="Approve this version").click()
    expect(reviewer.get_by_text(re.compile("^Approved."))).to_be_visible()
    expect(reviewer.get_by_text("Nothing is waiting for review.")).to_be_visible()

    assert patient.goto(post.get_absolute_url()).status == 200
    expect(patient.get_by_role("heading", level=1)).to_have_text(
        "First steps in the morning hurt"
    )
    expect(patient.get_by_text("Medically reviewed by")).to_contain_text(
        "Dana Reyes, MD, FAAOS"
    )
    patient.goto("/articles/")
    expect(patient.get_by_role("link", name=post.title)).to_be_visible()
    assert post.get_absolute_url() in patient.request.get("/sitemap.xml").text()
    assert post.title in patient.request.get("/articles/feed/").text()
    page = medical_web_page(patient.request.get(post.get_absolute_url()).text())
    assert page["reviewedBy"]["name"] == "Dana Reyes"
    assert page["reviewedBy"]["honorificSuffix"] == "MD, FAAOS"
    post.refresh_from_db()
    assert (
        page["lastReviewed"]
        == timezone.localdate(post.approval.approved_at).isoformat()
    )


def test_an_edit_to_a_live_post_reaches_patients_once_approved(open_tab):
    """Patients keep the approved sentence until the edit is approved."""
    make_editor("elena")
    make_reviewer_user("dana", name="Dana Reyes", credentials="MD")
    post = make_post(
        "Easing a stiff lower back",
        topics=[make_topic("Back pain")],
        body="## What helps\n\nRest for two days, then walk.",
    )
    editor, reviewer, patient = open_tab(), open_tab(), open_tab(360, 780)
    patient.goto(post.get_absolute_url())
    expect(patient.get_by_text("Rest for two days, then walk.")).to_be_visible()

    sign_in(editor, "elena")
    editor.get_by_role("link", name="Posts", exact=True).click()
    editor.get_by_role("link", name="Easing a stiff lower back").click()
    editor.get_by_label("Body:").fill("## What helps\n\nWalk a little every day.")
    editor.get_by_role("button", name="Save and send for review").click()
    expect(editor.get_by_text(re.compile("^Sent for review."))).to_be_visible()

    patient.reload()
    expect(patient.get_by_text("Rest for two days, then walk.")).to_be_visible()
    expect(patient.get_by_text("Walk a little every day.")).to_have_count(0)

    sign_in(reviewer, "dana")
    review_from_the_queue(reviewer, "Easing a stiff lower back")
    diff = reviewer.get_by_role("list", name="What changed")
    expect(diff.get_by_role("deletion")).to_contain_text(["Rest for two days, then"])
    expect(diff.get_by_role("insertion")).to_contain_text(["a little every day."])
    reviewer.get_by_role("button", name="Approve this version").click()
    expect(reviewer.get_by_text(re.compile("^Approved."))).to_be_visible()

    patient.reload()
    expect(patient.get_by_text("Walk a little every day.")).to_be_visible()
    expect(patient.get_by_text("Rest for two days, then walk.")).to_have_count(0)
    expect(patient.get_by_text("Medically reviewed by")).to_contain_text(
        "Dana Reyes, MD"
    )


def test_new_slug_on_a_live_post_leaves_a_301_from_the_old_address(open_tab):
    """The old address answers 301 to the new one, without following it."""
    make_editor("elena")
    post = make_post(
        "Knee pain on stairs", slug="knee-stairs", topics=[make_topic("Knee")]
    )
    editor = open_tab()
    sign_in(editor, "elena")
    editor.get_by_role("link", name="Posts", exact=True).click()
    editor.get_by_role("link", name="Knee pain on stairs").click()
    editor.get_by_label("Slug:").fill("knee-pain-on-stairs")
    editor.get_by_role("button", name="Save", exact=True).click()
    expect(editor.get_by_text(re.compile("was changed successfully"))).to_be_visible()

    visitor = open_tab(360, 780)
    response = visitor.request.get(post.get_absolute_url(), max_redirects=0)
    assert response.status == 301
    assert response.headers["location"] == "/articles/knee-pain-on-stairs/"
    visitor.goto(post.get_absolute_url())
    expect(visitor).to_have_url(re.compile("/articles/knee-pain-on-stairs/$"))
    expect(visitor.get_by_role("heading", level=1)).to_have_text(post.title)


def test_an_editor_never_sees_an_approve_button(open_tab):
    """An editor reads a post's review page, with no approve or send-back button."""
    elena = make_editor("elena")
    post = make_post("Awaiting a clinician", status=Post.Status.DRAFT, author=elena)
    post_save_version(post=post, by=elena)
    editor = open_tab()
    sign_in(editor, "elena")
    editor.get_by_role("link", name="Posts awaiting medical review").click()
    expect(editor.get_by_text("Nothing is waiting for review.")).to_be_visible()
    post_send_for_review(post=post, by=elena)
    editor.reload()
    editor.get_by_role("link", name="Awaiting a clinician").click()
    expect(editor.get_by_role("list", name="What changed")).to_contain_text(
        "Awaiting a clinician"
    )
    expect(
        editor.get_by_role("button", name=re.compile("Approve|Confirm"))
    ).to_have_count(0)
    expect(editor.get_by_role("button", name="Send back to the editors")).to_have_count(
        0
    )
