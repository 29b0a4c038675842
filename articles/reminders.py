"""
Reviews go stale: each week, every reviewer with published posts whose approved
review is over 12 months old gets one e-mail listing them (titles and links
only), through the outbox.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from articles.models import Post, Reviewer, ReviewReminder
from articles.models.posts import LIVE
from outbox.services import outbox_enqueue


def queue_review_reminders(now=None):
    """
    Queue this week's e-mail for each reviewer who has due posts and has not
    had one this week. Safe with several workers: the (reviewer, week) unique
    constraint lets one of them queue it. Returns how many were queued.
    """
    today = timezone.localdate(now or timezone.now())
    week = today - timedelta(days=today.weekday())
    due = Post.objects.review_due().select_related("approval", LIVE)
    waiting = (
        Reviewer.objects.filter(approvals__post__in=due)
        .filter(user__is_active=True)
        .exclude(user__email="")
        .exclude(pk__in=ReviewReminder.objects.filter(week=week).values("reviewer"))
        .select_related("user")
        .distinct()
    )
    queued = 0
    for reviewer in waiting:
        posts = [p for p in due if p.approval.reviewer_id == reviewer.pk]
        if posts and _queue(reviewer, week, posts):
            queued += 1
    return queued


def _queue(reviewer, week, posts):
    try:
        with transaction.atomic():
            ReviewReminder.objects.create(
                reviewer=reviewer, week=week, post_count=len(posts)
            )
            outbox_enqueue(_email(reviewer, posts))
    except IntegrityError:
        return False  # another worker queued it
    return True


def _email(reviewer, posts):
    lines = [
        f"Dear {reviewer.name},",
        "",
        "These published articles were last approved more than 12 months ago. "
        "They stay on the site with their review date; please review them again:",
        "",
    ]
    for post in sorted(posts, key=lambda p: p.approval.approved_at):
        approved = timezone.localdate(post.approval.approved_at)
        link = reverse("admin:articles_post_review", args=[post.pk])
        lines += [
            f"- {post.live.title} (approved {approved:%B %-d, %Y})",
            f"  {settings.SITE_URL}{link}",
        ]
    lines += ["", f"{settings.CLINIC_NAME} website"]
    count = len(posts)
    return {
        "to": [reviewer.user.email],
        "subject": f"Medical reviews due: {count} article{'s' if count != 1 else ''}",
        "body": "\n".join(lines),
    }
