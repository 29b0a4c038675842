"""
What came of a lead: an appointment booked, and whether the person became a
patient. The status path (contacted → appointment booked → became a patient,
or not a fit) is in each lead's history, so when an outcome was reached is the
time of the first status change that reached it. Reports and the conversions
sent back to ad platforms both read outcomes from here.
"""

import enum

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from leads.audit import lead_history_record
from leads.models import Lead, LeadEvent

Status = Lead.Status


class Outcome(enum.StrEnum):
    BOOKED = "booked"
    PATIENT = "patient"


# The statuses that show an outcome was reached: a new patient had an
# appointment booked too, even when staff went straight to "became a patient".
REACHED_BY = {
    Outcome.BOOKED: {Status.BOOKED, Status.CLOSED},
    Outcome.PATIENT: {Status.CLOSED},
}


def outcome_events():
    """The status changes that reached an outcome (every outcome starts with a
    booking: REACHED_BY[Outcome.BOOKED] holds the statuses of both)."""
    return LeadEvent.objects.filter(
        kind=LeadEvent.Kind.STATUS, to_status__in=REACHED_BY[Outcome.BOOKED]
    )


def outcome_times(leads):
    """
    {lead id: {Outcome: when it was first reached}} for the non-spam leads of
    the queryset `leads` that reached any outcome (from the status history).
    """
    events = (
        outcome_events()
        .filter(lead__in=leads.not_spam().values("pk"))
        .order_by("created_at", "id")
        .values_list("lead_id", "to_status", "created_at")
    )
    times = {}
    for lead_id, to_status, at in events:
        reached = times.setdefault(lead_id, {})
        for outcome, statuses in REACHED_BY.items():
            if to_status in statuses:
                reached.setdefault(outcome, at)
    return times


def outcome_dates_check(*, status, appointment_on, first_visit_on, arrived):
    """Raise ValidationError unless the outcome dates fit the lead: an
    appointment date once an appointment is booked, a first visit once the
    person became a patient (and not in the future), neither before the lead
    arrived (`arrived`, a date)."""
    errors = {}
    if appointment_on and status not in {Status.BOOKED, Status.CLOSED, Status.NOT_FIT}:
        errors["appointment_on"] = (
            "An appointment date needs the status “Appointment booked” or a later one."
        )
    if first_visit_on and status != Status.CLOSED:
        errors["first_visit_on"] = (
            "A first visit needs the status “Closed (became a patient)”."
        )
    elif first_visit_on and first_visit_on > timezone.localdate():
        errors["first_visit_on"] = "A first visit cannot be in the future."
    for field, value in (
        ("appointment_on", appointment_on),
        ("first_visit_on", first_visit_on),
    ):
        if value and arrived and value < arrived and field not in errors:
            errors[field] = f"This is before the lead arrived ({arrived:%b %d, %Y})."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def lead_outcome_dates_set(*, lead, appointment_on, first_visit_on, by, request=None):
    """
    Record the booked appointment's date and the first visit's date on a lead
    (either may be None), judged by outcome_dates_check on the lead as stored.
    Each change is in the lead's history and the audit log. PermissionDenied
    unless `by` may change leads.
    """
    if not by.has_perm("leads.change_lead"):
        raise PermissionDenied(f"{by.get_username()} lacks leads.change_lead.")
    lead.refresh_from_db(
        fields=["status", "appointment_on", "first_visit_on"],
        from_queryset=Lead.objects.select_for_update(),
    )
    outcome_dates_check(
        status=lead.status,
        appointment_on=appointment_on,
        first_visit_on=first_visit_on,
        arrived=timezone.localdate(lead.created_at),
    )
    changes = []
    for field, value in (
        ("appointment_on", appointment_on),
        ("first_visit_on", first_visit_on),
    ):
        if getattr(lead, field) != value:
            label = Lead._meta.get_field(field).verbose_name.capitalize()
            changes.append(
                f"{label}: {value:%b %d, %Y}" if value else f"{label} removed"
            )
            setattr(lead, field, value)
    if not changes:
        return lead
    lead.save(update_fields=["appointment_on", "first_visit_on"])
    lead_history_record(
        lead=lead,
        kind=LeadEvent.Kind.RECORD,
        by=by,
        request=request,
        detail="outcome dates",
        text="; ".join(changes),
    )
    return lead
