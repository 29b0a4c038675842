from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Platform(models.TextChoices):
    GOOGLE = "google", "Google Ads"
    MICROSOFT = "microsoft", "Microsoft Advertising"


class AdSpend(models.Model):
    """What one campaign cost on one day, from an ad platform's export (or
    typed in). Imported again, a day's figure replaces the one before."""

    day = models.DateField()
    source = models.CharField(
        max_length=200,
        help_text="The campaign source as it arrives in utm_source (say, google).",
    )
    campaign = models.CharField(max_length=200)
    location = models.ForeignKey(
        "locations.Location",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="ad_spend",
        help_text="The office this spend is for; empty for all offices (not split).",
    )
    cost = models.DecimalField(
        max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(max_length=3)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name_plural = "ad spend"
        ordering = ["-day", "source", "campaign"]
        constraints = [
            models.UniqueConstraint(
                fields=["day", "source", "campaign", "location"],
                condition=Q(location__isnull=False),
                name="one_spend_per_day_campaign_office",
            ),
            models.UniqueConstraint(
                fields=["day", "source", "campaign"],
                condition=Q(location__isnull=True),
                name="one_spend_per_day_campaign_all_offices",
            ),
        ]

    def __str__(self):
        cost = f"{self.cost} {self.currency}"
        return f"{self.source} / {self.campaign} on {self.day}: {cost}"


class ConversionExport(models.Model):
    """One download of offline conversions for an ad platform (whoever may
    add these may download them)."""

    platform = models.CharField(max_length=10, choices=Platform.choices)
    since = models.DateField()
    again = models.BooleanField(
        default=False, help_text="Conversions exported before were listed again."
    )
    row_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    username = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.get_platform_display()} conversions since {self.since}"


class ExportedConversion(models.Model):
    """A conversion that went out in an export: each is exported once per
    platform, unless asked again."""

    export = models.ForeignKey(
        ConversionExport, on_delete=models.CASCADE, related_name="conversions"
    )
    # Deleting a lead (retention) deletes the record that it was exported.
    lead = models.ForeignKey(
        "leads.Lead", on_delete=models.CASCADE, related_name="exported_conversions"
    )
    outcome = models.CharField(max_length=10)
    platform = models.CharField(max_length=10, choices=Platform.choices)
    converted_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["lead", "outcome", "platform"],
                name="conversion_exported_once_per_platform",
            )
        ]

    def __str__(self):
        return f"{self.outcome} for {self.platform}"
