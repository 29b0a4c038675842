"""
The retention policy: leads and their e-mails are deleted when their time is up,
by the worker once a day (LeadsConfig.periodic_jobs) or by hand with
`manage.py purge_old_leads`.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from leads.audit import audit_record
from leads.models import AuditEntry, Lead
from outbox.models import OutboxEmail


def leads_purge_expired(*, dry_run=False, now=None):
    """
    Delete leads past the retention period, and spam a person confirmed past
    its shorter one (spam nobody has looked at waits for the retention period).

    Returns (old_leads, old_spam) counts. The audit log keeps that the deletion
    happened and which lead numbers went, never what they contained.
    """
    now = now or timezone.now()
    cutoff = now - timedelta(days=round(settings.LEADS_RETENTION_MONTHS * 30.44))
    spam_cutoff = now - timedelta(days=settings.LEADS_SPAM_RETENTION_DAYS)
    old = Lead.objects.filter(created_at__lt=cutoff)
    # Sent e-mails (an acknowledgement holds the patient's address) go after the
    # spam period; unsent ones together with the leads they were about.
    outbox = OutboxEmail.objects.filter(
        Q(sent_at__lt=spam_cutoff) | Q(created_at__lt=cutoff)
    )
    spam = Lead.objects.spam_confirmed().filter(
        created_at__lt=spam_cutoff, created_at__gte=cutoff
    )
    counts = (old.count(), spam.count())
    if dry_run:
        return counts
    with transaction.atomic():
        outbox.delete()
        for queryset, label in ((old, "retention period"), (spam, "spam retention")):
            ids = list(queryset.values_list("pk", flat=True))
            if ids:
                audit_record(
                    action=AuditEntry.Action.DELETE,
                    leads=ids,
                    detail=f"deleted {len(ids)} lead(s): {label}",
                )
                Lead.objects.filter(pk__in=ids).delete()
    return counts
