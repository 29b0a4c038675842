"""Multi-step writes for leads: storing a patient's request, and the front
desk's work on it (status, owner, notes)."""

import logging
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import HttpRequest

from articles.models import Post, Topic
from attribution.touches import touch_source
from clinic.permissions import permission_require
from leads.audit import lead_history_record
from leads.models import Lead, LeadEvent, response_deadlines
from leads.notifications import acknowledgement_email, digest_email, new_lead_email
from leads.routing import Route, route_lead
from leads.selectors import client_recent_leads, form_token_fingerprints
from leads.spam import Verdict, spam_judge
from leads.submissions import Client, Submission
from locations.models import Location
from locations.selectors import public_locations
from outbox.services import Email, outbox_enqueue

logger = logging.getLogger(__name__)

# One form token (one page view) stores at most this many leads: a patient
# may correct and resend once; a script replaying one token gets no further.
LEADS_PER_FORM_TOKEN = 2


class FormTokenSpent(Exception):
    """The form this came from already sent LEADS_PER_FORM_TOKEN leads."""


@dataclass(frozen=True)
class _Links:
    """What a lead points at; a row deleted meanwhile is dropped, not the lead."""

    topic_id: int | None
    article_id: int | None
    location_id: int | None


def lead_create(
    *, submission: Submission, client: Client, now: datetime
) -> tuple[Lead, bool]:
    """
    Store a patient's request as a lead, with its e-mails in the outbox.

    Returns (lead, created). The same form sent again with the same content (a
    reload, Back and resend, a double click) returns the first lead instead;
    a form token that already stored LEADS_PER_FORM_TOKEN others raises
    FormTokenSpent. Whether it is spam is decided here (leads.spam), so a
    stored lead is spam or not from the moment it exists; a patient is never
    hidden: only a certain sign files it as spam. Everything happens in one
    transaction: the lead and its e-mails are stored together or not at all
    (the worker only sends).
    """
    links = _Links(submission.topic_id, submission.article_id, submission.location_id)
    # Foreign keys are checked when the transaction commits. Inside a caller's
    # transaction (tests, batches) that commit is not ours, so they are checked
    # before our part ends.
    check_now = connection.in_atomic_block
    while True:  # each retry has fewer links, so this ends
        try:
            return _lead_store(submission, client, now, links, check_now), True
        except IntegrityError:
            # The same form stored a moment ago by another app server, or a
            # link to a row deleted a moment ago (another server still offered
            # it): return the first, or store without the missing link.
            existing = _lead_sent_before(submission)
            if existing is not None:
                return existing, False
            unlinked = _without_deleted(links)
            if unlinked == links:
                raise
            links = unlinked


@transaction.atomic
def _lead_store(
    submission: Submission,
    client: Client,
    now: datetime,
    links: _Links,
    check_now: bool,
) -> Lead:
    """The lead, judged for spam, routed, and its e-mails, in one transaction."""
    sent = form_token_fingerprints(submission.form_token, limit=LEADS_PER_FORM_TOKEN)
    # The same form sent again unchanged goes on to the insert, whose unique
    # constraint hands lead_create the lead stored the first time.
    if len(sent) >= LEADS_PER_FORM_TOKEN and submission.fingerprint not in sent:
        raise FormTokenSpent
    recent = client_recent_leads(client.address_hash, now=now)
    verdict = spam_judge(
        submission=submission,
        now=now,
        client_recent=recent,
        form_sent_before=bool(sent),
    )
    office = _office(links.location_id)
    route = Route() if verdict.certain else route_lead(office, links.topic_id)
    respond_by, escalate_by = response_deadlines(now, office)
    lead = Lead.objects.create(
        **_lead_fields(submission, client, links),
        **_office_fields(office, links),
        consent_version=settings.LEADS_CONSENT_VERSION,
        consented_at=now,
        respond_by=respond_by,
        escalate_by=escalate_by,
        is_spam=verdict.certain,
        status=Lead.Status.SPAM if verdict.certain else Lead.Status.NEW,
        spam_reasons=list(verdict.reasons),
        team=route.team,
        owner=route.owner,
        routed_to_team_lead=route.to_team_lead,
        digest_pending=_held_for_digest(verdict, recent, now),
    )
    if check_now and (lead.topic_id or lead.article_id or lead.location_id):
        connection.check_constraints(table_names=[Lead._meta.db_table])
    route.record(lead)
    outbox_enqueue(*_notifications(lead, verdict, office))
    logger.info("Lead #%s stored (spam=%s)", lead.pk, lead.is_spam)
    return lead


