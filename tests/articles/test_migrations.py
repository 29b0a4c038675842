"""Turning typed-in reviews into approvals keeps every live post's byline."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.transaction import TransactionManagementError
from django.utils import timezone

from tests.articles.reviewing import byline

BEFORE = [("articles", "0007_condition_checker_moved")]


def _end_broken_transaction():
    """A failing migration on SQLite leaves its transaction open (the schema
    editor checks constraints before closing it, which fails in turn and hides
    the error, kept as the exception's context): roll it back."""
    if not connection.in_atomic_block:
        return
    connection.connection.rollback()
    connection.in_atomic_block = False
    connection.savepoint_ids = []
    connection.atomic_blocks = []
    connection.needs_rollback = False
    connection.set_autocommit(True)
    connection.enable_constraint_checking()


def _typed_reviews(old, reviewed_on):
    """Posts as they were before sign-off, in the old models: a live post with
    topics, another live one, a draft, and a live one without a review date."""
    author = old.get_model("auth", "User").objects.create(username="writer")
    dana = old.get_model("articles", "Reviewer").objects.create(
        name="Dana Whitfield", slug="dana", credentials="MD, FAAOS", bio="-"
    )
    Topic = old.get_model("articles", "Topic")
    back = Topic.objects.create(name="Back pain", slug="back-pain")
    legs = Topic.objects.create(name="Sciatica", slug="sciatica")
    Post = old.get_model("articles", "Post")
    published = {
        "status": "published",
        "published_at": timezone.now() - timedelta(days=30),
        "reviewer": dana,
    }
    common = {"author": author, "excerpt": "An excerpt.", "body": "Walk."}
    live = Post.objects.create(
        title="Easing a stiff back",
        slug="stiff-back",
        reviewed_on=reviewed_on,
        body_html="<p>Gentle walking helps.</p>",
        **published,
        **common,
    )
    live.topics.set([back, legs])
    plain = Post.objects.create(
        title="Knee care",
        slug="knee-care",
        reviewed_on=reviewed_on,
        **published,
        **common,
    )
    draft = Post.objects.create(title="Not yet", slug="not-yet", **common)
    draft.topics.set([legs])
    undated = Post.objects.create(
        title="Reviewed when?", slug="reviewed-when", **published, **common
    )
    return live.pk, plain.pk, draft.pk, undated.pk


def _migrate_forward(leaves, old):
    """Migrate to the newest state; return the error should a migration fail.
    The tests after this one still get a database: then the rows made in the
    old state are removed and the database is migrated without them."""
    try:
        MigrationExecutor(connection).migrate(leaves)
    except Exception as error:
        failure = error
        if isinstance(error, TransactionManagementError) and error.__context__:
            failure = error.__context__  # what SQLite's schema editor hid
        _end_broken_transaction()
        for name in ("Post", "Topic", "Reviewer"):
            old.get_model("articles", name).objects.all().delete()
        old.get_model("auth", "User").objects.filter(username="writer").delete()
        MigrationExecutor(connection).migrate(leaves)
        return failure
    return None


@pytest.mark.django_db(transaction=True)
def test_typed_reviews_become_carried_over_approvals(client):
    """Every post gets one version with its topics; a published post's reviewer
    and date become its approval and byline; a draft claims no review."""
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    reviewed_on = timezone.localdate() - timedelta(days=20)
    try:
        live, plain, draft, undated = _typed_reviews(old, reviewed_on)
    finally:
        failure = _migrate_forward(leaves, old)
    if failure is not None:
        pytest.fail(f"Migrating forward failed: {failure!r}")

    from articles.models import Post, PostEvent, version_topics

    for post in Post.objects.all():
        assert post.history.count() == 1, post.slug
    live = Post.objects.get(pk=live)
    version = live.latest_version()
    assert [t.slug for t in version_topics(version)] == ["back-pain", "sciatica"]
    approval = live.approval
    assert approval.version == version and approval.carried_over
    assert approval.reviewer_user is None and approval.reviewer.slug == "dana"
    assert (approval.reviewer_name, approval.credentials) == (
        "Dana Whitfield",
        "MD, FAAOS",
    )
    assert timezone.localdate(approval.approved_at) == reviewed_on
    assert live.is_live and live.events.filter(action=PostEvent.Action.CARRIED_OVER)
    assert Post.objects.get(pk=plain).approval.carried_over

    html = client.get(live.get_absolute_url()).content.decode()
    assert byline(html) == (
        f"Medically reviewed by Dana Whitfield, MD, FAAOS on {reviewed_on:%B %-d, %Y}"
    )
    assert "Gentle walking helps." in html

    draft = Post.objects.get(pk=draft)
    assert draft.approval is None and draft.status == Post.Status.DRAFT
    assert [t.slug for t in version_topics(draft.latest_version())] == ["sciatica"]
    assert client.get(draft.get_absolute_url()).status_code == 404
    # A published post without a review date waits for a clinician.
    undated = Post.objects.get(pk=undated)
    assert undated.approval is None and not undated.is_live
    assert undated.review_state == Post.Review.AWAITING
