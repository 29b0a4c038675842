"""Conversion names: never a condition, a part of the body or a topic."""

import pytest
from django.core.management import CommandError, call_command
from django.core.management.base import SystemCheckError

from campaigns import conversion_names as service
from campaigns.checks import conversion_names_check
from campaigns.conversions import ConversionExportError
from campaigns.models import ConversionExport
from checker.models import CheckerOption, RuleSet
from leads.models import AuditEntry
from tests.campaigns.test_conversions import (
    BOOKED,
    GCLID,
    PATIENT,
    clicked,
    export,
    local,
    reach,
)
from tests.factories import make_topic

pytestmark = pytest.mark.django_db


def test_the_system_check_refuses_a_condition_in_a_conversion_name(settings):
    """ "Back pain consult" stops the start; the default names pass."""
    assert conversion_names_check(None) == []
    settings.CAMPAIGNS_CONVERSION_NAMES = {
        "booked": "Back pain consult",
        "patient": PATIENT,
    }
    errors = conversion_names_check(None)
    assert [e.id for e in errors] == ["campaigns.E001"]
    assert "Back pain consult" in errors[0].msg
    with pytest.raises(SystemCheckError):
        call_command("check")


@pytest.mark.parametrize(
    "names",
    [
        {"booked": "", "patient": PATIENT},
        {"booked": BOOKED, "visited": "Came in"},
        {"booked": BOOKED, "patient": "Knees appointment"},
    ],
)
def test_the_system_check_refuses_empty_names_and_unknown_outcomes(settings, names):
    """An empty name, an unknown outcome and a plural body word are refused."""
    settings.CAMPAIGNS_CONVERSION_NAMES = names
    assert [e.id for e in conversion_names_check(None)] == ["campaigns.E001"]


def test_the_export_refuses_a_name_equal_to_a_topic_and_writes_nothing(settings):
    """A name that is a topic in the database is refused at export time."""
    settings.CAMPAIGNS_CONVERSION_NAMES = {"booked": "Discovery call"}
    lead = clicked({"gclid": GCLID})
    reach(lead, "booked", local(2026, 2, 1, 10))
    assert export().rows == 1
    make_topic("Discovery call")
    with pytest.raises(ConversionExportError, match="topic “Discovery call”"):
        export(again=True)
    assert ConversionExport.objects.count() == 1
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).count() == 1


def test_the_export_refuses_a_name_holding_a_checker_answer(settings):
    """A body part from the condition checker's answers is refused too."""
    rule_set = RuleSet.objects.create(name="Test rules")
    CheckerOption.objects.create(
        rule_set=rule_set, question="where", code="jaw", label="Jaw"
    )
    settings.CAMPAIGNS_CONVERSION_NAMES = {"booked": "Jaw consult"}
    assert conversion_names_check(None) == []
    with pytest.raises(ConversionExportError, match="checker answer “Jaw”"):
        export()
    assert not ConversionExport.objects.exists()


def test_the_command_refuses_a_topic_name_with_a_clear_error(settings, tmp_path):
    """A refused name is a CommandError, and no output file is left behind."""
    settings.CAMPAIGNS_CONVERSION_NAMES = {"booked": "Discovery call"}
    make_topic("Discovery call")
    target = tmp_path / "out.csv"
    with pytest.raises(CommandError, match="refused"):
        call_command(
            "export_conversions",
            "--since=2026-01-01",
            "--platform=google",
            f"--output={target}",
        )
    assert not target.exists()


def test_the_default_names_pass_with_the_demo_topics_and_checker():
    """The demo checker's answers ("… or new trouble peeing") and topics do
    not refuse "New patient" or "Booked appointment"; its body parts do."""
    from tests.factories import make_checker

    make_checker()
    for name in (BOOKED, PATIENT):
        assert service.conversion_name_problems(name) == []
    assert service.database_name_problems("Plantar fasciitis follow-up") == [
        "it matches the topic “Plantar fasciitis”"
    ]


def test_topics_in_plain_words_do_not_refuse_plain_names():
    """A topic matches as a whole: "Patient stories" or "Your first
    appointment" share a plain word with the defaults and refuse neither."""
    make_topic("Patient stories")
    make_topic("Your first appointment")
    for name in (BOOKED, PATIENT):
        assert service.conversion_name_problems(name) == []
    assert service.conversion_name_problems("Patient stories call") == [
        "it matches the topic “Patient stories”"
    ]
