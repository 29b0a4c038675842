"""The condition checker's rule sets: reviewed, versioned data editors maintain."""

from django.db import models
from django.db.models import Q

from articles.models import Reviewer, Topic, validate_review_date


class RuleSetQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status=RuleSet.Status.LIVE)


class RuleSet(models.Model):
    """
    One version of the condition checker: its answer options and the rules that
    map answers to topics and red flags. Medically reviewed like a post. Only one
    is live; live and retired versions are never edited (copy one to change it).
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        LIVE = "live", "Live"
        RETIRED = "retired", "Retired"

    version = models.PositiveIntegerField(unique=True, editable=False)
    name = models.CharField(
        max_length=120, help_text="What changed in this version, for your team."
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    reviewer = models.ForeignKey(
        Reviewer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rule_sets",
        help_text="The clinician who reviewed these options and rules. Required to "
        "go live.",
    )
    reviewed_on = models.DateField(
        null=True,
        blank=True,
        validators=[validate_review_date],
        help_text="Date of the medical review.",
    )
    red_flag_message = models.TextField(
        default="Some of your answers can be a sign of a problem that needs urgent "
        "care. Please call the emergency number or go to the nearest emergency "
        "department now.",
        help_text="Shown, before anything else, when any red-flag answer is given.",
    )
    went_live_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RuleSetQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = "checker rule set"
        constraints = [
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status="live"),
                name="checker_one_live_rule_set",
            )
        ]

    def __str__(self):
        return f"v{self.version}: {self.name} ({self.get_status_display()})"

    def save(self, *args, **kwargs):
        if self.version is None:
            latest = RuleSet.objects.aggregate(models.Max("version"))["version__max"]
            self.version = (latest or 0) + 1
        super().save(*args, **kwargs)

    @property
    def is_editable(self):
        return self.status == self.Status.DRAFT


class CheckerOption(models.Model):
    """An answer a patient can tap for one of the checker's questions."""

    class Question(models.TextChoices):
        WARNING_SIGNS = "warning", "Do any of these apply to you right now?"
        WHERE = "where", "Where does it hurt?"
        HOW_LONG = "how_long", "How long have you had it?"
        WORSE = "worse", "What makes it worse?"
        TRAVELS = "travels", "Does the pain travel down a leg?"
        NUMBNESS = "numbness", "Do you have numbness or tingling?"

    rule_set = models.ForeignKey(
        RuleSet, on_delete=models.CASCADE, related_name="options"
    )
    question = models.CharField(
        max_length=10,
        choices=Question.choices,
        help_text="The question (screen) this answer belongs to.",
    )
    code = models.SlugField(
        max_length=40, help_text="A short stable name, e.g. heel or mornings."
    )
    label = models.CharField(max_length=120, help_text="What the patient taps.")
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on screen.")
    is_red_flag = models.BooleanField(
        default=False,
        help_text="Tapping this stops the checker and shows the urgent-care message.",
    )

    class Meta:
        ordering = ["question", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule_set", "question", "code"],
                name="checker_one_code_per_question",
            )
        ]

    def __str__(self):
        return f"{self.get_question_display()} {self.label}"


class CheckerRule(models.Model):
    """Answers that point to a topic; it matches when enough of them are chosen."""

    rule_set = models.ForeignKey(
        RuleSet, on_delete=models.CASCADE, related_name="rules"
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        related_name="checker_rules",
        help_text="The condition these answers point to; its articles are suggested.",
    )
    options = models.ManyToManyField(
        CheckerOption,
        related_name="rules",
        help_text="Answers that point to this topic.",
    )
    min_matches = models.PositiveSmallIntegerField(
        default=1,
        help_text="How many of these answers must be chosen for the topic to show.",
    )

    class Meta:
        ordering = ["topic__name", "id"]

    def __str__(self):
        return f"→ {self.topic}"


class CheckerDay(models.Model):
    """What the checker did on a day: counts only, never answers."""

    day = models.DateField(unique=True)
    results_shown = models.PositiveIntegerField(default=0)
    red_flag_stops = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-day"]

    def __str__(self):
        return str(self.day)
