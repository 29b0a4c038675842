"""Abuse of the contact form: a replayed form token, one sender flooding the
front desk's inbox, names that hide or reorder what they say."""

import pytest
from django.core import mail
from django.urls import reverse

from leads.models import Lead
from leads.services import leads_digest_send
from outbox.models import OutboxEmail
from outbox.services import outbox_send_due
from tests.leads.test_views import CONTACT, valid_data, waited_token

pytestmark = pytest.mark.django_db


def test_one_form_token_stores_at_most_two_leads_and_mails_no_chosen_address(
    client,
):
    """GET the form once, POST it 8 times with the same token and another
    victim's address each time: two leads at most, and no acknowledgement to
    addresses past the first (the second is already a sign of a script)."""
    token = waited_token()
    responses = [
        client.post(
            CONTACT,
            valid_data(form_token=token, email=f"victim+{n}@example.org", name="Al"),
        )
        for n in range(8)
    ]
    assert [r.status_code for r in responses[:2]] == [303, 303]
    assert all(r.status_code == 400 for r in responses[2:])
    assert b"This form was already sent" in responses[2].content
    assert Lead.objects.count() == 2
    outbox_send_due()
    acknowledged = [m.to for m in mail.outbox if not m.subject.startswith("New lead")]
    assert acknowledged == [["victim+0@example.org"]]


def test_a_refused_resend_hands_out_a_fresh_token_that_works(client):
    token = waited_token()
    for n in range(3):
        response = client.post(
            CONTACT, valid_data(form_token=token, message=f"Try {n}")
        )
    fresh = response.context["form"].data["form_token"]
    assert fresh != token
    assert client.post(CONTACT, valid_data(form_token=fresh)).status_code == 303
    assert Lead.objects.count() == 3


def test_past_three_an_hour_one_sender_is_reported_in_one_digest(client, settings):
    """Twelve leads from one address in an hour: every one is stored and in
    the list; the front desk gets three notices and then one digest."""
    settings.LEADS_RATE_LIMIT = 100
    for n in range(12):
        response = client.post(CONTACT, valid_data(name=f"Person {n}"))
        assert response.status_code == 303
    assert Lead.objects.count() == 12
    assert Lead.objects.filter(digest_pending=True).count() == 9
    assert leads_digest_send() == 9
    assert leads_digest_send() == 0  # told once
    outbox_send_due()
    notices = [m for m in mail.outbox if "frontdesk@clinic.example" in m.to]
    assert [m.subject for m in notices][:3] == [
        f"New lead #{lead.pk}" for lead in Lead.objects.order_by("pk")[:3]
    ]
    assert len(notices) == 4
    digest = notices[-1]
    assert digest.subject == "9 more leads from one sender"
    held = Lead.objects.order_by("pk")[3:]
    assert all(f"#{lead.pk}," in digest.body for lead in held)
    assert "Person" not in digest.body and "jamie@example.test" not in digest.body


def test_other_senders_are_notified_as_usual_meanwhile(client, settings):
    for n in range(5):
        client.post(CONTACT, valid_data(name=f"Person {n}"))
    client.post(CONTACT, valid_data(name="Someone else"), REMOTE_ADDR="192.0.2.9")
    other = Lead.objects.get(name="Someone else")
    assert not other.digest_pending
    assert OutboxEmail.objects.filter(subject=f"New lead #{other.pk}").exists()


@pytest.mark.parametrize(
    "name", ["\u200b\u200b\u200b", "\u202e\u200b", " \u2066 \u2069 ", "1234"]
)
def test_a_name_without_a_visible_letter_is_refused(client, name):
    response = client.post(CONTACT, valid_data(name=name))
    assert response.status_code == 400
    assert b"Please enter your name in letters." in response.content
    assert not Lead.objects.exists()


def test_direction_controls_are_stripped_from_what_the_patient_sent(client):
    """A right-to-left override makes "Ana\u202eevil" read otherwise in the list
    and the CSV: it is stored as the letters alone."""
    client.post(
        CONTACT,
        valid_data(
            name="Ana \u202eLopez\u202c",
            message="Back \u2067pain\u2069 since May\u200f",
            insurance="\u202dBluebell",
        ),
    )
    lead = Lead.objects.get()
    assert (lead.name, lead.message, lead.insurance) == (
        "Ana Lopez",
        "Back pain since May",
        "Bluebell",
    )


def test_the_digest_is_a_job_of_the_worker():
    from django.apps import apps

    jobs = {job.name for job in apps.get_app_config("leads").periodic_jobs()}
    assert "leads.digest" in jobs


def test_thanks_page_still_follows_a_stored_lead(client):
    response = client.post(CONTACT, valid_data())
    assert response["Location"] == reverse("leads:contact-sent")


def test_resending_an_unchanged_form_after_two_is_not_refused(client):
    """A double click on the second send is the same lead again, not a third."""
    token = waited_token()
    client.post(CONTACT, valid_data(form_token=token, message="First"))
    second = valid_data(form_token=token, message="Second")
    assert client.post(CONTACT, second).status_code == 303
    assert client.post(CONTACT, second).status_code == 303
    assert Lead.objects.count() == 2
