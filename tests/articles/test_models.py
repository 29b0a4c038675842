from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Post
from articles.models.versions import WORKFLOW_FIELDS
from tests.factories import make_post, make_reviewer, make_topic, tomorrow, yesterday

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_and_scheduled_posts():
    """Only published posts whose publication time has come are visible."""
    live = make_post("Live")
    make_post("Draft", status=Post.Status.DRAFT)
    make_post("Tomorrow", published_at=tomorrow())
    assert list(Post.objects.published()) == [live]


def test_scheduled_post_becomes_visible_when_its_time_comes(time_machine):
    """A post scheduled for tomorrow appears tomorrow without any job running."""
    post = make_post("Scheduled", published_at=timezone.now() + timedelta(hours=20))
    assert post not in Post.objects.published()
    time_machine.move_to(timezone.now() + timedelta(days=1))
    assert post in Post.objects.published()


def test_a_post_is_not_public_until_a_version_is_approved():
    """Saving a post, even with a publication time, shows patients nothing."""
    post = make_post(status=Post.Status.DRAFT, published_at=yesterday())
    assert not Post.objects.published().filter(pk=post.pk).exists()
    assert not post.is_live


def test_body_is_rendered_and_sanitized_once_when_saved():
    """Markdown becomes HTML with heading anchors; scripts and handlers are removed."""
    post = make_post(
        body="## Why it hurts\n\nText <script>alert(1)</script>"
        '<img src=x onerror="alert(2)"> [bad](javascript:alert(3))\n\n'
        "### Morning stiffness\n\nMore."
    )
    assert '<h2 id="why-it-hurts">Why it hurts</h2>' in post.body_html
    assert '<h3 id="morning-stiffness">' in post.body_html
    for dangerous in ("<script", "onerror", "javascript:", "<img"):
        assert dangerous not in post.body_html
    post.refresh_from_db()
    assert post.toc == [
        [2, "why-it-hurts", "Why it hurts"],
        [3, "morning-stiffness", "Morning stiffness"],
    ]


def test_reading_time_counts_words():
    """About 200 words a minute, never less than one minute."""
    assert make_post(body="word " * 1000).reading_minutes == 5
    assert make_post(body="short").reading_minutes == 1


def test_publishing_without_time_publishes_now():
    post = make_post(published_at=None)
    assert post.published_at is not None
    assert post in Post.objects.published()


def test_stale_reviews_are_published_posts_reviewed_over_a_year_ago():
    today = timezone.localdate()
    stale = make_post(reviewed_on=today - timedelta(days=400))
    make_post(reviewed_on=today - timedelta(days=30))
    make_post(status=Post.Status.DRAFT, reviewed_on=today - timedelta(days=400))
    assert list(Post.objects.review_due()) == [stale]
    assert stale.is_live and not stale.is_scheduled


def test_related_posts_put_editor_picks_first_then_newest_sharing_a_topic():
    """Three related posts: picks first, then same-topic posts newest first."""
    back, knee = make_topic("Back"), make_topic("Knee")
    post = make_post("Main", topics=[back])
    pick = make_post(
        "Pick", topics=[knee], published_at=yesterday() - timedelta(days=9)
    )
    older = make_post(
        "Older", topics=[back], published_at=yesterday() - timedelta(days=5)
    )
    newer = make_post(
        "Newer", topics=[back], published_at=yesterday() - timedelta(days=1)
    )
    make_post("Oldest", topics=[back], published_at=yesterday() - timedelta(days=8))
    make_post("Other topic", topics=[knee])
    make_post("Draft", topics=[back], status=Post.Status.DRAFT)
    make_post("Scheduled", topics=[back], published_at=tomorrow())
    post.related_picks.set([pick])
    assert [p.title for p in post.related_posts(post.topics.all())] == [
        pick.title,
        newer.title,
        older.title,
    ]


def test_unpublished_pick_is_not_shown():
    back = make_topic("Back")
    post = make_post("Main", topics=[back])
    draft = make_post("Draft pick", status=Post.Status.DRAFT)
    post.related_picks.set([draft])
    assert draft not in post.related_posts(post.topics.all())


def test_search_finds_words_in_title_and_body():
    make_post("Sciatica and sitting", body="Nerve pain down the leg.")
    make_post("Knee care", body="Cartilage and running.")
    assert [p.title for p in Post.objects.search("sciatica")] == [
        "Sciatica and sitting"
    ]
    assert [p.title for p in Post.objects.search("cartilage")] == ["Knee care"]
    assert list(Post.objects.search("")) == []


def test_search_never_returns_drafts():
    make_post("Sciatica draft", status=Post.Status.DRAFT)
    assert list(Post.objects.search("sciatica")) == []


def test_reviewer_str_includes_credentials():
    assert (
        str(make_reviewer("Dana Whit", credentials="MD, FAAOS"))
        == "Dana Whit, MD, FAAOS"
    )


def test_a_version_keeps_the_content_and_none_of_the_workflow():
    """What reviewers approve is the content: the fields only the editorial
    actions set (WORKFLOW_FIELDS) are never part of a version."""
    kept = {f.name for f in Post.history.model.tracked_fields} - {"id"}
    assert kept.isdisjoint(WORKFLOW_FIELDS)
    assert {f.name for f in Post._meta.concrete_fields} >= set(WORKFLOW_FIELDS)
    assert kept == {
        "title",
        "excerpt",
        "body",
        "image",
        "image_alt",
        "seo_title",
        "seo_description",
        "body_html",
        "toc",
        "reading_minutes",
        "image_renditions",
    }
