"""Location pages, the footer's list, and what a location change clears."""

import json
import re
from datetime import time

import pytest
from django.urls import reverse

from attribution.models import CallClick
from locations.models import Location, OpeningHours
from tests.factories import make_location

pytestmark = pytest.mark.django_db

MAIN = "maple-hollow"  # made from the CLINIC_* settings by migrating


def json_ld(html):
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL
    )
    return [json.loads(block) for block in blocks]


def footer(html):
    return html.split('<footer class="site-footer">', 1)[1]


def test_location_page_shows_address_hours_and_a_counted_call_link(client):
    location = make_location(
        "Birchwood Falls",
        street="210 Quarry Road",
        phone="+19735550118",
        hours=[(0, time(7, 30), time(17)), (5, time(9), time(13))],
    )
    response = client.get(location.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1 and "<h1>Birchwood Falls</h1>" in html
    assert "210 Quarry Road" in html
    assert (
        '<a class="btn btn-call" href="tel:+19735550118" data-call-link>'
        "Call (973) 555-0118</a>"
    ) in html
    assert "<caption>Opening hours (local time)</caption>" in html
    assert '<th scope="col">Day</th>' in html
    assert '<tr><th scope="row">Monday</th><td>7:30 am – 5 pm</td></tr>' in html
    assert '<tr><th scope="row">Tuesday</th><td>Closed</td></tr>' in html
    assert '<tr><th scope="row">Saturday</th><td>9 am – 1 pm</td></tr>' in html
    assert "Taking new patients." in html


def test_a_tap_on_the_location_pages_call_link_is_counted(client):
    location = make_location()
    response = client.post(
        "/calls/",
        {"page": location.get_absolute_url()},
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    assert response.status_code == 204
    assert CallClick.objects.get().page == location.get_absolute_url()


def test_location_page_has_medical_clinic_json_ld(client):
    location = make_location(
        "Harbor Point",
        accepts_new_patients=False,
        hours=[(1, time(9), time(17))],
    )
    html = client.get(location.get_absolute_url()).content.decode()
    (data,) = json_ld(html)
    assert data["@type"] == "MedicalClinic"
    assert data["name"] == "Cedar Ridge Spine & Orthopedics – Harbor Point"
    assert data["telephone"] == location.phone
    assert data["address"]["streetAddress"] == location.street
    assert data["url"].endswith("/locations/harbor-point/")
    assert data["isAcceptingNewPatients"] is False
    assert data["openingHoursSpecification"] == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Tuesday",
            "opens": "09:00",
            "closes": "17:00",
        }
    ]
    assert "Not taking new patients at the moment." in html


def test_unknown_location_is_404(client):
    assert client.get("/locations/nowhere/").status_code == 404


def test_list_page_shows_every_location(client):
    make_location("Birchwood Falls")
    html = client.get(reverse("locations:list")).content.decode()
    assert "Maple Hollow" in html and "Birchwood Falls" in html
    assert html.count("data-call-link") >= 4  # header, footer and one each


def test_with_one_location_the_footer_looks_as_before(client):
    """The settings' address, phone and hours, and no list of locations; the
    location's page still exists."""
    assert Location.objects.count() == 1
    html = client.get("/").content.decode()
    assert "Our locations" not in footer(html)
    assert (
        '<p class="mb-1">48 Larkspur Avenue, Suite 200, Maple Hollow, NJ 07999</p>'
        in footer(html)
    )
    assert (
        '<p class="mb-1">Phone: <a href="tel:+12015550142" data-call-link>'
        "(201) 555-0142</a> · Mon–Fri 8 am – 6 pm</p>"
    ) in footer(html)
    assert client.get(f"/locations/{MAIN}/").status_code == 200


def test_with_three_locations_the_footer_lists_them(client):
    make_location("Birchwood Falls", phone="+19735550118")
    make_location("Harbor Point", phone="+17325550167")
    html = footer(client.get("/").content.decode())
    assert "Our locations" in html
    names = re.findall(
        r'<li class="mb-1"><a href="/locations/[a-z-]+/">([^<]+)</a>', html
    )
    assert names == ["Maple Hollow", "Birchwood Falls", "Harbor Point"]
    assert 'href="tel:+19735550118" data-call-link' in html
    assert 'href="tel:+17325550167" data-call-link' in html


def test_the_main_location_is_the_clinics_phone_and_address(client):
    """The first location by order gives the header's call button, the footer
    and the publisher in article JSON-LD."""
    Location.objects.filter(slug=MAIN).update(order=5)
    make_location("Birchwood Falls", phone="+19735550118", order=1)
    html = client.get("/").content.decode()
    header = html.split("</header>", 1)[0]
    assert 'href="tel:+19735550118" data-call-link>Call (973) 555-0118' in header


def test_without_any_location_the_settings_are_shown(client):
    Location.objects.all().delete()
    html = client.get("/").content.decode()
    assert "48 Larkspur Avenue, Suite 200, Maple Hollow, NJ 07999" in html
    assert 'href="tel:+12015550142"' in html


def test_changing_a_location_clears_the_page_cache(client):
    """A cached page shows a new phone number as soon as it is saved, and a
    changed or deleted row of hours too."""
    url = f"/locations/{MAIN}/"
    assert "(201) 555-0142" in client.get(url).content.decode()
    location = Location.objects.get(slug=MAIN)
    location.phone = "+12015550188"
    location.save()
    assert "(201) 555-0188" in client.get(url).content.decode()
    hours = OpeningHours.objects.get(location=location, weekday=0)
    hours.closes = time(19)
    hours.save()
    assert "8 am – 7 pm" in client.get(url).content.decode()
    hours.delete()
    html = client.get(url).content.decode()
    assert '<tr><th scope="row">Monday</th><td>Closed</td></tr>' in html


def test_pages_cost_a_fixed_number_of_queries(client, django_assert_num_queries):
    """Two queries build the list of locations (with hours) the first time,
    however many there are; then location pages cost none, even on a miss."""
    for i in range(5):
        make_location(f"Office {i}")
    with django_assert_num_queries(2):
        client.get(reverse("locations:list"))
    with django_assert_num_queries(0):
        client.get("/locations/office-3/")
    with django_assert_num_queries(0):
        client.get("/locations/office-3/")
