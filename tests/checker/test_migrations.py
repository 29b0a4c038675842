"""Moving the checker into its own app keeps every rule set, version and count."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("articles", "0006_review_dates_not_in_future"), ("checker", None)]


@pytest.mark.django_db(transaction=True)
def test_every_rule_set_version_option_rule_and_daily_count_is_kept():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state([BEFORE[0]]).apps
    try:
        reviewer = old.get_model("articles", "Reviewer").objects.create(
            name="Dr. Test", slug="dr-test"
        )
        topic = old.get_model("articles", "Topic").objects.create(
            name="Sciatica", slug="sciatica"
        )
        RuleSet = old.get_model("articles", "RuleSet")
        retired = RuleSet.objects.create(version=1, name="First", status="retired")
        live = RuleSet.objects.create(
            version=2, name="Second", status="live", reviewer=reviewer
        )
        option = old.get_model("articles", "CheckerOption").objects.create(
            rule_set=live, question="where", code="leg", label="Leg"
        )
        rule = old.get_model("articles", "CheckerRule").objects.create(
            rule_set=live, topic=topic, min_matches=1
        )
        rule.options.add(option)
        old.get_model("articles", "CheckerDay").objects.create(
            day=date(2026, 11, 1), results_shown=7, red_flag_stops=2
        )

        executor = MigrationExecutor(connection)
        executor.migrate(leaves)
    finally:
        MigrationExecutor(connection).migrate(leaves)

    from checker.models import CheckerDay, CheckerRule, RuleSet

    kept = {r.version: (r.pk, r.name, r.status) for r in RuleSet.objects.all()}
    assert kept == {
        1: (retired.pk, "First", "retired"),
        2: (live.pk, "Second", "live"),
    }
    assert RuleSet.objects.live().get().reviewer.name == "Dr. Test"
    moved_rule = CheckerRule.objects.get()
    assert [o.code for o in moved_rule.options.all()] == ["leg"]
    assert moved_rule.topic.slug == "sciatica"
    day = CheckerDay.objects.get()
    assert (day.results_shown, day.red_flag_stops) == (7, 2)
    # New rows get new ids after the copied ones.
    assert RuleSet.objects.create(name="Third").pk > live.pk
