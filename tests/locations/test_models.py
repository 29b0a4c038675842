"""A location's rules: a real time zone, hours that close after they open."""

from datetime import time

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from locations.hours import hours_summary
from locations.models import Location, OpeningHours
from tests.factories import make_location

pytestmark = pytest.mark.django_db


def codes(error):
    return {
        field: [e.code for e in errors] for field, errors in error.error_dict.items()
    }


def test_an_unknown_time_zone_is_refused():
    """Only names from the time zone database are accepted."""
    location = make_location(time_zone="Mars/Olympus_Mons")
    with pytest.raises(ValidationError) as error:
        location.full_clean()
    assert codes(error.value) == {"time_zone": ["invalid_time_zone"]}
    location.time_zone = "America/Chicago"
    location.full_clean()


def test_hours_must_close_after_they_open():
    """A closing time at or before the opening time is a form error, and the
    database refuses it too."""
    location = make_location(hours=[])
    hours = OpeningHours(location=location, weekday=0, opens=time(9), closes=time(9))
    with pytest.raises(ValidationError) as error:
        hours.full_clean()
    assert "closes_before_opens" in codes(error.value)["closes"]
    with pytest.raises(IntegrityError):
        hours.save()


def test_one_row_of_hours_per_day():
    location = make_location(hours=[(0, time(9), time(17))])
    with pytest.raises(IntegrityError):
        OpeningHours.objects.create(
            location=location, weekday=0, opens=time(10), closes=time(12)
        )


def test_phone_is_kept_in_international_form_and_shown_nationally():
    location = make_location(phone="+1 (973) 555-0118")
    location.full_clean()
    assert location.phone == "+19735550118"
    assert location.phone_display == "(973) 555-0118"
    assert location.tel_href == "tel:+19735550118"


def test_a_wrong_phone_number_is_refused():
    location = make_location(phone="12")
    with pytest.raises(ValidationError) as error:
        location.full_clean()
    assert "phone" in error.value.error_dict


def test_hours_read_as_people_write_them():
    """Consecutive days with the same hours share a range."""
    rows = [(d, time(8), time(18)) for d in range(5)] + [(5, time(9), time(13, 30))]
    assert hours_summary(rows) == "Mon–Fri 8 am – 6 pm, Sat 9 am – 1:30 pm"
    assert hours_summary([(0, time(12), time(13)), (2, time(12), time(13))]) == (
        "Mon 12 pm – 1 pm, Wed 12 pm – 1 pm"
    )
    assert hours_summary([(3, time(7), time(9)), (4, time(7), time(9))]) == (
        "Thu, Fri 7 am – 9 am"
    )
    assert hours_summary([]) == ""


def test_week_table_lists_every_day_closed_ones_too():
    location = Location.objects.listed().get(pk=make_location().pk)
    table = location.week_table()
    assert [day for day, _ in table][0] == "Monday" and len(table) == 7
    assert table[0][1].label == "9 am – 5 pm" and table[6][1] is None
