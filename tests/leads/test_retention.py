from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from leads.models import AuditEntry, Lead, LeadEvent
from tests.factories import make_front_desk, make_lead

pytestmark = pytest.mark.django_db


def age(lead, days):
    Lead.objects.filter(pk=lead.pk).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def confirmed_spam():
    """A lead a front-desk member marked as spam."""
    from leads.services import lead_change_status

    lead = make_lead()
    return lead_change_status(lead=lead, to=Lead.Status.SPAM, by=make_front_desk())


def test_purge_deletes_old_leads_and_old_spam_and_audits_it(capsys):
    keep = make_lead()
    old = make_lead()
    age(old, 800)
    old_spam = confirmed_spam()
    age(old_spam, 40)
    fresh_spam = confirmed_spam()
    age(fresh_spam, 5)

    LeadEvent.objects.create(
        lead=old, kind=LeadEvent.Kind.NOTE, text="Said the pain is worse at night."
    )

    audited = AuditEntry.objects.count()  # marking spam was audited
    call_command("purge_old_leads", "--dry-run")
    assert (
        "Would delete 1 lead(s) older than 24 months and 1 spam"
        in capsys.readouterr().out
    )
    assert Lead.objects.count() == 4
    assert AuditEntry.objects.count() == audited  # a dry run changes nothing

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
    from outbox.models import OutboxEmail
    from outbox.services import outbox_enqueue

    outbox_enqueue({"to": ["patient@example.test"], "subject": "Ack", "body": "x"})
    OutboxEmail.objects.update(sent_at=timezone.now() - timedelta(days=40))
    outbox_enqueue({"to": ["desk@clinic.test"], "subject": "Fresh", "body": "x"})
    call_command("purge_old_leads")
    assert list(OutboxEmail.objects.values_list("subject", flat=True)) == ["Fresh"]


def test_spam_nobody_looked_at_is_not_purged_early():
    """Spam filed automatically (the honeypot) waits for a person, or for the
    normal retention period; a possible-spam lead is an ordinary lead."""
    unseen = make_lead(is_spam=True, status="spam", spam_reasons=["honeypot"])
    age(unseen, 40)
    possible = make_lead(spam_reasons=["spam_words"])
    age(possible, 40)
    call_command("purge_old_leads")
    assert Lead.objects.filter(pk__in=[unseen.pk, possible.pk]).count() == 2
    age(unseen, 800)
    call_command("purge_old_leads")
    assert not Lead.objects.filter(pk=unseen.pk).exists()


def test_spam_a_person_confirmed_is_purged_after_the_spam_period(client):
    """The front desk looks at honeypot spam and marks it: then it may go."""
    from django.urls import reverse

    desk = make_front_desk()
    client.force_login(desk)
    unseen = make_lead(is_spam=True, status="spam", spam_reasons=["honeypot"])
    age(unseen, 40)
    client.post(
        reverse("admin:leads_lead_changelist") + "?spam=only",
        {"action": "mark_spam", "_selected_action": [unseen.pk]},
    )
    event = unseen.events.get()
    assert event.author == desk and event.text == "Confirmed as spam"
    call_command("purge_old_leads")
    assert not Lead.objects.filter(pk=unseen.pk).exists()
