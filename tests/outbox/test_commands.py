import pytest
from django.core import mail
from django.core.management import call_command

from outbox.services import outbox_enqueue

pytestmark = pytest.mark.django_db


def test_run_worker_once_sends_what_is_due(capsys):
    outbox_enqueue({"to": ["desk@clinic.test"], "subject": "New lead #1", "body": "x"})
    call_command("run_worker", "--once")
    assert "Outbox: 1 sent, 0 failed." in capsys.readouterr().out
    assert [m.subject for m in mail.outbox] == ["New lead #1"]
    call_command("run_worker", "--once")
    assert len(mail.outbox) == 1  # never sent twice
