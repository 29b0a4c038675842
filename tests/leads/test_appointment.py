"""The appointment request on the contact form: office, new or existing patient,
preferred times and insurance."""

import re
from datetime import time

import pytest
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from leads.forms import ContactForm
from leads.models import Lead
from leads.services import lead_create
from leads.views import client_from_request
from locations.models import Location
from outbox.services import outbox_send_due
from tests.factories import make_lead, make_location, make_user
from tests.leads.test_views import CONTACT, valid_data

pytestmark = pytest.mark.django_db

INSURANCE = "Bluebell Mutual PPO 8841"


@pytest.fixture
def offices():
    """Three offices: the main one (from the settings), and two more, one of
    which takes no new patients."""
    main = Location.objects.get()
    birchwood = make_location(
        "Birchwood Falls",
        street="210 Quarry Road",
        phone="+19735550118",
        order=1,
        hours=[(d, time(7, 30), time(17)) for d in range(4)],
    )
    harbor = make_location(
        "Harbor Point", phone="+17325550167", order=2, accepts_new_patients=False
    )
    return main, birchwood, harbor


def form_html(client):
    return client.get(CONTACT).content.decode().split('class="contact-form"', 1)[1]


def test_with_one_office_the_form_asks_no_office_but_the_rest(client):
    html = form_html(client)
    assert 'name="location"' not in html
    assert 'type="radio" class="form-check-input"  name="patient_type"' in html
    assert (
        html.count('type="checkbox" class="form-check-input"  name="preferred_times"')
        == 4
    )
    assert "Insurance (optional)" in html and "Optional: your insurance" in html
    assert "<legend" in html.split('name="patient_type"')[0].rsplit("<fieldset", 1)[1]


def test_with_one_office_the_lead_goes_to_it_with_the_answers(client):
    response = client.post(
        CONTACT,
        valid_data(
            patient_type="new",
            preferred_times=["weekday_mornings", "saturdays"],
            insurance=INSURANCE,
        ),
    )
    assert response.status_code == 303
    assert response["Location"] == reverse("leads:contact-sent")
    lead = Lead.objects.get()
    assert lead.location == Location.objects.get()
    assert (lead.patient_type, lead.insurance) == ("new", INSURANCE)
    assert lead.preferred_time_labels() == ["Weekday mornings", "Saturdays"]


def test_nothing_new_is_needed_to_send_a_message(client):
    """A form from before (no new inputs at all) is still accepted."""
    assert client.post(CONTACT, valid_data()).status_code == 303
    lead = Lead.objects.get()
    assert (lead.patient_type, lead.preferred_times, lead.insurance) == ("", [], "")


def test_with_several_offices_the_form_offers_them(client, offices):
    html = form_html(client)
    assert '<select name="location"' in html
    assert "Which office?" in html
    assert "Harbor Point" in html and "(existing patients only)" in html
    assert html.index('name="location"') < html.index('name="patient_type"')


