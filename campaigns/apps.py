from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest
from django.utils import timezone

from clinic import hooks


class CampaignsConfig(hooks.SiteAppConfig):
    """What the ads bring: spend per campaign, the campaign report, and
    conversions sent back to the ad platforms (no health data)."""

    name = "campaigns"
    verbose_name = "Campaigns"

    def ready(self):
        from campaigns import checks  # noqa: F401 (registers the system checks)

    def dashboard_figures(self, request: HttpRequest) -> dict[str, Any]:
        """Marketing's line on the admin index: the last 30 days' ad spend,
        with the way to the campaign report (figures only, no lead)."""
        if not request.user.has_perm("campaigns.view_adspend"):
            return {}
        from campaigns.models import AdSpend

        since = timezone.localdate() - timedelta(days=29)
        spend = AdSpend.objects.filter(
            day__gte=since, currency=settings.CAMPAIGNS_CURRENCY
        ).aggregate(total=Sum("cost"))
        return {
            "campaigns": {
                "spend": spend["total"] or 0,
                "currency": settings.CAMPAIGNS_CURRENCY,
            }
        }
