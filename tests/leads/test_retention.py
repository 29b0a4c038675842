from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from leads.models import AuditEntry, Lead, LeadEvent
from tests.factories import make_lead

pytestmark = pytest.mark.django_db


def age(lead, days):
    Lead.objects.filter(pk=lead.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def test_purge_deletes_old_leads_and_old_spam_and_audits_it(capsys):
    keep = make_lead()
    old = make_lead()
    age(old, 800)
    old_spam = make_lead(is_spam=True, status="spam")
    age(old_spam, 40)
    fresh_spam = make_lead(is_spam=True, status="spam")
    age(fresh_spam, 5)

    LeadEvent.objects.create(
        lead=old, kind=LeadEvent.Kind.NOTE, text="Said the pain is worse at night."
    )

    call_command("purge_old_leads", "--dry-run")
    assert (
        "Would delete 1 lead(s) older than 24 months and 1 spam"
        in capsys.readouterr().out
    )
    assert Lead.objects.count() == 4
    assert not AuditEntry.objects.exists()  # a dry run changes nothing

    call_command("purge_old_leads")
    assert "Deleted 1 lead(s)" in capsys.readouterr().out
    assert set(Lead.objects.values_list("pk", flat=True)) == {keep.pk, fresh_spam.pk}
    deleted = AuditEntry.objects.filter(action="delete")
    assert sorted(i for e in deleted for i in e.lead_ids) == sorted(
        [old.pk, old_spam.pk]
    )
    # Staff notes may hold health details: they go with their lead.
    assert not LeadEvent.objects.filter(lead_id=old.pk).exists()


def test_purge_removes_old_outbox_mail_with_patient_addresses():
    from leads.models import OutboxEmail
    from leads.outbox import outbox_enqueue

    outbox_enqueue({"to": ["patient@example.test"], "subject": "Ack", "body": "x"})
    OutboxEmail.objects.update(sent_at=timezone.now() - timedelta(days=40))
    outbox_enqueue({"to": ["desk@clinic.test"], "subject": "Fresh", "body": "x"})
    call_command("purge_old_leads")
    assert list(OutboxEmail.objects.values_list("subject", flat=True)) == ["Fresh"]
