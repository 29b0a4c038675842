"""Superusers and the Clinic details role keep locations; Editors and the front
desk do not."""

import pytest
from django.test import Client
from django.urls import reverse

from locations.models import Location
from tests.factories import (
    make_clinic_details_user,
    make_editor,
    make_front_desk,
    make_user,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:locations_location_changelist")
ADD = reverse("admin:locations_location_add")


def form_data(**overrides):
    data = {
        "name": "Cedar Park",
        "slug": "cedar-park",
        "order": "5",
        "accepts_new_patients": "on",
        "street": "1 Elm Street",
        "city": "Cedar Park",
        "region": "NJ",
        "postal_code": "07996",
        "country": "US",
        "phone": "+1 201 555 0177",
        "time_zone": "America/New_York",
        "opening_hours-TOTAL_FORMS": "1",
        "opening_hours-INITIAL_FORMS": "0",
        "opening_hours-MIN_NUM_FORMS": "0",
        "opening_hours-MAX_NUM_FORMS": "7",
        "opening_hours-0-weekday": "0",
        "opening_hours-0-opens": "09:00",
        "opening_hours-0-closes": "17:00",
        **overrides,
    }
    return data


@pytest.mark.parametrize(
    "make", [lambda: make_user(is_superuser=True), make_clinic_details_user]
)
def test_superuser_and_clinic_details_role_add_a_location(client, make):
    client.force_login(make())
    assert client.get(CHANGELIST).status_code == 200
    response = client.post(ADD, form_data())
    assert response.status_code == 302, response.context["errors"]
    location = Location.objects.get(slug="cedar-park")
    assert location.phone == "+12015550177"
    assert location.hours_summary == "Mon 9 am – 5 pm"


@pytest.mark.parametrize("make", [make_editor, make_front_desk])
def test_editors_and_front_desk_cannot_see_or_change_locations(client, make):
    client.force_login(make())
    assert client.get(CHANGELIST).status_code == 403
    assert client.post(ADD, form_data()).status_code == 403
    assert not Location.objects.filter(slug="cedar-park").exists()


def test_mistakes_come_back_as_form_errors(client):
    """An unknown time zone and hours closing before they open are shown on the
    form; nothing is saved."""
    client.force_login(make_clinic_details_user())
    response = client.post(
        ADD,
        form_data(time_zone="Eastern", **{"opening_hours-0-closes": "08:00"}),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "is not a time zone name" in html
    assert "The closing time must be after the opening time." in html
    assert not Location.objects.filter(slug="cedar-park").exists()


@pytest.mark.parametrize(
    "query", ["?leads=1", "?leads__isnull=False", "?teams__isnull=False"]
)
def test_the_location_list_cannot_be_filtered_through_leads_or_teams(query):
    """Whoever keeps the clinic's details learns nothing about leads from it."""
    from clinic.roles import CLINIC_DETAILS
    from tests.factories import make_user

    client = Client()
    client.force_login(make_user(groups=[CLINIC_DETAILS]))
    url = reverse("admin:locations_location_changelist") + query
    assert client.get(url).status_code == 400