def test_with_several_offices_choosing_one_is_required(client, offices):
    response = client.post(CONTACT, valid_data())
    assert response.status_code == 400
    html = response.content.decode()
    assert (
        '<a href="#id_location">Please choose the office you would like to visit.'
        in html
    )
    select = re.search(r'<select name="location"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in select
    assert not Lead.objects.exists()


def test_an_office_not_in_the_list_is_an_error(client, offices):
    response = client.post(CONTACT, valid_data(location="999999"))
    assert response.status_code == 400
    assert b"Please choose one of our offices in the list." in response.content


def test_a_new_patient_cannot_choose_an_office_that_takes_none(client, offices):
    _, _, harbor = offices
    response = client.post(CONTACT, valid_data(location=harbor.pk, patient_type="new"))
    assert response.status_code == 400
    assert b"Our Harbor Point office is not taking new patients" in response.content
    ok = client.post(CONTACT, valid_data(location=harbor.pk, patient_type="existing"))
    assert ok.status_code == 303


def test_errors_keep_what_was_chosen(client, offices):
    """Errors elsewhere: the office, type, times and insurance stay as chosen."""
    _, birchwood, _ = offices
    response = client.post(
        CONTACT,
        valid_data(
            name="",
            location=birchwood.pk,
            patient_type="existing",
            preferred_times=["evenings"],
            insurance=INSURANCE,
        ),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert f'<option value="{birchwood.pk}" selected>' in html
    assert (
        'name="patient_type" value="existing"  id="id_patient_type_1" checked' in html
    )
    assert (
        'name="preferred_times" value="evenings"  id="id_preferred_times_2" checked'
        in html
    )
    assert f'value="{INSURANCE}"' in html


def test_thank_you_page_names_the_office_and_its_phone(client, offices):
    _, birchwood, _ = offices
    response = client.post(
        CONTACT,
        valid_data(location=birchwood.pk, patient_type="new", insurance=INSURANCE),
    )
    assert response.status_code == 303
    assert response["Location"] == reverse("leads:contact-sent") + (
        "?location=birchwood-falls"
    )
    html = client.get(response["Location"]).content.decode()
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    assert "Your request is for our" in main and "Birchwood Falls" in main
    assert (
        'href="tel:+19735550118" data-call-link>Call Birchwood Falls: (973) 555-0118'
        in main
    )
    assert "Mon–Thu 7:30 am – 5 pm" in main
    for private in ("Jamie", "heel", "555-0199", INSURANCE, "jamie@"):
        assert private not in html
    assert Lead.objects.get().location == birchwood


def test_an_unknown_office_on_the_thank_you_page_shows_the_clinic(client, offices):
    html = client.get(reverse("leads:contact-sent") + "?location=nope").content
    assert b'href="tel:+12015550142" data-call-link>Call (201) 555-0142' in html


def test_acknowledgement_names_the_office_and_repeats_nothing_written(client, offices):
    _, birchwood, _ = offices
    client.post(
        CONTACT,
        valid_data(location=birchwood.pk, patient_type="new", insurance=INSURANCE),
    )
    outbox_send_due()
    ack = next(m for m in mail.outbox if m.to == ["jamie@example.test"])
    assert "Your request is for our Birchwood Falls office, 210 Quarry Road" in ack.body
    assert "call our Birchwood Falls office at (973) 555-0118" in ack.body
    for private in ("Jamie", "heel", "555-0199", "Bluebell", "new patient"):
        assert private not in ack.subject + ack.body
    notice = next(m for m in mail.outbox if m.subject.startswith("New lead"))
    assert "Bluebell" not in notice.body


def test_with_one_office_the_acknowledgement_gives_the_clinics_phone(client):
    client.post(CONTACT, valid_data())
    outbox_send_due()
    ack = next(m for m in mail.outbox if m.to == ["jamie@example.test"])
    assert "call us at (201) 555-0142." in ack.body
    assert "Your request is for" not in ack.body


def test_office_deleted_while_the_form_was_sent_still_stores_the_lead(client, offices):
    """The form's list still offered it (cached); the lead is kept without it."""
    _, birchwood, _ = offices
    form = ContactForm(valid_data(location=birchwood.pk))
    assert form.is_valid(), form.errors
    Location.objects.filter(pk=birchwood.pk).delete()
    lead, created = lead_create(
        submission=form.submission(),
        client=client_from_request(RequestFactory().post(CONTACT)),
        now=timezone.now(),
    )
    assert created and lead.location is None
    assert Lead.objects.get().location is None


def test_front_desk_sees_the_request_on_the_lead_page(client, offices):
    _, birchwood, _ = offices
    lead = make_lead(
        location=birchwood,
        patient_type="existing",
        preferred_times=["weekday_afternoons", "evenings"],
        insurance=INSURANCE,
    )
    old = make_lead()  # sent before the appointment request existed
    client.force_login(make_user(is_superuser=True))
    html = client.get(reverse("admin:leads_lead_change", args=[lead.pk])).content
    html = html.decode()
    assert "Birchwood Falls" in html and "Existing patient" in html
    assert "Weekday afternoons, Evenings" in html and INSURANCE in html
    old_page = client.get(reverse("admin:leads_lead_change", args=[old.pk]))
    assert old_page.status_code == 200
