"""Records the system keeps beside the leads: the audit log and call counts."""

from django.conf import settings
from django.db import models
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
