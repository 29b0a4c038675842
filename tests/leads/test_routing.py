"""Routing, at once: a new lead gets its team and owner in the transaction
that stores it, round-robin among the members who are available."""

import threading
from collections import Counter

import pytest
from django.db import connection
from django.urls import reverse

from leads.models import Lead, LeadEvent, Team, TeamMember
from leads.routing import member_set_away
from leads.services import lead_assign
from locations.models import Location
from tests.factories import make_front_desk, make_location, make_topic
from tests.leads.test_views import CONTACT, valid_data

pytestmark = pytest.mark.django_db

_n = iter(range(10_000))


def make_team(name, locations, members, *, lead=None, topics=()):
    team = Team.objects.create(name=name)
    team.locations.set(locations)
    team.topics.set(topics)
    for user in members:
        TeamMember.objects.create(team=team, user=user, is_lead=user == lead)
    return team


def submit(client, location=None, **extra):
    """Send the contact form as a new patient; the stored lead."""
    n = next(_n)
    data = valid_data(
        name=f"Pat Sender{n}",
        email=f"pat{n}@example.test",
        message=f"Request number {n}.",
        patient_type="new",
        **extra,
    )
    if location is not None:
        data["location"] = location.pk
    response = client.post(CONTACT, data)
    assert response.status_code == 303, response.content
    return Lead.objects.order_by("-pk").first()


@pytest.fixture
def offices(settings):
    settings.LEADS_RATE_LIMIT = 1000
    main = Location.objects.get()
    other = make_location("Birchwood Falls", order=1)
    return main, other


@pytest.fixture
def desks():
    return make_front_desk("ana"), make_front_desk("ben"), make_front_desk("cleo")


def test_four_leads_go_to_two_members_in_turn(client, offices, desks):
    main, other = offices
    ana, ben, cleo = desks
    make_team("Main desk", [main], [ana, ben], lead=ana)
    make_team("Birchwood desk", [other], [cleo], lead=cleo)
    owners = [submit(client, main).owner for _ in range(4)]
    assert owners == [ana, ben, ana, ben]
    lead = submit(client, other)
    assert (lead.owner, lead.team.name) == (cleo, "Birchwood desk")
    assert not lead.routed_to_team_lead
    event = lead.events.get()
    assert event.kind == LeadEvent.Kind.ASSIGN and event.author is None
    assert event.text == "Assigned to cleo (round-robin in team Birchwood desk)"


def test_a_member_marked_away_is_skipped_until_back(client, offices, desks):
    main, _ = offices
    ana, ben, _ = desks
    team = make_team("Main desk", [main], [ana, ben], lead=ana)
    assert submit(client, main).owner == ana
    assert member_set_away(user=ben, away=True) == [team]
    assert [submit(client, main).owner for _ in range(2)] == [ana, ana]
    member_set_away(user=ben, away=False)
    assert submit(client, main).owner == ben


def test_nobody_available_goes_to_the_team_lead_flagged(client, offices, desks):
    main, _ = offices
    ana, ben, _ = desks
    make_team("Main desk", [main], [ana, ben], lead=ana)
    member_set_away(user=ana, away=True)
    ben.is_active = False
    ben.save()
    lead = submit(client, main)
    assert lead.owner == ana and lead.routed_to_team_lead
    assert "team lead of Main desk: nobody available" in lead.events.get().text


def test_a_team_for_the_topic_comes_before_the_general_one(client, offices, desks):
    main, _ = offices
    ana, ben, _ = desks
    sciatica = make_topic("Sciatica")
    make_team("General", [main], [ana])
    make_team("Sciatica desk", [main], [ben], topics=[sciatica])
    assert submit(client, main, topic=str(sciatica.pk)).owner == ben
    assert submit(client, main).owner == ana


def test_no_team_for_the_office_leaves_the_lead_unassigned(client, offices, desks):
    main, other = offices
    make_team("Birchwood desk", [other], [desks[0]])
    lead = submit(client, main)
    assert lead.owner is None and lead.team is None
    assert not lead.events.exists()


def test_spam_is_not_routed(client, offices, desks):
    main, _ = offices
    make_team("Main desk", [main], [desks[0]])
    lead = submit(client, main, website="http://spam.example")
    assert lead.is_spam and lead.owner is None and lead.team is None


def test_staff_can_still_reassign_by_hand(client, offices, desks):
    main, _ = offices
    ana, ben, _ = desks
    make_team("Main desk", [main], [ana])
    lead = submit(client, main)
    lead_assign(lead=lead, to=ben, by=ana)
    lead.refresh_from_db()
    assert lead.owner == ben
    texts = list(lead.events.values_list("text", flat=True))
    assert texts[-1] == "Assigned to ben"


def test_a_member_marks_themselves_away_and_back_in_the_admin(client, offices, desks):
    main, _ = offices
    ana, ben, _ = desks
    team = make_team("Main desk", [main], [ana, ben])
    client.force_login(ben)
    teams = reverse("admin:leads_team_changelist")
    html = client.get(teams).content.decode()
    assert "Main desk" in html and "Mark me away" in html
    response = client.post(reverse("admin:leads_team_away"), {"away": "1"})
    assert response.status_code == 303
    assert TeamMember.objects.get(user=ben).away
    assert "I am back" in client.get(teams).content.decode()
    client.post(reverse("admin:leads_team_away"), {"away": "0"})
    assert not TeamMember.objects.get(user=ben).away
    history = client.get(reverse("admin:leads_team_history", args=[team.pk]))
    assert "ben marked away" in history.content.decode()
    # Front desk may see teams but not change them.
    assert (
        client.get(reverse("admin:leads_team_change", args=[team.pk])).status_code
        == 200
    )
    assert (
        client.post(reverse("admin:leads_team_change", args=[team.pk]), {}).status_code
        == 403
    )


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite takes one writer at a time: no concurrent submissions",
)
@pytest.mark.django_db(transaction=True)
def test_leads_sent_at_the_same_moment_are_handed_out_in_turn(settings, desks):
    """Several app servers at once: each submission takes its own turn."""
    from django.test import Client

    settings.LEADS_RATE_LIMIT = 1000
    main = make_location("Birch Landing")
    make_location("Birchwood Falls")  # two offices: the form asks which
    ana, ben, _ = desks
    make_team("Main desk", [main], [ana, ben])
    start = threading.Barrier(8)
    errors = []

    def send():
        try:
            client = Client()
            start.wait()
            submit(client, main)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert Counter(Lead.objects.values_list("owner__username", flat=True)) == {
        "ana": 4,
        "ben": 4,
    }
    turns = sorted(TeamMember.objects.values_list("last_turn", flat=True))
    assert turns == [7, 8]


def test_make_run_gives_each_demo_office_a_team(settings):
    from django.core.management import call_command

    settings.DEBUG = True
    make_front_desk("frontdesk")
    make_location("Birchwood Falls", order=1)
    call_command("load_demo_teams")
    call_command("load_demo_teams")  # once only
    names = set(Team.objects.values_list("name", flat=True))
    assert names == {f"{x.name} desk" for x in Location.objects.all()}
    assert len(names) == 2
    assert set(TeamMember.objects.values_list("user__username", "is_lead")) == {
        ("frontdesk", True)
    }
