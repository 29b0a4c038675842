from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def second_factor_is_required(app_configs, **kwargs):
    """A production site asks everyone who may see leads for a second factor."""
    if settings.STAFF_MFA_REQUIRED:
        return []
    return [
        Warning(
            "STAFF_MFA_REQUIRED is off: staff can see leads with a password alone.",
            hint="Unset STAFF_MFA_REQUIRED (it is on when DEBUG is off).",
            id="staffauth.W001",
        )
    ]
