"""Multi-step writes for leads: creating them, counting calls."""

import hashlib
import hmac
import logging
from contextlib import nullcontext
from datetime import timedelta
from functools import cache

from django.conf import settings
from django.core.exceptions import (
    ImproperlyConfigured,
    PermissionDenied,
    ValidationError,
)
from django.db import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    transaction,
)
from django.db.models import F, Q
from django.utils import timezone

from clinic.net import client_ip
from leads import attribution
from leads.models import AuditEntry, CallClick, Lead, LeadEvent, OutboxEmail
from leads.outbox import outbox_enqueue, outbox_send_due

logger = logging.getLogger(__name__)


def client_hash(request):
    """A keyed hash of the client's address: enough to rate-limit, not to identify."""
    address = client_ip(request) or ""
    return hmac.new(
        settings.SECRET_KEY.encode(), address.encode(), hashlib.sha256
    ).hexdigest()


def lead_create(*, form, request):
    """
    Store a valid contact form as a lead, marked for notification.

    Returns (lead, created). The same form sent again with the same content (a
    reload, Back and resend, a double click) returns the first lead instead.
    Suspected spam is stored flagged and sends nothing. The lead is one INSERT;
    the worker queues its e-mails once it has committed (leads_notify_pending).
    """
    data = form.cleaned_data
    nonce, fingerprint = data["form_token"], form.fingerprint()
    from_checker = data.get("checker_state") or {}
    now = timezone.now()
    client = client_hash(request)
    # The per-client rate limit is judged by the worker before it notifies
    # anyone (leads_notify_pending), which keeps this request to one INSERT.
    reasons = form.spam_reasons(seconds_taken=now.timestamp() - form.shown_at)
    first_touch = attribution.read_touch(request, attribution.FIRST_TOUCH_COOKIE)
    last_touch = attribution.read_touch(request, attribution.LAST_TOUCH_COOKIE)
    lead = Lead(
        name=data["name"],
        phone=data.get("phone", ""),
        email=data.get("email", ""),
        preferred_contact=data["preferred_contact"],
        message=data["message"],
        topic_id=data.get("topic"),
        consent_version=settings.LEADS_CONSENT_VERSION,
        consented_at=now,
        checker_version=from_checker.get("version"),
        # The answers themselves only when the patient ticked the box.
        checker_summary=from_checker.get("summary", "")
        if data.get("attach_answers")
        else "",
        article=data.get("article"),
        source_page=data.get("page", ""),
        first_touch=first_touch,
        last_touch=last_touch or first_touch,
        utm_source=first_touch.get("utm_source", ""),
        utm_medium=first_touch.get("utm_medium", ""),
        utm_campaign=first_touch.get("utm_campaign", ""),
        is_spam=bool(reasons),
        status=Lead.Status.SPAM if reasons else Lead.Status.NEW,
        spam_reasons=reasons,
        client_hash=client,
        form_token=nonce,
        fingerprint=fingerprint,
        notification_pending=not reasons,
    )
    stored = _lead_store(lead)
    if stored is not lead:
        return stored, False
    logger.info("Lead #%s stored (spam=%s)", lead.pk, lead.is_spam)
    return lead, True


def _lead_store(lead):
    """
    INSERT the lead and return it, or the lead stored before from the same form
    with the same content (a reload, Back and resend, a double click: the unique
    constraint says so). Two more things never cost a patient their message:

    - the topic or article the lead points at was deleted a moment ago (another
      app server still offered it): the lead is kept without it, as deleting
      one does to stored leads;
    - the database connection broke under the request (a failover the health
      check could not see yet): the INSERT is sent once more on a new
      connection; had the first one been stored after all, the unique
      constraint finds it.
    """
    atomic = connection.in_atomic_block
    # A single INSERT is atomic on its own. Inside an outer transaction (tests,
    # callers that batch) a savepoint keeps a failed one from breaking it, and
    # foreign keys are checked now rather than at the caller's commit.
    guard = transaction.atomic() if atomic else nullcontext()
    reconnected = False
    while True:  # at most three times: see the two retries below
        try:
            with guard:
                _lead_insert(lead)
                if atomic:
                    connection.check_constraints(table_names=[Lead._meta.db_table])
            return lead
        except IntegrityError:
            existing = Lead.objects.filter(
                form_token=lead.form_token, fingerprint=lead.fingerprint
            ).first()
            if existing is not None:
                return existing
            if not _unlink_deleted(lead):
                raise
        except (OperationalError, InterfaceError):
            if atomic or reconnected:
                raise
            logger.warning("Database connection lost while storing a lead; retrying")
            connection.close()
            reconnected = True


def _unlink_deleted(lead):
    """Unset the lead's links (topic, article) to rows that no longer exist;
    whether there were any."""
    unlinked = False
    for field in Lead._meta.concrete_fields:
        value = getattr(lead, field.attname)
        if not field.is_relation or not field.null or value is None:
            continue
        if not field.related_model._base_manager.filter(pk=value).exists():
            setattr(lead, field.attname, None)
            unlinked = True
    return unlinked


@cache
def _lead_insert_sql():
    fields = [field for field in Lead._meta.concrete_fields if not field.primary_key]
    # Values the database computes itself need the ORM's compiler: use save()
    # again if Lead ever gets such a field.
    computed = [f.name for f in fields if f.has_db_default() or f.generated]
    if computed:
        raise ImproperlyConfigured(
            f"_lead_insert() cannot store database-computed fields: {computed}"
        )
    quote = connection.ops.quote_name
    # Only the model's own (quoted) names go into the text; values are parameters.
    sql = "INSERT INTO {} ({}) VALUES ({}) RETURNING {}".format(  # noqa: S608
        quote(Lead._meta.db_table),
        ", ".join(quote(field.column) for field in fields),
        ", ".join(["%s"] * len(fields)),
        quote(Lead._meta.pk.column),
    )
    return fields, sql


