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

    def check(condition, where, message):
        if not condition:
            raise CommandError(f"{display_path(path)}: {where}: {message}")

    def check_keys(value, where, required, optional=frozenset()):
        check(isinstance(value, dict), where, "must be an object, {...}.")
        missing, unknown = required - value.keys(), value.keys() - required - optional
        check(not missing, where, f"needs {', '.join(sorted(missing))}.")
        check(not unknown, where, f"unknown key(s): {', '.join(sorted(unknown))}.")

    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as error:
        fail(path, error.lineno, f"not valid JSON: {error.msg} (column {error.colno}).")
    check_keys(
        data, "the file", {"name", "reviewer", "reviewed_days_ago", "options", "rules"}
    )
    check(isinstance(data["reviewed_days_ago"], int), "reviewed_days_ago", "a number.")
    check(isinstance(data["options"], dict), "options", "must be an object, {...}.")
    options = {}  # (question, code): (position, label, red flag)
    for question, choices in data["options"].items():
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
            check_keys(choice, where, {"code", "label"}, {"red_flag"})
            check((question, choice["code"]) not in options, where, "code used twice.")
            red_flag = choice.get("red_flag", False)
            check(isinstance(red_flag, bool), where, "red_flag is true or false.")
            options[(question, choice["code"])] = (position, choice["label"], red_flag)
    check(isinstance(data["rules"], list), "rules", "must be a list, [...].")
    for number, rule in enumerate(data["rules"], start=1):
        where = f"rules: rule {number}"
        check_keys(rule, where, {"topic", "answers", "min_matches"})
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

    reviewer = Reviewer.objects.filter(slug=data["reviewer"]).first()
    if reviewer is None:
        return None
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
    return rule_set_make_live(rule_set=rule_set).version
