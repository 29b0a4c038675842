from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    """What the ads bring: spend per campaign, the campaign report, and
    conversions sent back to the ad platforms (no health data)."""

    name = "campaigns"
    verbose_name = "Campaigns"

    def ready(self):
        from campaigns import checks  # noqa: F401 (registers the system checks)
