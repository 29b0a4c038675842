"""Routing and escalation as people see them, in Chromium: a patient's request
goes at once to the next member of its office's team, members take turns and
mark themselves away, and a lead nobody answers is chased in opening hours."""

import re
import zoneinfo
from datetime import datetime, time

import pytest
from playwright.sync_api import expect

from leads.models import Lead, LeadEvent, Team, TeamMember
from locations.models import Location
from outbox.management.commands.run_worker import run_jobs
from outbox.models import OutboxEmail
from tests.factories import make_front_desk, make_location
from tests.leads.test_browser import fill_contact_form, log_in

pytestmark = pytest.mark.django_db(transaction=True)

NY = zoneinfo.ZoneInfo("America/New_York")


@pytest.fixture
def offices(settings):
    settings.LEADS_MIN_SECONDS = 0
    settings.LEADS_RATE_LIMIT = 1000
    settings.LEADS_RESPONSE_TARGET_MINUTES = 15
    # A live-server test starts from an emptied database: no migrated office.
    Location.objects.all().delete()
    weekdays = [(d, time(9), time(17)) for d in range(5)]
    maple = make_location("Maple Hollow", phone="+12015550142", order=0, hours=weekdays)
    birch = make_location(
        "Birchwood Falls",
        street="210 Quarry Road",
        phone="+19735550118",
        order=1,
        hours=weekdays,
    )
    ana, ben = make_front_desk("ana"), make_front_desk("ben")
    ana.email, ben.email = "ana@example.test", "ben@example.test"
    ana.save()
    ben.save()
    team = Team.objects.create(name="Birchwood desk")
    team.locations.add(birch)
    TeamMember.objects.create(team=team, user=ana, is_lead=True)
    TeamMember.objects.create(team=team, user=ben)
    other = Team.objects.create(name="Maple desk")
    other.locations.add(maple)
    TeamMember.objects.create(team=other, user=make_front_desk("cleo"), is_lead=True)
    return birch


def request_appointment(page, name):
    page.goto("/contact/")
    form = fill_contact_form(page, name=name)
    form.get_by_label("Which office?").select_option(
        label="Birchwood Falls – 210 Quarry Road"
    )
    form.get_by_role("radio", name="New patient").check()
    form.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you, we received your message"
    )
    return Lead.objects.get(name=name)


def test_a_new_patient_request_goes_to_the_office_team_at_once(page, offices):
    lead = request_appointment(page, "Jamie Rivera")
    call = page.get_by_role("link", name="Call Birchwood Falls: (973) 555-0118")
    expect(call).to_have_attribute("href", "tel:+19735550118")
    assert (lead.location.name, lead.patient_type) == ("Birchwood Falls", "new")
    assert (lead.owner.username, lead.team.name) == ("ana", "Birchwood desk")
    assert lead.events.get().text == (
        "Assigned to ana (round-robin in team Birchwood desk)"
    )


def test_members_take_turns_and_one_marked_away_is_skipped(page, desktop_page, offices):
    owners = [
        request_appointment(page, f"Patient Number{i}").owner.username for i in range(4)
    ]
    assert owners == ["ana", "ben", "ana", "ben"]

    # Ben goes away from the teams page.
    log_in(desktop_page, "ben")
    desktop_page.goto("/admin/leads/team/")
    desktop_page.get_by_role("button", name="Mark me away").click()
    expect(desktop_page.get_by_text("You are marked away: round-robin")).to_be_visible()

    owners = [
        request_appointment(page, f"Patient Later{i}").owner.username for i in range(2)
    ]
    assert owners == ["ana", "ana"]

    desktop_page.get_by_role("button", name="I am back").click()
    expect(desktop_page.get_by_text("Welcome back")).to_be_visible()
    assert request_appointment(page, "Patient Back").owner.username == "ben"


def test_an_unanswered_lead_is_reminded_then_escalated_in_opening_hours(
    page, desktop_page, offices, time_machine
):
    # Tuesday 9 pm: the office is closed until 9 am.
    time_machine.move_to(datetime(2026, 3, 3, 21, tzinfo=NY))
    lead = request_appointment(page, "Night Owl")
    assert lead.owner.username == "ana"

    def chase_emails():
        return list(
            OutboxEmail.objects.filter(subject__regex=r"^(Reminder|Escalation)")
            .order_by("pk")
            .values_list("subject", "to")
        )

    time_machine.move_to(datetime(2026, 3, 3, 21, 15, tzinfo=NY))
    run_jobs()
    assert chase_emails() == []  # not overdue at 9:15 pm

    time_machine.move_to(datetime(2026, 3, 4, 9, 16, tzinfo=NY))
    run_jobs()
    run_jobs()
    assert chase_emails() == [
        (f"Reminder: lead #{lead.pk} is waiting for a reply", ["ana@example.test"])
    ]

    time_machine.move_to(datetime(2026, 3, 4, 9, 31, tzinfo=NY))
    run_jobs()
    run_jobs()
    assert chase_emails()[1:] == [
        (f"Escalation: lead #{lead.pk} has had no reply", ["ana@example.test"])
    ]
    assert lead.events.filter(kind=LeadEvent.Kind.CHASE).count() == 2

    # The team lead finds it on the dashboard and in the list.
    log_in(desktop_page, "ana")
    row = desktop_page.get_by_role("row", name=re.compile("Escalated leads still New"))
    expect(row).to_contain_text("1")
    desktop_page.get_by_role("link", name="Escalated leads still New").click()
    found = desktop_page.get_by_role("row", name=re.compile("Night Owl"))
    expect(found).to_contain_text("Escalated")
    expect(found).to_contain_text("Birchwood desk")
