"""Multi-step writes for leads: creating them, counting calls, and the front
desk's work on them (status, owner, notes)."""

import hashlib
import hmac
import logging
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from articles.models import Post, Topic
from clinic.info import clinic_info
from clinic.net import client_ip, rate_limit_key
from clinic.permissions import permission_require
from leads import attribution
from leads.audit import audit_record
from leads.models import AuditEntry, CallClick, Lead, LeadEvent
from leads.records import count_up
from leads.routing import Route, route_lead
from locations.models import Location
from locations.selectors import public_locations
from outbox.services import outbox_enqueue

logger = logging.getLogger(__name__)


def client_hash(request):
    """A keyed hash of the client's address (an IPv6 client's /64): enough to
    rate-limit, not to identify."""
    address = rate_limit_key(client_ip(request))
    return hmac.new(
        settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256
    ).hexdigest()


def lead_create(*, form, request):
    """
    Store a valid contact form as a lead, with its e-mails in the outbox.

    Returns (lead, created). The same form sent again with the same content (a
    reload, Back and resend, a double click) returns the first lead instead.
    Whether it is spam is decided here, so a stored lead is spam or not from
    the moment it exists. Only a certain sign (the hidden honeypot field
    filled in) files it as spam, which sends nothing; signs that can be wrong
    (sent very fast, many links, spam words, many leads from one address) only
    mark it "possible spam": it stays in the front desk's list with the
    reasons shown, and they are notified as usual.
    Everything happens in one transaction: the lead and its e-mails are stored
    together or not at all (the worker only sends).
    """
    data = form.cleaned_data
    now = timezone.now()
    client = client_hash(request)
    first_touch = attribution.read_touch(request, attribution.FIRST_TOUCH_COOKIE)
    last_touch = attribution.read_touch(request, attribution.LAST_TOUCH_COOKIE)
    attachment = data.get("checker_state") or {}
    fields = dict(
        name=data["name"],
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        preferred_contact=data["preferred_contact"],
        message=data["message"],
        topic_id=data.get("topic"),
        topic_name=form.topic_name(),
        location=form.chosen_location(),
        patient_type=data.get("patient_type", ""),
        preferred_times=data.get("preferred_times", []),
        insurance=data.get("insurance", ""),
        consent_version=settings.LEADS_CONSENT_VERSION,
        consented_at=now,
        checker_version=attachment.get("version"),
        # The answers themselves only when the patient ticked the box.
        checker_summary=attachment.get("summary", "")
        if data.get("attach_answers")
        else "",
        article=data.get("article"),
        article_title=data["article"].public_title if data.get("article") else "",
        source_page=data.get("page", ""),
        first_touch=first_touch,
        last_touch=last_touch or first_touch,
        utm_source=attribution.touch_source(first_touch),
        utm_medium=first_touch.get("utm_medium", ""),
        utm_campaign=first_touch.get("utm_campaign", ""),
        client_hash=client,
        form_token=data["form_token"],
        fingerprint=form.fingerprint(),
    )
    # A duplicate (the unique constraint) or a link to a topic or article that
    # was deleted a moment ago (another app server still offered it) undoes the
    # transaction; the first returns the lead stored before, the second stores
    # the patient's message without the missing link, as deleting one does to
    # stored leads.
    # Foreign keys are checked when the transaction commits. Inside a caller's
    # transaction (tests, batches) that commit is not ours, so they are checked
    # before our part ends.
    check_now = connection.in_atomic_block
    while True:  # each retry has fewer links, so this ends
        try:
            return _lead_store(form, fields, now, check_now=check_now), True
        except IntegrityError:
            existing = Lead.objects.filter(
                form_token=fields["form_token"], fingerprint=fields["fingerprint"]
            ).first()
            if existing is not None:
                return existing, False
            if not _unlink_deleted(fields):
                raise


