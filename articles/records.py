"""
A post's record, as the editorial actions (articles.services) keep it: each
version of its content (django-simple-history) and its editorial history (who
did what, when). Only those actions write it.
"""

from collections.abc import Callable
from typing import Any, TypeAlias

from django.contrib.auth.models import User

from articles.models import Post, PostEvent
from articles.models.versions import WORKFLOW_FIELDS, post_versions

# A version of a post: a row of articles.HistoricalPost, the model that
# django-simple-history makes when the app loads (so mypy cannot know it).
Version: TypeAlias = Any


def version_record(
    post: Post,
    *,
    stored: Post | None,
    by: User | None,
    save_m2m: Callable[[], None] | None,
    reason: str,
) -> Version:
    """Save the working copy (`stored`: the row as locked, None for a new post)
    and record it as one version by `by` (None: the system), taken once the
    topics are stored too (the library would otherwise keep one per step)."""
    created = stored is None
    post.skip_history_when_saving = True
    try:
        # Review, publishing and withdrawal belong to their own actions: a save
        # never writes them, so an instance read before a reviewer's approval
        # (or a withdrawal) cannot undo it.
        post.save(update_fields=None if stored is None else _editors_fields(stored))
        if save_m2m is not None:
            save_m2m()
    finally:
        del post.skip_history_when_saving
    if not created:
        post.refresh_from_db(fields=[*WORKFLOW_FIELDS, "published_at"])
    post._history_user = by
    post._change_reason = reason
    post_versions.create_historical_record(post, "+" if created else "~")
    version = post.latest_version()
    event_record(post, PostEvent.Action.SAVED, by, version=version, comment=reason)
    return version


def _editors_fields(stored: Post) -> list[str]:
    """What an editor's save writes: not the workflow's fields, and the first
    publication time only while the post is still a draft."""
    kept = {*WORKFLOW_FIELDS, "created_at"}
    if stored.status != Post.Status.DRAFT:
        kept.add("published_at")
    return [
        f.name
        for f in Post._meta.concrete_fields
        if not f.primary_key and f.name not in kept
    ]


def event_record(
    post: Post,
    action: PostEvent.Action,
    by: User | None,
    *,
    version: Version | None = None,
    comment: str = "",
) -> None:
    """Note `action` in the post's editorial history, with who did it."""
    PostEvent.objects.create(
        post=post,
        action=action,
        by=by,
        by_name=(by.get_full_name() or by.get_username()) if by else "",
        version=version,
        comment=comment,
    )
