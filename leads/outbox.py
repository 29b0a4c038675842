"""A small database outbox for e-mail, with retries and backoff."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from leads.models import OutboxEmail

logger = logging.getLogger(__name__)
BATCH_SIZE = 20


def outbox_enqueue(*emails):
    """
    Queue e-mails, each a dict of `to`, `subject` and `body`. Call it inside the
    transaction of the change that causes them.
    """
    now = timezone.now()
    return OutboxEmail.objects.bulk_create(
        OutboxEmail(
            to=list(e["to"]), subject=e["subject"], body=e["body"], next_attempt_at=now
        )
        for e in emails
    )


def backoff(attempts):
    """Seconds to wait after `attempts` failed tries: 30 s, 60 s, … up to an hour."""
    return min(30 * 2 ** (attempts - 1), settings.OUTBOX_MAX_BACKOFF_SECONDS)


def outbox_send_due(now=None):
    """
    Send the e-mails that are due. Returns (sent, failed).

    Rows are claimed with SELECT … FOR UPDATE SKIP LOCKED, so several workers on
    several machines never send the same e-mail twice.
    """
    sent = failed = 0
    while True:
        with transaction.atomic():
            now_ = now or timezone.now()
            batch = list(
                OutboxEmail.objects.select_for_update(skip_locked=True)
                .filter(sent_at__isnull=True, next_attempt_at__lte=now_)
                .order_by("next_attempt_at", "id")[:BATCH_SIZE]
            )
            if not batch:
                return sent, failed
            for email in batch:
                try:
                    EmailMessage(
                        subject=email.subject,
                        body=email.body,
                        from_email=settings.DEFAULT_FROM_EMAIL,
                        to=email.to,
                    ).send()
                except Exception as exc:  # any mail failure is retried later
                    email.attempts += 1
                    # The class and SMTP code only: an SMTP error's text can
                    # carry a recipient's (a patient's) address.
                    code = getattr(exc, "smtp_code", None)
                    email.last_error = type(exc).__name__ + (f" {code}" if code else "")
                    email.next_attempt_at = now_ + timedelta(
                        seconds=backoff(email.attempts)
                    )
                    email.save(
                        update_fields=["attempts", "last_error", "next_attempt_at"]
                    )
                    # Subject and error only: never the body or the recipients.
                    logger.warning(
                        "Outbox e-mail %s failed (attempt %s): %s",
                        email.pk,
                        email.attempts,
                        type(exc).__name__,
                    )
                    failed += 1
                else:
                    email.sent_at = now_
                    email.attempts += 1
                    email.save(update_fields=["sent_at", "attempts"])
                    sent += 1
            if failed:
                # Stop this round after failures; the worker tries again later.
                return sent, failed