def _lead_insert(lead):
    """
    INSERT a new lead: what lead.save() sends, without building the query
    through the ORM's compiler each time (a third of a submission's database
    work in Python). Each field still prepares its own value (pre_save sets
    created_at, JSON is encoded as the field does it). Lead has no save()
    override and no save signals, which tests check.
    """
    fields, sql = _lead_insert_sql()
    params = [
        field.get_db_prep_save(field.pre_save(lead, add=True), connection)
        for field in fields
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        lead.pk = cursor.fetchone()[0]
    lead._state.adding, lead._state.db = False, connection.alias


def leads_notify_pending(limit=50):
    """
    Turn stored leads that await notification into outbox e-mails: the front
    desk's notice and the patient's acknowledgement. Returns how many leads.
    Rows are claimed with SKIP LOCKED, so several workers never double up.
    """
    with transaction.atomic():
        leads = list(
            Lead.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(notification_pending=True)
            .select_related("article")
            .order_by("id")[:limit]
        )
        for lead in leads:
            if _rate_limited(lead):
                # More than LEADS_RATE_LIMIT from one client in the window:
                # kept, flagged, and nobody is notified.
                lead.is_spam, lead.status = True, Lead.Status.SPAM
                lead.spam_reasons = [*lead.spam_reasons, "rate_limited"]
                lead.save(update_fields=["is_spam", "status", "spam_reasons"])
            else:
                outbox_enqueue(*_notifications(lead))
        Lead.objects.filter(pk__in=[lead.pk for lead in leads]).update(
            notification_pending=False
        )
    return len(leads)


def _rate_limited(lead):
    """Did this lead's client already send LEADS_RATE_LIMIT in the window before it?"""
    window = timedelta(seconds=settings.LEADS_RATE_WINDOW_SECONDS)
    earlier = Lead.objects.filter(
        client_hash=lead.client_hash,
        created_at__gte=lead.created_at - window,
        pk__lt=lead.pk,  # stored before it (keys follow insertion order)
    ).values_list("pk", flat=True)[: settings.LEADS_RATE_LIMIT]
    return len(earlier) >= settings.LEADS_RATE_LIMIT


def notifications_deliver():
    """One round of the worker: queue pending notifications, send what is due."""
    leads_notify_pending()
    return outbox_send_due()


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
                body=(
                    f"Thank you for contacting {settings.CLINIC_NAME}. We received "
                    "your message and someone from our front desk will get back to "
                    "you, usually within one business day.\n\n"
                    "If you would rather talk now, call us at "
                    f"{settings.CLINIC_PHONE}. In an emergency, call "
                    f"{settings.EMERGENCY_NUMBER}.\n"
                ),
            )
        )
    return emails


def call_click_record(*, page, article_slug, request):
    """Count one tap on a click-to-call link (no personal data is stored)."""
    from articles.models import Post

    page = attribution.clip(page or "/", attribution.MAX_URL_LENGTH)
    first_touch = attribution.read_touch(request, attribution.FIRST_TOUCH_COOKIE)
    key = {
        "day": timezone.localdate(),
        "page": page,
        "utm_source": first_touch.get("utm_source", ""),
        "utm_campaign": first_touch.get("utm_campaign", ""),
    }
    if CallClick.objects.filter(**key).update(count=F("count") + 1):
        return
    article = (
        Post.objects.published().filter(slug=article_slug).first()
        if article_slug
        else None
    )
    try:
        with transaction.atomic():
            CallClick.objects.create(**key, article=article, count=1)
    except IntegrityError:
        CallClick.objects.filter(**key).update(count=F("count") + 1)


def audit_record(*, action, leads, request=None, user=None, detail=""):
    """Append an audit entry: who, when, which leads, from which address."""
    user = user or (request.user if request is not None else None)
    ids = [lead if isinstance(lead, int) else lead.pk for lead in leads]
    return AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        username=user.get_username() if user is not None else "",
        action=action,
        lead_ids=ids[:10_000],
        lead_count=len(ids),
        ip_address=client_ip(request) if request is not None else None,
        detail=detail[:300],
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
    if lead.is_spam or lead.status == Lead.Status.SPAM:
        return  # recovering from spam
    if STATUS_STEPS[to] < STATUS_STEPS.get(lead.status, 0):
        raise ValidationError(
            "Lead #%(lead)s is “%(now)s”; it never moves back to “%(to)s”.",
            code="status_backwards",
            params={
                "lead": lead.pk,
                "now": Lead.Status(lead.status).label,
                "to": to.label,
            },
        )


@transaction.atomic
def lead_change_status(*, lead, to, by, request=None):
    """
    Move a lead to another status, recording who and when.

    The rules are judged on the lead as stored, locked until the change is
    made: ValidationError when they refuse the move (lead_status_check),
    PermissionDenied when `by` may not change leads (None is the system).
    """
    if by is not None and not by.has_perm("leads.change_lead"):
        raise PermissionDenied(f"{by.get_username()} may not change leads.")
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
def lead_assign(*, lead, to, by, request=None):
    """Give a lead an owner (or none)."""
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
    """Add a timestamped note to a lead's timeline."""
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


def leads_purge_expired(*, dry_run=False, now=None):
    """
    Delete leads past the retention period (and spam past its shorter one).

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
    spam = Lead.objects.spam().filter(
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
