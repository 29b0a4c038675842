"""The demo locations: three, one not taking new patients, loaded once."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from locations.models import Location, OpeningHours

pytestmark = pytest.mark.django_db


def test_demo_locations_load_once_however_often_the_command_runs(settings):
    settings.DEBUG = True
    call_command("load_demo_locations")
    call_command("load_demo_locations")
    locations = list(Location.objects.listed())
    assert [x.slug for x in locations] == [
        "maple-hollow",
        "birchwood-falls",
        "harbor-point",
    ]
    assert [x.accepts_new_patients for x in locations] == [True, True, False]
    assert all(x.phone.startswith("+1") and "55501" in x.phone for x in locations)
    assert all(x.hours_summary for x in locations)
    # The migrated main location kept its hours; no day was added twice.
    assert OpeningHours.objects.count() == 5 + 6 + 4
    for location in locations:
        location.full_clean()


def test_demo_locations_refuse_to_load_in_production(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo_locations")
