import json
from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.management.commands.load_demo_content import (
    display_path,
    fail,
    read_text,
)
from articles.models import Reviewer, Topic
from checker.models import CheckerOption, CheckerRule, RuleSet
from checker.services import rule_set_make_live

RULES_FILE = Path(__file__).resolve().parents[2] / "demo" / "rules.json"


class Command(BaseCommand):
    help = (
        "Load the fictional demo condition checker rules (checker/demo/rules.json) "
        "and make them live, only when there are no rule sets yet and the demo "
        "reviewer exists (load_demo_content loads it)."
    )

    def handle(self, *args, **options):
        if RuleSet.objects.exists():
            self.stdout.write("Demo checker rules: rule sets exist, nothing loaded.")
            return
        with transaction.atomic():
            version = load_checker_rules(RULES_FILE)
        if version is None:
            self.stdout.write("Demo checker rules: no demo reviewer, nothing loaded.")
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Demo condition checker rules loaded (v{version}).")
            )


def load_checker_rules(path):
    """
    Make the rule set in a checker file (JSON, like checker/demo/rules.json)
    the live one and return its version, or None, writing nothing, when its reviewer
    is not in the database. Rules for topics not in the database are left out.
    """
    check = _FileCheck(path)
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as error:
        fail(path, error.lineno, f"not valid JSON: {error.msg} (column {error.colno}).")
    check.keys(
        data, "the file", {"name", "reviewer", "reviewed_days_ago", "options", "rules"}
    )
    check(isinstance(data["reviewed_days_ago"], int), "reviewed_days_ago", "a number.")
    options = _read_options(check, data["options"])
    _check_rules(check, data["rules"], options)

    reviewer = Reviewer.objects.filter(slug=data["reviewer"]).first()
    if reviewer is None:
        return None
    rule_set = _rule_set_create(data, reviewer=reviewer, options=options)
    return rule_set_make_live(rule_set=rule_set).version


class _FileCheck:
    """Stops the load naming the file, where in it, and what is wrong."""

    def __init__(self, path):
        self.path = path

    def __call__(self, condition, where, message):
        if not condition:
            raise CommandError(f"{display_path(self.path)}: {where}: {message}")

    def keys(self, value, where, required, optional=frozenset()):
        self(isinstance(value, dict), where, "must be an object, {...}.")
        missing, unknown = required - value.keys(), value.keys() - required - optional
        self(not missing, where, f"needs {', '.join(sorted(missing))}.")
        self(not unknown, where, f"unknown key(s): {', '.join(sorted(unknown))}.")


def _read_options(check, data):
    """The answer options the file gives (`data`, its "options"), checked:
    {(question, code): (position, label, red flag)}."""
    check(isinstance(data, dict), "options", "must be an object, {...}.")
    options = {}
    for question, choices in data.items():
        check(
            question in CheckerOption.Question.values,
            f"options: {question!r}",
            f"the questions are {', '.join(CheckerOption.Question.values)}.",
        )
        check(
            isinstance(choices, list), f"options: {question}", "must be a list, [...]."
        )
        for position, choice in enumerate(choices):
            where = f"options: {question}, answer {position + 1}"
            check.keys(choice, where, {"code", "label"}, {"red_flag"})
            check((question, choice["code"]) not in options, where, "code used twice.")
            red_flag = choice.get("red_flag", False)
            check(isinstance(red_flag, bool), where, "red_flag is true or false.")
            options[(question, choice["code"])] = (position, choice["label"], red_flag)
    return options


def _check_rules(check, rules, options):
    """Check the file's rules (`rules`): each names answers among `options`."""
    check(isinstance(rules, list), "rules", "must be a list, [...].")
    for number, rule in enumerate(rules, start=1):
        where = f"rules: rule {number}"
        check.keys(rule, where, {"topic", "answers", "min_matches"})
        check(isinstance(rule["min_matches"], int), where, "min_matches is a number.")
        check(isinstance(rule["answers"], dict), where, "answers must be {...}.")
        for question, codes in rule["answers"].items():
            check(isinstance(codes, list), where, f"{question}: a list of codes.")
            for code in codes:
                check(
                    (question, code) in options,
                    f"{where} ({rule['topic']})",
                    f"{question}: {code!r} is not one of the options.",
                )


def _rule_set_create(data, *, reviewer, options):
    """A draft rule set with the checked file's options and its rules for the
    topics in the database."""
    rule_set = RuleSet.objects.create(
        name=data["name"],
        reviewer=reviewer,
        reviewed_on=timezone.localdate() - timedelta(days=data["reviewed_days_ago"]),
    )
    made = {
        key: CheckerOption.objects.create(
            rule_set=rule_set,
            question=key[0],
            code=key[1],
            label=label,
            position=position,
            is_red_flag=red_flag,
        )
        for key, (position, label, red_flag) in options.items()
    }
    for rule in data["rules"]:
        topic = Topic.objects.filter(slug=rule["topic"]).first()
        if topic is None:
            continue
        checker_rule = CheckerRule.objects.create(
            rule_set=rule_set, topic=topic, min_matches=rule["min_matches"]
        )
        checker_rule.options.set(
            made[(question, code)]
            for question, codes in rule["answers"].items()
            for code in codes
        )
    return rule_set
