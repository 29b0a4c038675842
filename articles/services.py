"""
Editorial actions on posts: save a version, send it for review, approve, send
back, withdraw, restore. Each one checks its permission, writes in one
transaction and records who did what in the post's editorial history.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import Approval, Post, PostEvent, Reviewer, Topic
from articles.models.versions import version_content_fields
from articles.records import Version, event_record, version_record
from clinic.permissions import permission_require
from redirects.services import redirect_path_moved


@dataclass
class VersionChanged(Exception):
    """The post changed after the reviewer opened it: `latest` is the new version."""

    latest: Version | None


def post_save_version(
    *,
    post: Post,
    by: User,
    save_m2m: Callable[[], None] | None = None,
    reason: str = "",
) -> Version:
    """
    Save the editors' working copy (and its topics, through `save_m2m`) as one
    new version. Patients still read the approved version until a clinician
    approves this one. Returns the version.
    """
    permission_require(by, "articles.change_post" if post.pk else "articles.add_post")
    with transaction.atomic():
        created = post.pk is None
        stored = None if created else _locked(post)
        # The public saw the post at its old address unless it is a draft.
        moved_from = (
            stored.get_absolute_url()
            if stored is not None and stored.status != Post.Status.DRAFT
            else None
        )
        version = version_record(
            post, stored=stored, by=by, save_m2m=save_m2m, reason=reason
        )
        if moved_from and moved_from != post.get_absolute_url():
            # Its old address keeps working, in one hop (redirects app).
            redirect_path_moved(old_path=moved_from, new_path=post.get_absolute_url())
    return version


def post_send_for_review(*, post: Post, by: User) -> Post:
    """Put the post's latest version in the reviewers' queue."""
    permission_require(by, "articles.change_post")
    with transaction.atomic():
        post = _locked(post)
        latest = post.latest_version()
        if post.review and post.live_version_id == latest.history_id:
            raise ValidationError(
                "This version is already approved: there is nothing new to review.",
                code="already_approved",
            )
        if post.review_state != Post.Review.AWAITING:
            post.review_state = Post.Review.AWAITING
            post.review_requested_at = timezone.now()
            _save(post, "review_state", "review_requested_at")
        event_record(post, PostEvent.Action.SENT_FOR_REVIEW, by, version=latest)
    return post


def post_approve(*, post: Post, version_id: int, by: User) -> Approval:
    """
    Approve the version the reviewer read (`version_id`). Publishes a new post
    (now, or at its scheduled time); a live post switches to this version.
    Raises VersionChanged when the post was saved since the reviewer opened it.
    Only a post sent for review can be approved, and a live post whose review
    is due (over 12 months old) can have it renewed with today's date;
    approving the version already approved again changes nothing.
    """
    permission_require(by, "articles.approve_post")
    profile = Reviewer.objects.filter(user=by).first()
    if profile is None:
        raise ValidationError(
            "Your login is not linked to a reviewer profile, so there is no name "
            "and credentials to sign with. Ask an administrator to link it.",
            code="no_reviewer_profile",
        )
    with transaction.atomic():
        post = _locked(post)
        current = post.review if post.status == Post.Status.PUBLISHED else None
        # The approval of the version the reviewer read, if patients see it.
        shown = (
            current
            if current is not None and current.version_id == version_id
            else None
        )
        if shown is not None and not shown.is_due:
            return shown
        if post.review_state != Post.Review.AWAITING and shown is None:
            raise ValidationError(
                "This post is not waiting for review: an editor sends it first.",
                code="not_awaiting_review",
            )
        latest = post.latest_version()
        if latest is None or latest.history_id != version_id:
            raise VersionChanged(latest)
        now = timezone.now()
        approval = Approval.objects.create(
            post=post,
            version=latest,
            reviewer=profile,
            reviewer_user=by,
            reviewer_name=profile.name,
            credentials=profile.credentials,
            approved_at=now,
        )
        goes_live = post.status != Post.Status.PUBLISHED
        post.approval = approval
        post.review_state = Post.Review.NONE
        post.review_requested_at = None
        fields = ["approval", "review_state", "review_requested_at"]
        if goes_live:
            fields += _go_live(post, latest, at=now)
        else:
            post.live_version = latest  # a live post switches to this version
            fields.append("live_version")
        _save(post, *fields)
        event_record(post, PostEvent.Action.APPROVED, by, version=latest)
        if goes_live:
            when = _goes_live_when(post, now=now)
            event_record(
                post, PostEvent.Action.PUBLISHED, by, version=latest, comment=when
            )
    return approval


def post_send_back(*, post: Post, by: User, comment: str) -> Post:
    """Return the post to its editors with what needs to change."""
    permission_require(by, "articles.approve_post")
    if not (comment or "").strip():
        raise ValidationError("Say what needs to change.", code="comment_required")
    with transaction.atomic():
        post = _locked(post)
        post.review_state = Post.Review.SENT_BACK
        post.review_requested_at = None
        _save(post, "review_state", "review_requested_at")
        event_record(
            post,
            PostEvent.Action.SENT_BACK,
            by,
            version=post.latest_version(),
            comment=comment.strip(),
        )
    return post


def post_withdraw(*, post: Post, by: User, reason: str) -> Post:
    """Take the post off the site at once; its address answers 410 Gone."""
    permission_require(by, "articles.withdraw_post")
    if not (reason or "").strip():
        raise ValidationError(
            "Give the reason for withdrawing.", code="reason_required"
        )
    with transaction.atomic():
        post = _locked(post)
        if post.status != Post.Status.PUBLISHED:
            raise ValidationError(
                "Only a published post can be withdrawn; this one is not on the site.",
                code="not_published",
            )
        post.status = Post.Status.WITHDRAWN
        post.withdrawn_at = timezone.now()
        post.withdrawn_reason = reason.strip()
        # Off the queue too: it comes back only when sent and approved again.
        post.review_state = Post.Review.NONE
        post.review_requested_at = None
        _save(
            post,
            "status",
            "withdrawn_at",
            "withdrawn_reason",
            "review_state",
            "review_requested_at",
        )
        event_record(
            post, PostEvent.Action.WITHDRAWN, by, comment=post.withdrawn_reason
        )
    return post


def post_restore(*, post: Post, version: Version, by: User) -> Version:
    """Make an old version the working copy again: a new version, to be reviewed."""
    permission_require(by, "articles.change_post")
    if version.id != post.pk:
        raise ValidationError(
            "That version belongs to another post.", code="wrong_post"
        )
    for name in version_content_fields():
        setattr(post, name, getattr(version, name))
    topics = [row.topic_id for row in version.topics.all()]
    saved = timezone.localtime(version.history_date)
    label = f"Restored the version of {saved:%Y-%m-%d %H:%M}"
    with transaction.atomic():
        restored = post_save_version(
            post=post,
            by=by,
            save_m2m=lambda: post.topics.set(topics),
            reason=label,
        )
        event_record(
            post, PostEvent.Action.RESTORED, by, version=restored, comment=label
        )
    return restored


def _go_live(post: Post, version: Version, *, at: datetime) -> list[str]:
    """
    Make `version` what patients read, from the post's publication time (`at`
    when it has none): the post is published, and no longer withdrawn. The
    one go-live step of an approval, a review carried over and an import.
    Returns the fields it set, for _save.
    """
    post.status = Post.Status.PUBLISHED
    post.live_version = version
    post.published_at = post.published_at or at
    post.withdrawn_at = None
    post.withdrawn_reason = ""
    return [
        "live_version",
        "status",
        "published_at",
        "withdrawn_at",
        "withdrawn_reason",
    ]


def _goes_live_when(post: Post, *, now: datetime) -> str:
    """When a post that went live shows, for its history: now or at its time."""
    if post.published_at is None or post.published_at <= now:
        return "now"
    return f"at {timezone.localtime(post.published_at):%Y-%m-%d %H:%M}"


def _locked(post: Post) -> Post:
    return (
        Post.objects.select_for_update(of=("self",))
        .select_related("approval")
        .get(pk=post.pk)
    )


def _save(post: Post, *fields: str) -> None:
    """Save publishing fields only: not a new version of the content."""
    post.save_without_historical_record(update_fields=[*fields, "updated_at"])


def post_record_past_review(
    *,
    post: Post,
    reviewer: Reviewer,
    reviewed_at: datetime,
    published_at: datetime | None = None,
) -> Approval:
    """
    Record a review done before sign-off existed here (demo content, moved-in
    sites): an approval of the post's latest version with no login, marked as
    carried over, which publishes the post like any approval.
    """
    with transaction.atomic():
        post = _locked(post)
        version = post.latest_version()
        approval = Approval.objects.create(
            post=post,
            version=version,
            reviewer=reviewer,
            reviewer_name=reviewer.name,
            credentials=reviewer.credentials,
            approved_at=reviewed_at,
            carried_over=True,
        )
        post.approval = approval
        post.published_at = published_at or post.published_at
        _save(post, "approval", *_go_live(post, version, at=reviewed_at))
        event_record(
            post,
            PostEvent.Action.CARRIED_OVER,
            None,
            version=version,
            comment=f"Reviewed by {reviewer.name} on "
            f"{timezone.localdate(reviewed_at):%Y-%m-%d}, before sign-off here.",
        )
    return approval


def post_import_version(
    *, post: Post, topics: Iterable[Topic], go_live: bool, reason: str
) -> Version:
    """
    Save a post brought in from another site (the WordPress import) as one new
    version with `topics`, and put it in the reviewers' queue. The system does
    this, not a login, and it carries no review claim: no approval, no byline.

    With `go_live` (the post was published or scheduled there) the new version
    is what patients read, from `post.published_at` (now when empty), so a
    site that moves does not go dark. But a post whose live version a
    clinician approved here keeps showing that version (the new one waits in
    the queue), and a post withdrawn here stays withdrawn. Returns the version.
    """
    with transaction.atomic():
        stored = None if post.pk is None else _locked(post)
        version = version_record(
            post,
            stored=stored,
            by=None,
            save_m2m=lambda: post.topics.set(topics),
            reason=reason,
        )
        now = timezone.now()
        fields = ["review_state", "review_requested_at"]
        if post.review_state != Post.Review.AWAITING:
            post.review_requested_at = now
        post.review_state = Post.Review.AWAITING
        goes_live = (
            go_live
            and post.review is None
            and post.status != Post.Status.WITHDRAWN
            and post.live_version_id != version.history_id
        )
        if goes_live:
            fields += _go_live(post, version, at=now)
        _save(post, *fields)
        event_record(post, PostEvent.Action.SENT_FOR_REVIEW, None, version=version)
        if goes_live:
            when = f"{_goes_live_when(post, now=now)}, without review"
            event_record(
                post, PostEvent.Action.PUBLISHED, None, version=version, comment=when
            )
    return version
