from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def site_url_is_set(app_configs, **kwargs):
    """E-mails from the worker link to the admin; they need the site's address."""
    if settings.SITE_URL:
        return []
    return [
        Warning(
            "SITE_URL is not set, so links in notification e-mails are relative.",
            hint="Set SITE_URL to the public address, e.g. https://www.example.com.",
            id="clinic.W001",
        )
    ]
