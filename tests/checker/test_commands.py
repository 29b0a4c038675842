"""The demo condition checker rules (checker/demo/rules.json) and their loader."""

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from checker.management.commands.load_demo_rules import RULES_FILE, load_checker_rules
from checker.models import CheckerOption, RuleSet
from tests.factories import make_reviewer


@pytest.mark.django_db
def test_demo_rules_load_as_written():
    call_command("load_demo_content")
    call_command("load_demo_rules")
    heel = CheckerOption.objects.get(question="where", code="heel")
    assert {rule.topic.slug for rule in heel.rules.all()} == {
        "plantar-fasciitis",
        "foot-and-ankle",
    }
    assert CheckerOption.objects.filter(is_red_flag=True).count() == 6
    assert RuleSet.objects.live().get().reviewer.slug == "miriam-castellane"


@pytest.mark.django_db
def test_malformed_checker_rules_name_the_file_and_the_line_or_place(tmp_path):
    """Broken JSON gives its line; a rule that names no option says which rule."""
    make_reviewer(slug="miriam-castellane")
    data = json.loads(RULES_FILE.read_text())
    path = tmp_path / "checker.json"
    path.write_text('{\n  "name": "v2",\n  "rules": [,]\n}\n')
    with pytest.raises(CommandError, match=r"checker.json, line 3: not valid JSON"):
        load_checker_rules(path)
    data["rules"][0]["answers"]["where"] = ["elbow"]
    path.write_text(json.dumps(data, indent=2))
    with pytest.raises(CommandError, match=r"rule 1 .*'elbow' is not one of the"):
        load_checker_rules(path)
    assert not RuleSet.objects.exists()


@pytest.mark.django_db
def test_checker_rules_are_skipped_where_their_reviewer_is_unknown():
    """A site with its own content gets no demo rules pinned on a stranger."""
    assert load_checker_rules(RULES_FILE) is None
    assert not RuleSet.objects.exists()


def _break(data, change):
    """A copy of the demo rules with `change` applied to it."""
    data = json.loads(json.dumps(data))
    change(data)
    return data


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("rules"), "the file: needs rules."),
        (lambda d: d.update(colour="blue"), "the file: unknown key(s): colour."),
        (lambda d: d.update(reviewed_days_ago="soon"), "reviewed_days_ago: a number."),
        (lambda d: d.update(options=[]), "options: must be an object, {...}."),
        (
            lambda d: d["options"].update(mood=[]),
            "options: 'mood': the questions are",
        ),
        (
            lambda d: d["options"].update(where={}),
            "options: where: must be a list, [...].",
        ),
        (
            lambda d: d["options"]["where"].insert(1, d["options"]["where"][0]),
            "options: where, answer 2: code used twice.",
        ),
        (
            lambda d: d["options"]["where"][0].update(red_flag="yes"),
            "options: where, answer 1: red_flag is true or false.",
        ),
        (lambda d: d.update(rules={}), "rules: must be a list, [...]."),
        (
            lambda d: d["rules"][1].update(min_matches="2"),
            "rules: rule 2: min_matches is a number.",
        ),
        (
            lambda d: d["rules"][0].update(answers=[]),
            "rules: rule 1: answers must be {...}.",
        ),
        (
            lambda d: d["rules"][0]["answers"].update(where="heel"),
            "rules: rule 1: where: a list of codes.",
        ),
    ],
)
def test_each_malformed_part_of_the_checker_rules_is_named(tmp_path, change, message):
    make_reviewer(slug="miriam-castellane")
    path = tmp_path / "checker.json"
    path.write_text(json.dumps(_break(json.loads(RULES_FILE.read_text()), change)))
    with pytest.raises(CommandError) as raised:
        load_checker_rules(path)
    assert message in str(raised.value)
    assert not RuleSet.objects.exists()