def _lead_fields(submission: Submission, client: Client, links: _Links) -> dict:
    """The lead's columns from what the patient sent and where they came from."""
    first = client.first_touch
    return dict(
        name=submission.name,
        phone=submission.phone,
        email=submission.email,
        preferred_contact=submission.preferred_contact,
        message=submission.message,
        topic_id=links.topic_id,
        topic_name=submission.topic_name,
        patient_type=submission.patient_type,
        preferred_times=list(submission.preferred_times),
        insurance=submission.insurance,
        checker_version=submission.checker_version,
        checker_summary=submission.checker_summary,
        article_id=links.article_id,
        article_title=submission.article_title,
        source_page=submission.source_page,
        first_touch=first,
        last_touch=client.last_touch or first,
        utm_source=touch_source(first),
        utm_medium=first.get("utm_medium", ""),
        utm_campaign=first.get("utm_campaign", ""),
        client_hash=client.address_hash,
        form_token=submission.form_token,
        fingerprint=submission.fingerprint,
    )


def _office_fields(office: Location | None, links: _Links) -> dict[str, Any]:
    """The office object itself when known, so nothing later asks the database
    for it; else its id (an office the cached list does not show yet)."""
    if office is not None:
        return {"location": office}
    return {"location_id": links.location_id}


def _office(location_id: int | None) -> Location | None:
    """The office from the cached list every page uses (no query)."""
    if location_id is None:
        return None
    return next((x for x in public_locations() if x.pk == location_id), None)


def _held_for_digest(verdict: Verdict, recent: list[datetime], now: datetime) -> bool:
    """Past LEADS_NOTIFY_PER_CLIENT_HOUR leads from one client in an hour, the
    front desk hears of the rest in one digest (leads_digest_send)."""
    hour_ago = now - timedelta(hours=1)
    within = sum(at >= hour_ago for at in recent)
    return not verdict.certain and within >= settings.LEADS_NOTIFY_PER_CLIENT_HOUR


def _notifications(
    lead: Lead, verdict: Verdict, office: Location | None
) -> list[Email]:
    """The e-mails a new lead causes now. Spam filed on arrival causes none; a
    lead with any sign of spam gets no acknowledgement (its address may not be
    the sender's); a lead held for the digest waits for it."""
    if verdict.certain or lead.digest_pending:
        return []
    emails = [new_lead_email(lead)]
    if settings.LEADS_SEND_ACKNOWLEDGEMENT and lead.email and not verdict.suspected:
        emails.append(acknowledgement_email(lead, office))
    return emails


def _lead_sent_before(submission: Submission) -> Lead | None:
    return Lead.objects.filter(
        form_token=submission.form_token, fingerprint=submission.fingerprint
    ).first()


def _without_deleted(links: _Links) -> _Links:
    """The links without those to rows that no longer exist."""
    if links.topic_id and not Topic.objects.filter(pk=links.topic_id).exists():
        links = replace(links, topic_id=None)
    if links.article_id and not Post.objects.filter(pk=links.article_id).exists():
        links = replace(links, article_id=None)
    if links.location_id and not Location.objects.filter(pk=links.location_id).exists():
        links = replace(links, location_id=None)
    return links


@transaction.atomic
def leads_digest_send() -> int:
    """Tell the front desk in one e-mail of the leads held back from separate
    notices (a job of the worker). Returns how many it named."""
    held = list(
        Lead.objects.filter(digest_pending=True)
        .select_for_update(skip_locked=True)
        .order_by("created_at", "pk")
    )
    if not held:
        return 0
    Lead.objects.filter(pk__in=[lead.pk for lead in held]).update(digest_pending=False)
    outbox_enqueue(digest_email(held))
    return len(held)


# How far a lead has come, from the first reply to an outcome. A status change
# never takes a lead back to an earlier step: a booked, closed or not-fit lead
# is never "contacted" again, and only a lead recovered from spam is New again.
# Closed and Not a fit are both outcomes: correcting one to the other is allowed.
# Spam stands aside: staff may mark any lead spam, and a lead recovered from spam
# may go to any status (New with "Not spam", or straight to where staff have
# taken it since).
STATUS_STEPS = {
    Lead.Status.NEW: 0,
    Lead.Status.CONTACTED: 1,
    Lead.Status.BOOKED: 2,
    Lead.Status.CLOSED: 3,
    Lead.Status.NOT_FIT: 3,
}