@transaction.atomic
def _lead_store(form, fields, now, *, check_now):
    """The lead, judged for spam, and its e-mails, in one transaction."""
    reasons = form.spam_reasons(seconds_taken=now.timestamp() - form.shown_at)
    if _rate_limited(fields["client_hash"], now):
        reasons.append("rate_limited")
    certain = Lead.certain_spam(reasons)
    route = Route() if certain else route_lead(fields["location"], fields["topic_id"])
    lead = Lead.objects.create(
        **fields,
        is_spam=certain,
        status=Lead.Status.SPAM if certain else Lead.Status.NEW,
        spam_reasons=reasons,
        team=route.team,
        owner=route.owner,
        routed_to_team_lead=route.to_team_lead,
    )
    if check_now and (lead.topic_id or lead.article_id or lead.location_id):
        connection.check_constraints(table_names=[Lead._meta.db_table])
    route.record(lead)
    if not lead.is_spam:
        outbox_enqueue(*_notifications(lead))
    logger.info("Lead #%s stored (spam=%s)", lead.pk, lead.is_spam)
    return lead


def _unlink_deleted(fields):
    """Drop the lead's links (topic, article, location) to rows that no longer exist;
    whether there were any."""
    unlinked = False
    if fields["topic_id"] and not Topic.objects.filter(pk=fields["topic_id"]).exists():
        fields["topic_id"] = None
        unlinked = True
    article = fields["article"]
    if article is not None and not Post.objects.filter(pk=article.pk).exists():
        fields["article"] = None
        unlinked = True
    location = fields["location"]
    if location is not None and not Location.objects.filter(pk=location.pk).exists():
        fields["location"] = None
        unlinked = True
    return unlinked


def _rate_limited(client, now):
    """Did this client already send LEADS_RATE_LIMIT leads within the window?"""
    window = timedelta(seconds=settings.LEADS_RATE_WINDOW_SECONDS)
    earlier = Lead.objects.filter(
        client_hash=client, created_at__gte=now - window
    ).values_list("pk", flat=True)[: settings.LEADS_RATE_LIMIT]
    return len(earlier) >= settings.LEADS_RATE_LIMIT


def _notifications(lead):
    """The e-mails a new lead causes. No health information in any of them."""
    received = timezone.localtime(lead.created_at).strftime("%b %d, %Y %I:%M %p %Z")
    admin_url = lead.admin_link
    # No health information: no name, message, topic or contact details.
    emails = [
        dict(
            to=settings.LEADS_NOTIFY_EMAILS,
            subject=f"New lead #{lead.pk}",
            body=(
                f"New lead #{lead.pk}, received at {received}, from "
                f"{lead.origin_label}.\n\nOpen it in the admin (login required):\n"
                f"{admin_url}\n"
            ),
        )
    ]
    if settings.LEADS_SEND_ACKNOWLEDGEMENT and lead.email:
        emails.append(
            dict(
                to=[lead.email],
                subject=f"We received your message — {settings.CLINIC_NAME}",
                body=_acknowledgement(lead),
            )
        )
    return emails


def _acknowledgement(lead):
    """The patient's confirmation: our office and phone, and nothing they wrote."""
    clinic = clinic_info()
    office = ""
    phone = f"us at {clinic.phone_display}"
    if lead.location is not None and len(public_locations()) > 1:
        office = (
            f"Your request is for our {lead.location.name} office, "
            f"{lead.location.address_line}.\n\n"
        )
        phone = f"our {lead.location.name} office at {lead.location.phone_display}"
    return (
        f"Thank you for contacting {settings.CLINIC_NAME}. We received "
        "your message and someone from our front desk will get back to "
        "you, usually within one business day.\n\n"
        f"{office}If you would rather talk now, call {phone}. "
        f"In an emergency, call {settings.EMERGENCY_NUMBER}.\n"
    )


def call_click_record(*, page, article_slug, request):
    """Count one tap on a click-to-call link (no personal data is stored)."""
    page = attribution.clip(page or "/", attribution.MAX_URL_LENGTH)
    first_touch = attribution.read_touch(request, attribution.FIRST_TOUCH_COOKIE)
    article = (
        Post.objects.published().filter(slug=article_slug).first()
        if article_slug
        else None
    )
    count_up(
        CallClick,
        defaults={"article": article},
        day=timezone.localdate(),
        page=page,
        utm_source=attribution.touch_source(first_touch),
        utm_campaign=first_touch.get("utm_campaign", ""),
    )


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


