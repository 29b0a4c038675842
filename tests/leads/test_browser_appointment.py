"""A patient asks for an appointment at one of several offices, in Chromium."""

from datetime import time

import pytest
from playwright.sync_api import expect

from leads.models import Lead
from locations.models import Location
from tests.factories import make_location
from tests.leads.test_browser import fill_contact_form

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def offices():
    # A live-server test starts from an emptied database: no migrated office.
    Location.objects.all().delete()
    make_location("Maple Hollow", phone="+12015550142", order=0)
    make_location(
        "Birchwood Falls",
        street="210 Quarry Road",
        phone="+19735550118",
        order=1,
        hours=[(d, time(7, 30), time(17)) for d in range(4)],
    )
    make_location("Harbor Point", order=2, accepts_new_patients=False)


def test_new_patient_picks_an_office_and_sees_its_phone(page, offices, settings):
    settings.LEADS_MIN_SECONDS = 0
    page.goto("/contact/")
    form = fill_contact_form(page)
    form.get_by_label("Which office?").select_option(
        label="Birchwood Falls – 210 Quarry Road"
    )
    form.get_by_role("radio", name="New patient").check()
    form.get_by_role("checkbox", name="Saturdays").check()
    form.get_by_label("Insurance (optional)").fill("Bluebell Mutual")
    form.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you, we received your message"
    )
    call = page.get_by_role("link", name="Call Birchwood Falls: (973) 555-0118")
    expect(call).to_have_attribute("href", "tel:+19735550118")
    expect(page.get_by_text("Bluebell")).to_have_count(0)
    lead = Lead.objects.get()
    assert (lead.location.name, lead.patient_type) == ("Birchwood Falls", "new")
    assert lead.preferred_times == ["saturdays"]


def test_a_missing_office_is_an_error_the_patient_can_follow(page, offices, settings):
    """The error summary links to the office list; the choices sit side by side
    on a phone so the form stays short."""
    settings.LEADS_MIN_SECONDS = 0
    page.goto("/contact/")
    form = fill_contact_form(page)
    mornings = form.get_by_role("checkbox", name="Weekday mornings").bounding_box()
    afternoons = form.get_by_role("checkbox", name="Weekday afternoons").bounding_box()
    assert abs(mornings["y"] - afternoons["y"]) < 5
    form.get_by_role("button", name="Send message").click()
    summary = page.get_by_role("alert")
    summary.get_by_role("link", name="Please choose the office").click()
    expect(page.get_by_label("Which office?")).to_be_focused()
    assert not Lead.objects.exists()
