"""Escalation: the response target counts the office's opening hours; a lead
still New at it sends its owner one reminder, at twice it the team lead one
escalation, however many workers run."""

import zoneinfo
from datetime import datetime, time, timedelta

import pytest
from django.conf import settings
from django.urls import reverse

from leads.escalation import EMAILS, _email, leads_chase
from leads.models import Lead, LeadEvent
from locations.hours import business_deadline
from outbox.management.commands.run_worker import run_jobs
from outbox.models import OutboxEmail
from tests.factories import make_front_desk, make_lead, make_location, make_topic
from tests.leads.test_routing import make_team, submit
from tests.leads.test_views import valid_data

pytestmark = pytest.mark.django_db

NY = zoneinfo.ZoneInfo("America/New_York")
WEEKDAYS_9_TO_5 = [(d, time(9), time(17)) for d in range(5)]


def at(*args):
    return datetime(*args, tzinfo=NY)


def test_business_time_skips_nights_and_weekends():
    # Tuesday 9 pm: fifteen minutes of opening time end Wednesday 9:15 am.
    assert business_deadline(at(2026, 3, 3, 21), 15, WEEKDAYS_9_TO_5, NY) == at(
        2026, 3, 4, 9, 15
    )
    # Friday 4:50 pm: ten minutes on Friday, five on Monday.
    assert business_deadline(at(2026, 3, 6, 16, 50), 15, WEEKDAYS_9_TO_5, NY) == at(
        2026, 3, 9, 9, 5
    )
    # Within opening hours: plain time.
    assert business_deadline(at(2026, 3, 4, 10), 15, WEEKDAYS_9_TO_5, NY) == at(
        2026, 3, 4, 10, 15
    )
    # An office without hours: plain time.
    assert business_deadline(at(2026, 3, 3, 21), 15, [], NY) == at(2026, 3, 3, 21, 15)


def test_hours_count_in_the_office_time_zone():
    """9 am in Los Angeles is noon in New York."""
    la = zoneinfo.ZoneInfo("America/Los_Angeles")
    due = business_deadline(at(2026, 3, 4, 11), 15, WEEKDAYS_9_TO_5, la)
    assert due == at(2026, 3, 4, 12, 15)


@pytest.fixture
def office(settings):
    settings.LEADS_RATE_LIMIT = 1000
    settings.LEADS_MIN_SECONDS = 0
    settings.LEADS_RESPONSE_TARGET_MINUTES = 15
    settings.LEADS_NOTIFY_EMAILS = ["desk@example.test"]
    location = make_location("Birchwood Falls", order=1, hours=WEEKDAYS_9_TO_5)
    ana = make_front_desk("ana")
    ana.email = "ana@example.test"
    ana.save()
    boss = make_front_desk("boss")
    boss.email = "boss@example.test"
    boss.save()
    make_team("Birchwood desk", [location], [ana, boss], lead=boss)
    # boss is lead; the round-robin starts with ana
    return location


def chase_emails():
    return list(
        OutboxEmail.objects.exclude(subject__startswith="New lead")
        .exclude(subject__startswith="We received")
        .order_by("pk")
    )


def test_a_lead_sent_at_night_is_chased_in_opening_hours(client, office, time_machine):
    time_machine.move_to(at(2026, 3, 3, 21), tick=False)  # a Tuesday, 9 pm
    topic = make_topic("Sciatica")
    lead = submit(
        client, office, topic=str(topic.pk), insurance="Bluebell Mutual PPO 8841"
    )
    assert lead.owner.username == "ana"
    assert lead.respond_by == at(2026, 3, 4, 9, 15)
    assert lead.escalate_by == at(2026, 3, 4, 9, 30)

    time_machine.move_to(at(2026, 3, 3, 21, 15), tick=False)
    assert not Lead.objects.overdue().exists() and not lead.is_overdue
    assert leads_chase() == (0, 0)

    time_machine.move_to(at(2026, 3, 4, 9, 16), tick=False)
    lead.refresh_from_db()
    assert lead.is_overdue and Lead.objects.overdue().get() == lead
    run_jobs()
    run_jobs()  # a second worker round (or worker) sends nothing more
    (reminder,) = chase_emails()
    assert reminder.to == ["ana@example.test"]
    assert reminder.subject == f"Reminder: lead #{lead.pk} is waiting for a reply"

    time_machine.move_to(at(2026, 3, 4, 9, 31), tick=False)
    run_jobs()
    run_jobs()
    reminder, escalation = chase_emails()
    assert escalation.to == ["boss@example.test"]
    assert escalation.subject == f"Escalation: lead #{lead.pk} has had no reply"
    lead.refresh_from_db()
    assert lead.escalated_at == at(2026, 3, 4, 9, 31)
    assert Lead.objects.escalated().get() == lead
    kinds = list(lead.events.values_list("kind", flat=True))
    assert kinds == ["assign", LeadEvent.Kind.CHASE, LeadEvent.Kind.CHASE]

    for email in (reminder, escalation):
        text = email.subject + email.body
        assert f"#{lead.pk}" in text and "Birchwood Falls" in text
        assert lead.admin_link in email.body and "12 hours ago" in email.body
        for secret in (
            lead.name,
            lead.email,
            "555",
            lead.message,
            "Sciatica",
            "Bluebell",
        ):
            assert secret not in text


