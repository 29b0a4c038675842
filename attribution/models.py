"""Counters of what campaigns bring before anyone writes: visits and calls.
Nothing in them is about a person."""

from django.db import models


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
