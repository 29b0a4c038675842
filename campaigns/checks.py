"""System checks for this app's settings: the conversion names sent to the ad
platforms name no condition (checked without the database; the export checks
topics and checker answers too)."""

from django.conf import settings
from django.core import checks


@checks.register()
def conversion_names_check(app_configs, **kwargs):
    """campaigns.E001 for each refused name in CAMPAIGNS_CONVERSION_NAMES."""
    from campaigns.conversion_names import configured_names_problems

    names = getattr(settings, "CAMPAIGNS_CONVERSION_NAMES", None)
    return [
        checks.Error(
            f"The conversion name “{name}” ({key or 'CAMPAIGNS_CONVERSION_NAMES'}) "
            f"is refused: {reason}.",
            hint="Set CONVERSION_NAME_BOOKED and CONVERSION_NAME_PATIENT (or "
            "CAMPAIGNS_CONVERSION_NAMES) to names that say what happened, such "
            "as “Booked appointment”, never a condition, a part of the body or "
            "a topic.",
            obj="CAMPAIGNS_CONVERSION_NAMES",
            id="campaigns.E001",
        )
        for key, name, reason in configured_names_problems(names, database=False)
    ]
