"""An existing site's CLINIC_* address becomes its first location, once."""

from datetime import time

import pytest

from tests.migrating import migrate_to

BEFORE = [("locations", "0001_initial")]
AFTER = [("locations", "0002_first_location_from_settings")]


@pytest.mark.django_db(transaction=True)
def test_settings_address_becomes_the_first_location(at_latest, settings):
    settings.CLINIC_CITY = "Elm Crossing"
    settings.CLINIC_STREET = "7 Orchard Row"
    settings.CLINIC_PHONE = "(201) 555-0150"
    settings.CLINIC_HOURS = "Mon–Thu 8 am – 5:30 pm, Fri 8 am – 1 pm; Sat 9am-12pm"
    old = migrate_to(BEFORE)
    old.get_model("locations", "Location").objects.all().delete()
    new = migrate_to(AFTER)
    location = new.get_model("locations", "Location").objects.get()
    assert (location.name, location.slug, location.street) == (
        "Elm Crossing",
        "elm-crossing",
        "7 Orchard Row",
    )
    assert (location.phone, location.time_zone) == ("+12015550150", "America/New_York")
    hours = [
        (h.weekday, h.opens, h.closes)
        for h in location.opening_hours.order_by("weekday")
    ]
    assert hours == [(d, time(8), time(17, 30)) for d in range(4)] + [
        (4, time(8), time(13)),
        (5, time(9), time(12)),
    ]


@pytest.mark.django_db(transaction=True)
def test_unreadable_hours_leave_the_location_without_hours(at_latest, settings):
    """The site then keeps showing CLINIC_HOURS (see locations/apps.py)."""
    settings.CLINIC_HOURS = "By appointment"
    old = migrate_to(BEFORE)
    old.get_model("locations", "Location").objects.all().delete()
    new = migrate_to(AFTER)
    location = new.get_model("locations", "Location").objects.get()
    assert not location.opening_hours.exists()


@pytest.mark.django_db(transaction=True)
def test_a_site_that_has_locations_gets_no_new_one(at_latest):
    old = migrate_to(BEFORE)
    Location = old.get_model("locations", "Location")
    Location.objects.all().delete()
    Location.objects.create(
        name="Already here",
        slug="already-here",
        street="1 A St",
        city="B",
        phone="+12015550100",
    )
    new = migrate_to(AFTER)
    names = list(
        new.get_model("locations", "Location").objects.values_list("name", flat=True)
    )
    assert names == ["Already here"]
