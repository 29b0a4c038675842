"""
Reviews go stale: each week, every reviewer with published posts whose approved
review is over 12 months old gets one e-mail listing them (titles and links
only), through the outbox.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
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
    posts = sorted(posts, key=lambda p: p.approval.approved_at)
    context = {
        "reviewer": reviewer,
        "posts": posts,
        "count": len(posts),
        "site_url": settings.SITE_URL,
        "clinic_name": settings.CLINIC_NAME,
    }
    subject = render_to_string("articles/email/reviews_due_subject.txt", context)
    body = render_to_string("articles/email/reviews_due.txt", context)
    return {
        "to": [reviewer.user.email],
        "subject": "".join(subject.splitlines()),
        "body": body.removesuffix("\n"),  # the template file's closing newline
    }