def test_a_lead_answered_in_time_is_not_chased(client, office, time_machine):
    time_machine.move_to(at(2026, 3, 4, 10), tick=False)
    lead = submit(client, office)
    Lead.objects.filter(pk=lead.pk).update(status=Lead.Status.CONTACTED)
    time_machine.move_to(at(2026, 3, 4, 12), tick=False)
    assert leads_chase() == (0, 0)
    assert chase_emails() == []


def test_without_owner_or_team_lead_the_front_desk_address_is_told(
    client, office, time_machine, settings
):
    time_machine.move_to(at(2026, 3, 4, 10), tick=False)
    other = make_location("Harbor Point", order=2, hours=WEEKDAYS_9_TO_5)
    lead = submit(client, other)
    assert lead.owner is None
    time_machine.move_to(at(2026, 3, 4, 10, 31), tick=False)
    assert leads_chase() == (1, 1)
    assert [e.to for e in chase_emails()] == [["desk@example.test"]] * 2


def test_escalated_leads_are_filtered_and_counted(client, office, time_machine):
    time_machine.move_to(at(2026, 3, 4, 10), tick=False)
    late = submit(client, office)
    submit(client, office)
    Lead.objects.exclude(pk=late.pk).update(status=Lead.Status.CONTACTED)
    time_machine.move_to(at(2026, 3, 4, 10, 40), tick=False)
    leads_chase()
    desk = make_front_desk("franco")
    client.force_login(desk)
    changelist = reverse("admin:leads_lead_changelist")
    html = client.get(changelist + "?escalated=yes").content.decode()
    assert html.count('class="lead-escalated"') == 1
    assert f"#{late.pk}" in html
    html = client.get(
        changelist + f"?location__id__exact={office.pk}&team__id__exact={late.team_id}"
    ).content.decode()
    assert f"#{late.pk}" in html
    dashboard = client.get(reverse("admin:index") + f"?location={office.pk}")
    assert "Escalated leads still New" in dashboard.content.decode()
    assert dashboard.context["dashboard"]["leads"]["escalated"] == 1


def test_a_lead_without_an_office_gets_its_targets_in_plain_time(client):
    """No office to count opening hours in: the response target is plain time
    from when the lead arrived, and escalation twice that."""
    from clinic import pagecache
    from locations.models import Location

    Location.objects.all().delete()
    pagecache.clear()
    client.post(reverse("leads:contact"), valid_data())
    lead = Lead.objects.get()
    assert lead.location is None
    target = timedelta(minutes=15)
    assert lead.respond_by - lead.created_at <= target
    assert lead.escalate_by - lead.respond_by == target


def test_no_chase_email_template_shows_what_the_patient_sent(time_machine):
    """Every template under templates/leads/email/escalation*, rendered for a
    lead full of patient details: its number, office, age and link only."""
    time_machine.move_to(at(2026, 3, 4, 10), tick=False)
    topic = make_topic("Sciatica")
    lead = make_lead(
        name="Zephyrine Quillfeather",
        email="zephyrine@example.test",
        phone="+12015550123",
        message="Numb left foot since the fall.",
        topic=topic,
        insurance="Bluebell Mutual PPO 8841",
        location=make_location("Birchwood Falls & Co"),
    )
    on_disk = {
        path.name
        for path in (settings.BASE_DIR / "templates/leads/email").glob("escalation*")
    }
    assert on_disk == {
        f"{name}{end}" for name in EMAILS for end in (".txt", "_subject.txt")
    }
    subjects = {
        "escalation_reminder": f"Reminder: lead #{lead.pk} is waiting for a reply",
        "escalation_team_lead": f"Escalation: lead #{lead.pk} has had no reply",
    }
    for name in EMAILS:
        email = _email(lead, name, to=["desk@example.test"], now=at(2026, 3, 4, 22))
        text = email["subject"] + email["body"]
        assert email["subject"] == subjects[name]
        assert email["body"] == (  # plain text: the office's "&" stays as it is
            f"Lead #{lead.pk} (Birchwood Falls & Co) arrived 12 hours ago and is "
            "still New.\n\nOpen it in the admin (login required):\n"
            f"{lead.admin_link}\n"
        )
        for secret in (
            "Zephyrine",
            "zephyrine@",
            "555",
            "Numb",
            "Sciatica",
            "Bluebell",
        ):
            assert secret not in text