def lead_status_check(*, lead, to):
    """Raise ValidationError unless the status rules (STATUS_STEPS) let `lead`,
    as loaded, move to status `to`."""
    if to not in Lead.Status.values:
        raise ValidationError(
            "%(to)r is not a lead status.", code="invalid_status", params={"to": to}
        )
    to = Lead.Status(to)
    if to in (lead.status, Lead.Status.SPAM):
        return  # staying, or marking spam
    # Recovering from spam goes on from where the lead was before it.
    now = lead.status_before_spam() if lead.is_spam else Lead.Status(lead.status)
    if STATUS_STEPS[to] < STATUS_STEPS[now]:
        raise ValidationError(
            "Lead #%(lead)s is “%(now)s”; it never moves back to “%(to)s”.",
            code="status_backwards",
            params={"lead": lead.pk, "now": now.label, "to": to.label},
        )


@transaction.atomic
def lead_change_status(*, lead, to, by, request=None):
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
    now = timezone.now()
    LeadEvent.objects.create(
        lead=lead,
        kind=LeadEvent.Kind.STATUS,
        from_status=lead.status,
        to_status=to,
        author=by,
        created_at=now,
    )
    fields = ["status"]
    if lead.first_contacted_at is None and Lead.Status(to).means_contacted:
        lead.first_contacted_at = now
        fields.append("first_contacted_at")
    lead.status = to
    if to == Lead.Status.SPAM and not lead.is_spam:
        lead.is_spam = True
        fields.append("is_spam")
    elif to != Lead.Status.SPAM and lead.is_spam:
        lead.is_spam = False  # recovered by staff
        fields.append("is_spam")
    lead.save(update_fields=fields)
    audit_record(
        action=AuditEntry.Action.CHANGE,
        leads=[lead],
        request=request,
        user=by,
        detail=f"status → {to}",
    )
    return lead


@transaction.atomic
def lead_confirm_spam(*, lead, by, request=None):
    """
    A person agrees that a lead filed as spam automatically (the honeypot) is
    spam. Recorded like a status change; from then on the spam retention
    period applies to it (LeadQuerySet.spam_confirmed).
    """
    permission_require(by, "leads.change_lead")
    if not lead.is_spam or Lead.objects.spam_confirmed().filter(pk=lead.pk).exists():
        return lead
    LeadEvent.objects.create(
        lead=lead,
        kind=LeadEvent.Kind.STATUS,
        from_status=lead.status,
        to_status=Lead.Status.SPAM,
        text="Confirmed as spam",
        author=by,
    )
    audit_record(
        action=AuditEntry.Action.CHANGE,
        leads=[lead],
        request=request,
        user=by,
        detail="confirmed as spam",
    )
    return lead


@transaction.atomic
def lead_assign(*, lead, to, by, request=None):
    """Give a lead an owner (or none). PermissionDenied unless `by` may change
    leads."""
    permission_require(by, "leads.change_lead")
    if lead.owner_id == (to.pk if to else None):
        return lead
    LeadEvent.objects.create(
        lead=lead,
        kind=LeadEvent.Kind.ASSIGN,
        text=f"Assigned to {to.get_username()}" if to else "Unassigned",
        author=by,
    )
    lead.owner = to
    lead.save(update_fields=["owner"])
    audit_record(
        action=AuditEntry.Action.CHANGE,
        leads=[lead],
        request=request,
        user=by,
        detail="owner → " + (to.get_username() if to else "nobody"),
    )
    return lead


@transaction.atomic
def lead_add_note(*, lead, text, by, request=None):
    """Add a timestamped note to a lead's timeline. PermissionDenied unless `by`
    may add notes."""
    permission_require(by, "leads.add_leadevent")
    event = LeadEvent.objects.create(
        lead=lead, kind=LeadEvent.Kind.NOTE, text=text.strip(), author=by
    )
    audit_record(
        action=AuditEntry.Action.CHANGE,
        leads=[lead],
        request=request,
        user=by,
        detail="note added",
    )
    return event
