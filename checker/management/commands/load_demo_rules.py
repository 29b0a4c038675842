import json
from datetime import timedelta
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Reviewer, Topic
from checker.models import CheckerOption, CheckerRule, RuleSet
from checker.services import rule_set_make_live

RULES_FILE = Path(__file__).resolve().parents[2] / "demo" / "rules.json"


class Command(BaseCommand):
    help = (
        "Load the fictional demo condition checker rules (checker/demo/rules.json) "
        "and make them live, only when there are no rule sets yet and the demo "
        "reviewer exists (run load_demo_content first)."
    )

    def handle(self, *args, **options):
        data = read_rules(RULES_FILE)
        if RuleSet.objects.exists():
            self.stdout.write("Demo checker rules: rule sets exist, nothing loaded.")
            return
        if not Reviewer.objects.filter(slug=data["reviewer"]).exists():
            self.stdout.write("Demo checker rules: no demo reviewer, nothing loaded.")
            return
        with transaction.atomic():
            version = load_rules(data)
        self.stdout.write(
            self.style.SUCCESS(f"Demo condition checker rules loaded (v{version}).")
        )


def read_rules(path):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise CommandError(f"{path}: {error}") from error


def load_rules(data):
    """The rule set described by `data` (see checker/demo/rules.json), made live.
    Returns its version."""
    rule_set = RuleSet.objects.create(
        name=data["name"],
        reviewer=Reviewer.objects.get(slug=data["reviewer"]),
        reviewed_on=timezone.localdate() - timedelta(days=data["reviewed_days_ago"]),
    )
    options = {}
    for question, choices in data["options"].items():
        for position, choice in enumerate(choices):
            options[f"{question}:{choice['code']}"] = CheckerOption.objects.create(
                rule_set=rule_set,
                question=question,
                code=choice["code"],
                label=choice["label"],
                position=position,
                is_red_flag=choice["red_flag"],
            )
    for rule_data in data["rules"]:
        topic = Topic.objects.filter(slug=rule_data["topic"]).first()
        if topic is None:
            continue
        rule = CheckerRule.objects.create(
            rule_set=rule_set, topic=topic, min_matches=rule_data["min_matches"]
        )
        rule.options.set([options[answer] for answer in rule_data["answers"]])
    return rule_set_make_live(rule_set=rule_set).version
