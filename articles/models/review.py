"""The medical sign-off: approvals of exact versions, and the editorial log."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone


def validate_review_date(value):
    """A medical review date is a day that has come (rule sets)."""
    if value and value > timezone.localdate():
        raise ValidationError(
            "The review date cannot be in the future.", code="review_in_future"
        )


class Approval(models.Model):
    """
    A clinician approved one version of a post. The public byline and the
    JSON-LD review fields come from here alone.
    """

    post = models.ForeignKey(
        "articles.Post", on_delete=models.CASCADE, related_name="approvals"
    )
    version = models.ForeignKey(
        "articles.HistoricalPost",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The exact version approved.",
    )
    reviewer = models.ForeignKey(
        "articles.Reviewer",
        on_delete=models.PROTECT,
        related_name="approvals",
        help_text="The public profile the byline links to.",
    )
    reviewer_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The login that approved. Empty for reviews carried over from "
        "before sign-off existed.",
    )
    # The byline as it was when approved: later edits of the profile change
    # nothing already signed.
    reviewer_name = models.CharField(max_length=120)
    credentials = models.CharField(max_length=120)
    approved_at = models.DateTimeField(default=timezone.now, db_index=True)
    carried_over = models.BooleanField(
        default=False,
        help_text="A reviewer and date typed in before sign-off existed, kept so "
        "live posts kept their byline.",
    )

    class Meta:
        ordering = ["-approved_at", "-id"]

    def __str__(self):
        return f"{self.byline} on {timezone.localdate(self.approved_at):%B %-d, %Y}"

    @property
    def is_due(self):
        """Over 12 months old: the post needs reviewing again."""
        from articles.models.posts import REVIEW_STALE_AFTER

        return self.approved_at < timezone.now() - REVIEW_STALE_AFTER

    @property
    def byline(self):
        return f"{self.reviewer_name}, {self.credentials}"


class PostEvent(models.Model):
    """One editorial action on a post: who did what, when, to which version."""

    class Action(models.TextChoices):
        SAVED = "saved", "Saved"
        SENT_FOR_REVIEW = "sent", "Sent for review"
        APPROVED = "approved", "Approved"
        SENT_BACK = "sent_back", "Sent back"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"
        RESTORED = "restored", "Restored an old version"
        CARRIED_OVER = "carried", "Review carried over"

    post = models.ForeignKey(
        "articles.Post", on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    by_name = models.CharField(max_length=150, blank=True)
    at = models.DateTimeField(default=timezone.now)
    version = models.ForeignKey(
        "articles.HistoricalPost",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    comment = models.TextField(blank=True, max_length=2000)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["post", "-at"])]

    def __str__(self):
        return f"{self.get_action_display()} by {self.by_name or 'the system'}"


class ReviewReminder(models.Model):
    """The weekly “reviews due” e-mail a reviewer was sent (at most one a week)."""

    reviewer = models.ForeignKey(
        "articles.Reviewer", on_delete=models.CASCADE, related_name="+"
    )
    week = models.DateField(help_text="The Monday of the week it was sent.")
    post_count = models.PositiveIntegerField()
    queued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["reviewer", "week"], name="one_reminder_a_week"
            )
        ]

    def __str__(self):
        return f"{self.reviewer} · week of {self.week}"
