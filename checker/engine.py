"""
The condition checker: a few questions, answered one per screen, that point a
patient to topics and articles, stopping first for signs that need urgent care.

The answers travel with each request as a signed value and are never stored
unless the patient chooses to attach a summary to a contact request.
"""

from dataclasses import dataclass, field

from django.core import signing
from django.db.models import F
from django.utils import timezone

from articles.models import Post
from checker.models import CheckerDay, CheckerOption, RuleSet

Q = CheckerOption.Question
STEPS = list(Q)  # one screen per question, in the order they are declared
MULTIPLE = {Q.WARNING_SIGNS, Q.WORSE}
STEP_HINTS = {
    Q.WARNING_SIGNS: "Tick any that apply, or “None of these”.",
    Q.WORSE: "Tick all that apply.",
}
STATE_SALT = "articles.checker"  # kept: checkers already open stay valid
MIN_ARTICLES, MAX_ARTICLES = 3, 5


class InvalidState(Exception):
    """The signed answers were changed, or belong to another checker version."""


@dataclass
class State:
    version: int
    answers: dict = field(default_factory=dict)  # question -> [option codes]
    preview: int | None = None  # rule set pk when a staff member previews

    def dumps(self):
        return signing.dumps(
            {"v": self.version, "a": self.answers, "p": self.preview},
            salt=STATE_SALT,
            compress=True,
        )

    @classmethod
    def loads(cls, text):
        try:
            data = signing.loads(text or "", salt=STATE_SALT)
            state = cls(
                version=int(data["v"]),
                answers={
                    str(k): [str(c) for c in v] for k, v in dict(data["a"]).items()
                },
                preview=int(data["p"]) if data.get("p") is not None else None,
            )
        except (signing.BadSignature, KeyError, TypeError, ValueError) as exc:
            raise InvalidState from exc
        if any(question not in STEPS for question in state.answers):
            raise InvalidState
        return state


@dataclass
class Outcome:
    red_flag: bool
    topics: list
    posts: list


def options_by_question(rule_set):
    grouped = {question: [] for question in STEPS}
    for option in rule_set.options.all():
        grouped[option.question].append(option)
    return grouped


def chosen_options(rule_set, answers):
    """The CheckerOption rows the answers name (unknown codes are dropped)."""
    wanted = {(q, code) for q, codes in answers.items() for code in codes}
    return [o for o in rule_set.options.all() if (o.question, o.code) in wanted]


def has_red_flag(rule_set, answers):
    return any(option.is_red_flag for option in chosen_options(rule_set, answers))


def evaluate(rule_set, answers):
    """Red flag, or the matching topics (best first) and 3–5 published articles."""
    chosen = chosen_options(rule_set, answers)
    if any(option.is_red_flag for option in chosen):
        return Outcome(red_flag=True, topics=[], posts=[])
    chosen_ids = {option.pk for option in chosen}
    scored = {}
    for rule in rule_set.rules.select_related("topic").prefetch_related("options"):
        matched = len(chosen_ids & {option.pk for option in rule.options.all()})
        if matched >= max(rule.min_matches, 1):
            topic = rule.topic
            scored[topic] = max(scored.get(topic, 0), matched)
    topics = sorted(scored, key=lambda t: (-scored[t], t.name))
    # Articles of the best-matching topic first, newest first within a topic:
    # one query for all topics.
    rank = {topic.pk: index for index, topic in enumerate(topics)}
    best = {}
    for post in Post.objects.published().about(topics).for_cards():
        if post.pk not in best or rank[post.topic_id] < rank[best[post.pk].topic_id]:
            best[post.pk] = post
    posts = sorted(
        best.values(), key=lambda p: (rank[p.topic_id], -p.published_at.timestamp())
    )[:MAX_ARTICLES]
    if len(posts) < MIN_ARTICLES:
        # Too little on the matching topics: add our newest articles to read.
        posts.extend(
            Post.objects.published()
            .exclude(pk__in=[p.pk for p in posts])
            .for_cards()[: MIN_ARTICLES - len(posts)]
        )
    return Outcome(red_flag=False, topics=topics, posts=posts)


def summary(rule_set, answers):
    """Plain text of the answers, for the front desk when the patient attaches it."""
    labels = {(o.question, o.code): o.label for o in rule_set.options.all()}
    lines = []
    for question in STEPS:
        codes = answers.get(question, [])
        if codes:
            chosen = [labels.get((question, c), c) for c in codes]
            lines.append(f"{Q(question).label} {', '.join(chosen)}")
    return "\n".join(lines)


def record(*, red_flag):
    """Count a result or a red-flag stop for today (no answers are stored)."""
    column = "red_flag_stops" if red_flag else "results_shown"
    day = timezone.localdate()
    if not CheckerDay.objects.filter(day=day).update(**{column: F(column) + 1}):
        CheckerDay.objects.get_or_create(day=day)
        CheckerDay.objects.filter(day=day).update(**{column: F(column) + 1})


def live_rule_set():
    return RuleSet.objects.live().prefetch_related("options").first()
