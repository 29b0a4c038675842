"""Outcomes: when a lead reached "appointment booked" and "became a patient",
and the dates the front desk records with them."""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from leads.models import AuditEntry, Lead, LeadEvent
from leads.outcomes import Outcome, lead_outcome_dates_set, outcome_times
from leads.services import lead_change_status
from tests.factories import make_editor, make_front_desk, make_lead

pytestmark = pytest.mark.django_db


def change_url(lead):
    return reverse("admin:leads_lead_change", args=[lead.pk])


def walk(lead, *statuses, by=None):
    for status in statuses:
        lead_change_status(lead=lead, to=status, by=by)


def test_outcome_times_follow_the_status_history():
    desk = make_front_desk()
    booked, patient, direct, unfit, spam, waiting = (make_lead() for _ in range(6))
    walk(booked, "contacted", "booked", by=desk)
    walk(patient, "contacted", "booked", "closed", by=desk)
    walk(direct, "closed", by=desk)  # straight to "became a patient"
    walk(unfit, "booked", "not_fit", by=desk)
    walk(spam, "booked", "spam", by=desk)
    walk(waiting, "contacted", by=desk)

    times = outcome_times(Lead.objects.all())

    assert set(times) == {booked.pk, patient.pk, direct.pk, unfit.pk}
    assert set(times[booked.pk]) == {Outcome.BOOKED}
    assert set(times[patient.pk]) == {Outcome.BOOKED, Outcome.PATIENT}
    assert times[patient.pk][Outcome.BOOKED] < times[patient.pk][Outcome.PATIENT]
    # A new patient had an appointment booked, at the same moment.
    assert times[direct.pk][Outcome.BOOKED] == times[direct.pk][Outcome.PATIENT]
    # Not a fit after the appointment: it was still booked.
    assert set(times[unfit.pk]) == {Outcome.BOOKED}
    event = patient.events.get(to_status="closed")
    assert times[patient.pk][Outcome.PATIENT] == event.created_at


def test_the_first_time_an_outcome_was_reached_counts():
    """Marked spam by mistake and recovered: the booking is when it first was."""
    desk = make_front_desk()
    lead = make_lead()
    walk(lead, "booked", "spam", "booked", by=desk)
    first = lead.events.filter(to_status="booked").order_by("created_at").first()
    assert outcome_times(Lead.objects.all())[lead.pk][Outcome.BOOKED] == (
        first.created_at
    )


def test_the_front_desk_records_the_appointment_date_with_the_booking(client):
    desk = make_front_desk()
    client.force_login(desk)
    lead = make_lead(status=Lead.Status.CONTACTED)
    on = timezone.localdate() + timedelta(days=5)
    response = client.post(
        change_url(lead),
        {"status": "booked", "owner": "", "appointment_on": on.isoformat()},
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert (lead.status, lead.appointment_on) == ("booked", on)
    record = lead.events.get(kind=LeadEvent.Kind.RECORD)
    assert record.text == f"Appointment date: {on:%b %d, %Y}"
    assert record.author == desk
    assert AuditEntry.objects.filter(detail="outcome dates", user=desk).exists()
    page = client.get(change_url(lead)).content.decode()
    assert f"Appointment date: {on:%b %d, %Y}" in page


def test_a_first_visit_needs_the_patient_status(client):
    desk = make_front_desk()
    client.force_login(desk)
    lead = make_lead(status=Lead.Status.BOOKED)
    response = client.post(
        change_url(lead),
        {
            "status": "booked",
            "owner": "",
            "first_visit_on": timezone.localdate().isoformat(),
            "add_note": "Came in today.",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["first_visit_on"] == [
        "A first visit needs the status “Closed (became a patient)”."
    ]
    lead.refresh_from_db()
    assert lead.first_visit_on is None and not lead.events.exists()

    response = client.post(
        change_url(lead),
        {
            "status": "closed",
            "owner": "",
            "first_visit_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert (lead.status, lead.first_visit_on) == ("closed", timezone.localdate())


@pytest.mark.parametrize(
    ("field", "days", "message"),
    [
        ("first_visit_on", 1, "A first visit cannot be in the future."),
        ("first_visit_on", -40, "This is before the lead arrived"),
        ("appointment_on", -40, "This is before the lead arrived"),
    ],
)
def test_outcome_dates_that_cannot_be_true_are_refused(client, field, days, message):
    client.force_login(make_front_desk())
    lead = make_lead(status=Lead.Status.CLOSED)
    value = timezone.localdate() + timedelta(days=days)
    response = client.post(
        change_url(lead), {"status": "closed", "owner": "", field: value.isoformat()}
    )
    assert response.status_code == 200
    assert message in response.context["adminform"].form.errors[field][0]
    lead.refresh_from_db()
    assert getattr(lead, field) is None


def test_an_appointment_date_on_a_new_lead_is_refused_by_the_service():
    lead = make_lead()
    with pytest.raises(ValidationError) as error:
        lead_outcome_dates_set(
            lead=lead,
            appointment_on=timezone.localdate(),
            first_visit_on=None,
            by=make_front_desk(),
        )
    assert "appointment_on" in error.value.message_dict
    lead.refresh_from_db()
    assert lead.appointment_on is None


def test_only_staff_who_may_change_leads_record_outcome_dates():
    lead = make_lead(status=Lead.Status.BOOKED)
    with pytest.raises(PermissionDenied):
        lead_outcome_dates_set(
            lead=lead,
            appointment_on=date.today(),
            first_visit_on=None,
            by=make_editor(),
        )


def test_removing_an_appointment_date_is_recorded():
    desk = make_front_desk()
    lead = make_lead(status=Lead.Status.BOOKED, appointment_on=timezone.localdate())
    lead_outcome_dates_set(lead=lead, appointment_on=None, first_visit_on=None, by=desk)
    lead.refresh_from_db()
    assert lead.appointment_on is None
    assert lead.events.get().text == "Appointment date removed"


def test_the_lead_export_carries_the_outcome_dates(client):
    client.force_login(make_front_desk())
    on = timezone.localdate()
    lead = make_lead(status=Lead.Status.CLOSED, appointment_on=on, first_visit_on=on)
    response = client.post(
        reverse("admin:leads_lead_changelist"),
        {"action": "export_csv", "_selected_action": [lead.pk]},
    )
    header, row = csv.reader(io.StringIO(b"".join(response.streaming_content).decode()))
    values = dict(zip(header, row, strict=True))
    assert values["appointment_on"] == values["first_visit_on"] == on.isoformat()


def test_a_lead_marked_spam_keeps_its_dates_and_its_page_still_saves(client):
    """Marking a booked lead spam (a bulk action) leaves its appointment date;
    a note on its page afterwards is saved, not refused over that date."""
    desk = make_front_desk()
    client.force_login(desk)
    lead = make_lead(status=Lead.Status.BOOKED, appointment_on=timezone.localdate())
    lead_change_status(lead=lead, to="spam", by=desk)
    response = client.post(
        change_url(lead),
        {
            "status": "spam",
            "owner": "",
            "appointment_on": timezone.localdate().isoformat(),  # as the page has it
            "add_note": "Checked.",
        },
    )
    assert response.status_code == 302
    lead.refresh_from_db()
    assert lead.appointment_on == timezone.localdate()
    assert lead.events.filter(kind=LeadEvent.Kind.NOTE, text="Checked.").exists()
