from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from outbox.models import OutboxEmail
from outbox.services import backoff, outbox_enqueue, outbox_send_due
from tests.outbox.failing_mail import DyingBackend, Killed

pytestmark = pytest.mark.django_db


def enqueue(*subjects, to="desk@clinic.test"):
    return outbox_enqueue(*({"to": [to], "subject": s, "body": "-"} for s in subjects))


def test_queued_email_is_sent_once():
    """What is queued goes out on the next round, and never again."""
    enqueue("Reviews due")
    assert mail.outbox == []  # queuing sends nothing
    assert outbox_send_due() == (1, 0)
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("Reviews due", ["desk@clinic.test"])
    ]
    assert outbox_send_due() == (0, 0)
    assert OutboxEmail.objects.get().attempts == 1


def test_failed_send_waits_with_backoff_then_goes_out(settings, time_machine):
    """With the mail server down, an e-mail is kept and tried again later."""
    settings.EMAIL_BACKEND = "tests.outbox.failing_mail.FailingBackend"
    enqueue("Reviews due")
    assert outbox_send_due() == (0, 1)
    email = OutboxEmail.objects.get()
    assert (email.attempts, email.last_error) == (1, "ConnectionRefusedError")
    assert email.sent_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox_send_due() == (0, 0)  # not yet: backing off
    time_machine.move_to(timezone.now() + timedelta(seconds=31))
    assert outbox_send_due() == (1, 0)
    assert len(mail.outbox) == 1


def test_failure_keeps_the_smtp_code_but_never_the_address(settings):
    """An SMTP error's text can name the (patient's) recipient: it is not kept."""
    settings.EMAIL_BACKEND = "tests.outbox.failing_mail.RefusingBackend"
    enqueue("Ack", to="patient@example.test")
    outbox_send_due()
    assert OutboxEmail.objects.get().last_error == "SMTPResponseException 550"


def test_backoff_doubles_up_to_an_hour():
    assert [backoff(n) for n in range(1, 6)] == [30, 60, 120, 240, 480]
    assert backoff(20) == 3600


@pytest.mark.parametrize(
    "db_mode",
    [
        pytest.param("autocommit", marks=pytest.mark.django_db(transaction=True)),
        pytest.param("transaction", marks=pytest.mark.django_db),
    ],
)
def test_worker_killed_mid_round_resends_only_the_email_in_flight(
    settings, time_machine, db_mode
):
    """Three e-mails; the worker dies right after delivering the third. The
    next worker sends that one again (its claim ran out) and nothing else."""
    DyingBackend.delivered = []
    settings.EMAIL_BACKEND = "tests.outbox.failing_mail.DyingBackend"
    enqueue("Mail 1", "Mail 2", "Mail 3")
    with pytest.raises(Killed):
        outbox_send_due()
    assert DyingBackend.delivered == ["Mail 1", "Mail 2", "Mail 3"]

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outbox_send_due() == (0, 0)  # still claimed by the dead worker
    time_machine.move_to(timezone.now() + timedelta(minutes=6))
    assert outbox_send_due() == (1, 0)
    assert [m.subject for m in mail.outbox] == ["Mail 3"]
    assert not OutboxEmail.objects.filter(sent_at__isnull=True).exists()
