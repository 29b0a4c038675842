"""Multi-step writes for the condition checker's rule sets."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from articles.models import validate_review_date
from checker.models import CheckerOption, CheckerRule, RuleSet


@transaction.atomic
def rule_set_make_live(*, rule_set: RuleSet) -> RuleSet:
    """Retire the live rule set and make this reviewed draft the live one."""
    rule_set = RuleSet.objects.select_for_update().get(pk=rule_set.pk)
    if rule_set.status != RuleSet.Status.DRAFT:
        raise ValidationError("Only a draft can go live.", code="not_draft")
    if not rule_set.reviewer_id or not rule_set.reviewed_on:
        raise ValidationError(
            "A rule set needs a medical reviewer and a review date before it can go "
            "live.",
            code="review_required",
        )
    validate_review_date(rule_set.reviewed_on)
    questions = set(rule_set.options.values_list("question", flat=True))
    missing = [str(q.label) for q in CheckerOption.Question if q not in questions]
    if missing:
        raise ValidationError(
            "Every question needs answer options; missing: %(missing)s",
            code="incomplete",
            params={"missing": "; ".join(missing)},
        )
    if not rule_set.options.filter(is_red_flag=True).exists():
        raise ValidationError(
            "At least one answer must be a red flag (urgent care).",
            code="no_red_flags",
        )
    if not rule_set.rules.exists():
        raise ValidationError(
            "Add at least one rule that points answers to a topic.", code="no_rules"
        )
    RuleSet.objects.filter(status=RuleSet.Status.LIVE).update(
        status=RuleSet.Status.RETIRED
    )
    rule_set.status = RuleSet.Status.LIVE
    rule_set.went_live_at = timezone.now()
    rule_set.save(update_fields=["status", "went_live_at"])
    return rule_set


@transaction.atomic
def rule_set_copy(*, rule_set: RuleSet) -> RuleSet:
    """A new draft with the same options and rules, ready to edit."""
    copy = RuleSet.objects.create(
        name=f"Copy of v{rule_set.version}: {rule_set.name}"[:120],
        red_flag_message=rule_set.red_flag_message,
    )
    new_options: dict[int, CheckerOption] = {}
    for option in rule_set.options.all():
        old_pk = option.pk
        option.pk = None
        option.rule_set = copy
        option.save()
        new_options[old_pk] = option
    for rule in rule_set.rules.prefetch_related("options"):
        new_rule = CheckerRule.objects.create(
            rule_set=copy, topic=rule.topic, min_matches=rule.min_matches
        )
        new_rule.options.set([new_options[o.pk] for o in rule.options.all()])
    return copy
