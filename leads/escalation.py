"""
Chasing leads nobody answered: one of the background worker's periodic jobs
(LeadsConfig.periodic_jobs, every minute). A lead still New at its response
target (Lead.respond_by, counted in business time) sends its owner one
reminder; at twice the target (Lead.escalate_by) its team lead gets one
escalation and the lead is marked escalated. Each is claimed with a conditional
UPDATE (… WHERE reminded_at IS NULL) in the transaction that queues its e-mail,
so however many workers run, each goes once. The e-mails carry no health
information: the lead's number, office, age and a link only.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.timesince import timesince

from leads.models import Lead, LeadEvent, TeamMember
from outbox.services import outbox_enqueue

logger = logging.getLogger(__name__)

# Leads that went past their targets longer ago than this are not chased any
# more (say, leads stored before reminders existed).
CHASE_WINDOW = timedelta(days=7)
BATCH = 200
# Each e-mail's templates: templates/leads/email/<name>.txt and <name>_subject.txt.
# They get the lead's number, office, age and link, and nothing a patient sent.
EMAILS = ("escalation_reminder", "escalation_team_lead")


def leads_chase(now=None):
    """Queue the reminders and escalations that are due. Returns (reminded,
    escalated)."""
    now = now or timezone.now()
    waiting = Lead.objects.filter(status=Lead.Status.NEW, is_spam=False)
    reminded = escalated = 0
    due = waiting.filter(
        reminded_at__isnull=True,
        respond_by__lte=now,
        respond_by__gte=now - CHASE_WINDOW,
    ).values_list("pk", flat=True)[:BATCH]
    for pk in list(due):
        reminded += _remind(pk, now)
    due = waiting.filter(
        escalated_at__isnull=True,
        escalate_by__lte=now,
        escalate_by__gte=now - CHASE_WINDOW,
    ).values_list("pk", flat=True)[:BATCH]
    for pk in list(due):
        escalated += _escalate(pk, now)
    return reminded, escalated


@transaction.atomic
def _remind(pk, now):
    if not _claim(pk, reminded_at=now):
        return 0  # another worker did, or the lead was answered meanwhile
    lead = Lead.objects.select_related("owner", "location").get(pk=pk)
    owner = lead.owner
    to = [owner.email] if owner and owner.email else settings.LEADS_NOTIFY_EMAILS
    outbox_enqueue(_email(lead, "escalation_reminder", to=to, now=now))
    who = owner.get_username() if owner else "the front desk"
    LeadEvent.objects.create(
        lead=lead,
        kind=LeadEvent.Kind.CHASE,
        text=f"Reminder sent to {who}: still New at the response target",
        created_at=now,
    )
    return 1


@transaction.atomic
def _escalate(pk, now):
    if not _claim(pk, escalated_at=now):
        return 0
    lead = Lead.objects.select_related("location").get(pk=pk)
    leads_of_team = list(
        TeamMember.objects.filter(
            team_id=lead.team_id, is_lead=True, user__is_active=True
        )
        .exclude(user__email="")
        .select_related("user")
    )
    to = [m.user.email for m in leads_of_team] or settings.LEADS_NOTIFY_EMAILS
    outbox_enqueue(_email(lead, "escalation_team_lead", to=to, now=now))
    who = ", ".join(m.user.get_username() for m in leads_of_team) or "the front desk"
    LeadEvent.objects.create(
        lead=lead,
        kind=LeadEvent.Kind.CHASE,
        text=f"Escalated to {who}: still New at twice the response target",
        created_at=now,
    )
    return 1


def _claim(pk, **stamp):
    """Set the stamp on a lead still New that has none yet; whether this call
    did (the row lock makes a second worker's UPDATE find it set)."""
    (field,) = stamp
    return Lead.objects.filter(
        pk=pk, status=Lead.Status.NEW, **{f"{field}__isnull": True}
    ).update(**stamp)


def _email(lead, name, *, to, now):
    """The e-mail `name` (one of EMAILS) about `lead`, rendered from its templates."""
    office = lead.location.name if lead.location else "no office chosen"
    context = {
        "number": lead.pk,
        "office": office,
        "age": timesince(lead.created_at, now).split(",")[0].replace("\xa0", " "),
        "link": lead.admin_link,
    }
    subject = render_to_string(f"leads/email/{name}_subject.txt", context)
    body = render_to_string(f"leads/email/{name}.txt", context)
    return {
        "to": list(to),
        "subject": " ".join(subject.split()),
        "body": body.strip() + "\n",
    }
