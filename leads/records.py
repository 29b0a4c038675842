"""Records the system keeps beside the leads: the audit log and call counts."""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone


class AuditEntry(models.Model):
    """Append-only record of who viewed, changed, exported or deleted leads."""

    class Action(models.TextChoices):
        VIEW = "view", "Viewed"
        CHANGE = "change", "Changed"
        EXPORT = "export", "Exported"
        DELETE = "delete", "Deleted (retention)"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=10, choices=Action.choices)
    lead_ids = models.JSONField(default=list)
    lead_count = models.PositiveIntegerField(default=0)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name_plural = "audit entries"

    def __str__(self):
        return f"{self.username or 'system'} {self.action} {self.lead_count} lead(s)"


class CallClick(models.Model):
    """Taps on click-to-call links, counted per page, day and first-touch campaign."""

    day = models.DateField()
    page = models.CharField(max_length=500)
    article = models.ForeignKey(
        "articles.Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="call_clicks",
    )
    utm_source = models.CharField(max_length=200, blank=True)
    utm_campaign = models.CharField(max_length=200, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "page", "utm_source", "utm_campaign"],
                name="one_call_counter_per_day_page_campaign",
            )
        ]

    def __str__(self):
        return f"{self.count} calls from {self.page} on {self.day}"


class CampaignVisit(models.Model):
    """Visits that started from a campaign, counted per day and first-touch
    campaign when the attribution cookie is first set. Nothing is stored about
    the visitor."""

    day = models.DateField()
    utm_source = models.CharField(max_length=200)
    utm_campaign = models.CharField(max_length=200, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "utm_source", "utm_campaign"],
                name="one_visit_counter_per_day_campaign",
            )
        ]

    def __str__(self):
        return f"{self.count} visits from {self.utm_source} on {self.day}"


def count_up(model, *, defaults=None, first_count=None, **key):
    """Add one to the `count` of the counter row `key` names, creating it (with
    `defaults`) on its first count. `first_count(key)`, when given, may name
    another row for a first count (a counter past its table's limit counts
    with others). Two app servers counting the first one at once both count:
    the loser of the insert adds to the winner's row."""
    if model.objects.filter(**key).update(count=F("count") + 1):
        return
    if first_count is not None and (other := first_count(key)) != key:
        count_up(model, defaults=defaults, **other)
        return
    try:
        with transaction.atomic():
            model.objects.create(**key, **(defaults or {}), count=1)
    except IntegrityError:
        model.objects.filter(**key).update(count=F("count") + 1)