def lead_status_check(*, lead: Lead, to: str) -> None:
    """Raise ValidationError unless the status rules (STATUS_STEPS) let `lead`,
    as loaded, move to status `to`."""
    if to not in Lead.Status.values:
        raise ValidationError(
            "%(to)r is not a lead status.", code="invalid_status", params={"to": to}
        )
    status = Lead.Status(to)
    if status in (lead.status, Lead.Status.SPAM):
        return  # staying, or marking spam
    # Recovering from spam goes on from where the lead was before it.
    now = lead.status_before_spam() if lead.is_spam else Lead.Status(lead.status)
    if STATUS_STEPS[status] < STATUS_STEPS[now]:
        raise ValidationError(
            "Lead #%(lead)s is “%(now)s”; it never moves back to “%(to)s”.",
            code="status_backwards",
            params={"lead": lead.pk, "now": now.label, "to": status.label},
        )


@transaction.atomic
def lead_change_status(
    *,
    lead: Lead,
    to: str,
    by: User | None,
    request: HttpRequest | None = None,
) -> Lead:
    """
    Move a lead to another status, recording who and when.

    The rules are judged on the lead as stored, locked until the change is
    made: ValidationError when they refuse the move (lead_status_check),
    PermissionDenied when `by` may not change leads (None is the system).
    """
    if by is not None:
        permission_require(by, "leads.change_lead")
    lead.refresh_from_db(
        fields=["status", "is_spam", "first_contacted_at"],
        from_queryset=Lead.objects.select_for_update(),
    )
    if lead.status == to:
        return lead
    lead_status_check(lead=lead, to=to)
    event = lead_history_record(
        lead=lead,
        kind=LeadEvent.Kind.STATUS,
        by=by,
        request=request,
        detail=f"status → {to}",
        from_status=lead.status,
        to_status=to,
    )
    fields = ["status"]
    if lead.first_contacted_at is None and Lead.Status(to).means_contacted:
        lead.first_contacted_at = event.created_at
        fields.append("first_contacted_at")
    lead.status = to
    if lead.is_spam != (to == Lead.Status.SPAM):
        lead.is_spam = to == Lead.Status.SPAM  # marked, or recovered by staff
        fields.append("is_spam")
    lead.save(update_fields=fields)
    return lead


@transaction.atomic
def lead_confirm_spam(
    *, lead: Lead, by: User, request: HttpRequest | None = None
) -> Lead:
    """
    A person agrees that a lead filed as spam automatically (the honeypot) is
    spam. Recorded like a status change; from then on the spam retention
    period applies to it (LeadQuerySet.spam_confirmed).
    """
    permission_require(by, "leads.change_lead")
    if not lead.is_spam or Lead.objects.spam_confirmed().filter(pk=lead.pk).exists():
        return lead
    lead_history_record(
        lead=lead,
        kind=LeadEvent.Kind.STATUS,
        by=by,
        request=request,
        detail="confirmed as spam",
        from_status=lead.status,
        to_status=Lead.Status.SPAM,
        text="Confirmed as spam",
    )
    return lead


@transaction.atomic
def lead_assign(
    *,
    lead: Lead,
    to: User | None,
    by: User,
    request: HttpRequest | None = None,
) -> Lead:
    """Give a lead an owner (or none). PermissionDenied unless `by` may change
    leads."""
    permission_require(by, "leads.change_lead")
    if lead.owner_id == (to.pk if to else None):
        return lead
    lead.owner = to
    lead.save(update_fields=["owner"])
    lead_history_record(
        lead=lead,
        kind=LeadEvent.Kind.ASSIGN,
        by=by,
        request=request,
        detail="owner → " + (to.get_username() if to else "nobody"),
        text=f"Assigned to {to.get_username()}" if to else "Unassigned",
    )
    return lead


@transaction.atomic
def lead_add_note(
    *, lead: Lead, text: str, by: User, request: HttpRequest | None = None
) -> LeadEvent:
    """Add a timestamped note to a lead's timeline. PermissionDenied unless `by`
    may add notes."""
    permission_require(by, "leads.add_leadevent")
    return lead_history_record(
        lead=lead,
        kind=LeadEvent.Kind.NOTE,
        by=by,
        request=request,
        detail="note added",
        text=text.strip(),
    )
