"""
A small database outbox for e-mail, with retries and backoff.

Any app queues its e-mails with `outbox_enqueue` in the transaction of the change
that causes them; the worker (`manage.py run_worker`) sends them with
`outbox_send_due`.
"""

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import TypedDict

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from outbox.models import OutboxEmail

logger = logging.getLogger(__name__)


class Email(TypedDict):
    """An e-mail to queue: its recipients' addresses, subject and plain text."""

    to: Iterable[str]
    subject: str
    body: str


def outbox_enqueue(*emails: Email) -> list[OutboxEmail]:
    """
    Queue e-mails, each a dict of `to`, `subject` and `body` (an Email). Call it
    inside the transaction of the change that causes them.
    """
    now = timezone.now()
    return OutboxEmail.objects.bulk_create(
        OutboxEmail(
            to=list(e["to"]), subject=e["subject"], body=e["body"], next_attempt_at=now
        )
        for e in emails
    )


def backoff(attempts: int) -> int:
    """Seconds to wait after `attempts` failed tries: 30 s, 60 s, … up to an hour."""
    return min(30 * 2 ** (attempts - 1), settings.OUTBOX_MAX_BACKOFF_SECONDS)


def outbox_send_due(now: datetime | None = None) -> tuple[int, int]:
    """
    Send the e-mails that are due, one at a time. Returns (sent, failed).

    Each e-mail is claimed in a commit of its own (SELECT … FOR UPDATE SKIP
    LOCKED, so several workers never take the same one; the claim holds it for
    OUTBOX_CLAIM_SECONDS), then sent, then marked sent or failed in another
    commit. A worker killed mid-round re-sends at most the one e-mail it was
    sending, once its claim runs out; nothing already delivered goes again.
    """
    sent = failed = 0
    while True:
        email = _claim_next(now or timezone.now())
        if email is None:
            return sent, failed
        try:
            EmailMessage(
                subject=email.subject,
                body=email.body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=email.to,
            ).send()
        except Exception as exc:  # any mail failure is retried later, with backoff
            _record_failure(email, exc, now or timezone.now())
            failed += 1
            continue
        OutboxEmail.objects.filter(pk=email.pk).update(
            sent_at=now or timezone.now(), attempts=F("attempts") + 1
        )
        sent += 1


@transaction.atomic
def _claim_next(now: datetime) -> OutboxEmail | None:
    """The next due e-mail, held for OUTBOX_CLAIM_SECONDS; None when none is due."""
    email = (
        OutboxEmail.objects.select_for_update(skip_locked=True)
        .filter(sent_at__isnull=True, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id")
        .first()
    )
    if email is not None:
        email.next_attempt_at = now + timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS)
        email.save(update_fields=["next_attempt_at"])
    return email


def _record_failure(email: OutboxEmail, exc: Exception, now: datetime) -> None:
    email.attempts += 1
    # The class and SMTP code only: an SMTP error's text can carry a
    # recipient's (a patient's) address.
    code = getattr(exc, "smtp_code", None)
    email.last_error = type(exc).__name__ + (f" {code}" if code else "")
    email.next_attempt_at = now + timedelta(seconds=backoff(email.attempts))
    email.save(update_fields=["attempts", "last_error", "next_attempt_at"])
    # Never the body or the recipients.
    logger.warning(
        "Outbox e-mail %s failed (attempt %s): %s",
        email.pk,
        email.attempts,
        type(exc).__name__,
    )
