"""Rules of issue 14 under pressure: which team takes a lead, business time
across a clock change, one office's wording."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from leads.models import Lead
from locations.hours import business_deadline
from locations.models import Location
from tests.factories import make_front_desk, make_topic
from tests.leads.test_routing import make_team, submit
from tests.leads.test_views import CONTACT, valid_data

pytestmark = pytest.mark.django_db

NEW_YORK = ZoneInfo("America/New_York")


def test_a_team_for_other_topics_does_not_take_the_lead(client, settings):
    """A spine-only team at the office gets no foot lead; it stays unassigned."""
    settings.LEADS_RATE_LIMIT = 1000
    office = Location.objects.get()
    spine = make_team("Spine only", [office], [make_front_desk("cat")])
    spine.topics.set([make_topic("Back pain")])
    foot = make_topic("Foot and ankle")
    lead = submit(client, None, topic=foot.pk)
    assert lead.owner is None and lead.team is None


def test_business_time_counts_real_minutes_across_a_clock_change():
    """An office open all night: on the spring-forward night three hours of
    opening time are three real hours, not two."""
    week = [(day, time(0), time(23, 59)) for day in range(7)]
    start = datetime(2026, 3, 8, 0, 30, tzinfo=NEW_YORK)  # DST starts at 2 am
    due = business_deadline(start, 180, week, NEW_YORK)
    assert due - start.astimezone(UTC) == timedelta(hours=3)


def test_one_office_not_taking_new_patients_says_to_call(client, settings):
    settings.LEADS_RATE_LIMIT = 1000
    Location.objects.update(accepts_new_patients=False)
    response = client.post(CONTACT, valid_data(patient_type="new"))
    assert response.status_code == 400
    assert b"choose another office" not in response.content
    assert b"Please call us" in response.content
    assert not Lead.objects.exists()
