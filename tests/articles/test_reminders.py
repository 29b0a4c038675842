"""The weekly “reviews due” e-mail to each reviewer with posts over a year old."""

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from articles.models import Post, ReviewReminder
from articles.reminders import _queue, queue_review_reminders
from articles.services import post_withdraw
from outbox.models import OutboxEmail
from outbox.services import outbox_send_due
from tests.factories import approve, make_editor, make_post, make_reviewer_user

pytestmark = pytest.mark.django_db

# A Wednesday morning on the clinic's clocks.
WEDNESDAY = datetime(2027, 3, 3, 9, 0)


@pytest.fixture
def wednesday(time_machine):
    time_machine.move_to(timezone.make_aware(WEDNESDAY), tick=False)
    return time_machine


def reviewed(title, reviewer, *, days_ago, time_machine, body="Secret body text."):
    """A live post whose current version `reviewer` approved `days_ago` days ago."""
    now = timezone.now()
    time_machine.move_to(now - timedelta(days=days_ago), tick=False)
    post = make_post(title, body=body, status=Post.Status.DRAFT)
    approve(post, reviewer)
    time_machine.move_to(now, tick=False)
    return post


def test_each_reviewer_with_due_posts_gets_one_email_listing_them(wednesday):
    """Titles and links only; a reviewer with nothing due gets nothing."""
    dana = make_reviewer_user(name="Dana Reyes")
    sam = make_reviewer_user(name="Sam Ortiz")
    idle = make_reviewer_user(name="Idle Reviewer")
    first = reviewed("Knee care", dana, days_ago=400, time_machine=wednesday)
    second = reviewed("Hip care", dana, days_ago=380, time_machine=wednesday)
    reviewed("Fresh advice", dana, days_ago=30, time_machine=wednesday)
    reviewed("Back care", sam, days_ago=500, time_machine=wednesday)
    reviewed("Recent", idle, days_ago=10, time_machine=wednesday)

    assert queue_review_reminders() == 2
    emails = {tuple(e.to): e for e in OutboxEmail.objects.all()}
    assert set(emails) == {(dana.email,), (sam.email,)}
    to_dana = emails[(dana.email,)]
    assert to_dana.subject == "Medical reviews due: 2 articles"
    assert "Knee care" in to_dana.body and "Hip care" in to_dana.body
    assert "Fresh advice" not in to_dana.body and "Back care" not in to_dana.body
    for post in (first, second):
        assert reverse("admin:articles_post_review", args=[post.pk]) in to_dana.body
    assert "Secret body text." not in to_dana.body
    assert emails[(sam.email,)].subject == "Medical reviews due: 1 article"


def test_a_reviewer_gets_at_most_one_reminder_a_week(wednesday):
    """Run again that week, or by a second worker at once: nothing more queued;
    next week, another one."""
    dana = make_reviewer_user()
    post = reviewed("Knee care", dana, days_ago=400, time_machine=wednesday)
    assert queue_review_reminders() == 1
    assert queue_review_reminders() == 0
    wednesday.move_to(timezone.make_aware(WEDNESDAY + timedelta(days=4)), tick=False)
    assert queue_review_reminders() == 0  # Sunday, same week
    # A second worker that read the list before the first one queued it.
    monday = WEDNESDAY.date() - timedelta(days=2)
    assert not _queue(dana.reviewer_profile, monday, [post])
    assert OutboxEmail.objects.count() == 1
    wednesday.move_to(timezone.make_aware(WEDNESDAY + timedelta(days=5)), tick=False)
    assert queue_review_reminders() == 1  # Monday: a new week
    assert OutboxEmail.objects.count() == 2
    assert ReviewReminder.objects.filter(reviewer=dana.reviewer_profile).count() == 2


def test_a_confirmed_review_stops_the_reminders(wednesday):
    """Once the reviewer confirms the review, no more reminders come."""
    dana = make_reviewer_user()
    post = reviewed("Knee care", dana, days_ago=400, time_machine=wednesday)
    approve(post, dana)  # confirmed today
    assert post not in Post.objects.review_due()
    assert queue_review_reminders() == 0


def test_withdrawn_and_unlinked_reviews_send_nothing(wednesday):
    """A withdrawn post is not due; a carried-over review has no login to write to."""
    dana = make_reviewer_user()
    post = reviewed("Knee care", dana, days_ago=400, time_machine=wednesday)
    post_withdraw(post=post, by=make_editor(), reason="Outdated.")
    make_post("Carried over", reviewed_on=timezone.localdate() - timedelta(days=400))
    assert queue_review_reminders() == 0


def test_the_worker_queues_and_sends_the_reminder(wednesday, capsys):
    """run_worker --once queues the reminder and sends it, once."""
    dana = make_reviewer_user()
    reviewed("Knee care", dana, days_ago=400, time_machine=wednesday)
    call_command("run_worker", "--once")
    assert "Outbox: 1 sent, 0 failed." in capsys.readouterr().out
    assert [(m.to, m.subject) for m in mail.outbox] == [
        ([dana.email], "Medical reviews due: 1 article")
    ]
    call_command("run_worker", "--once")
    assert len(mail.outbox) == 1
    assert outbox_send_due() == (0, 0)


def test_the_reminder_reads_as_plain_text_oldest_review_first(wednesday, settings):
    """Titles and the clinic's name as written (no HTML escaping), the local
    date of each approval, and a link to each review page."""
    settings.SITE_URL = "https://clinic.test"
    settings.CLINIC_NAME = "Cedar Ridge Spine & Orthopedics"
    dana = make_reviewer_user(name="Dana Reyes")
    hip = reviewed("Hip & knee “care”", dana, days_ago=380, time_machine=wednesday)
    knee = reviewed("Knee <care>", dana, days_ago=400, time_machine=wednesday)
    queue_review_reminders()
    email = OutboxEmail.objects.get()
    assert email.subject == "Medical reviews due: 2 articles"
    review = "https://clinic.test/admin/articles/post/{}/review/"
    assert email.body == (
        "Dear Dana Reyes,\n"
        "\n"
        "These published articles were last approved more than 12 months ago. "
        "They stay on the site with their review date; please review them again:\n"
        "\n"
        "- Knee <care> (approved January 27, 2026)\n"
        f"  {review.format(knee.pk)}\n"
        "- Hip & knee “care” (approved February 16, 2026)\n"
        f"  {review.format(hip.pk)}\n"
        "\n"
        "Cedar Ridge Spine & Orthopedics website"
    )
