from collections.abc import Sequence
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.checks import CheckMessage, Error, Warning, register

from clinic import roles


@register(deploy=True)
def second_factor_is_required(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
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


@register()
def second_factor_names_exist(
    app_configs: Sequence[AppConfig] | None, **kwargs: Any
) -> list[CheckMessage]:
    """
    Every app and permission clinic/roles.py says needs a second factor exists:
    one renamed or moved would otherwise lose its second factor without a word.
    """
    labels = {config.label for config in apps.get_app_configs()}
    errors: list[CheckMessage] = [
        Error(
            f"SECOND_FACTOR_APPS names {label!r}, which is no installed app.",
            hint="Correct it in clinic/roles.py.",
            id="staffauth.E001",
        )
        for label in roles.SECOND_FACTOR_APPS
        if label not in labels
    ]
    permissions = _model_permissions()
    errors += [
        Error(
            f"SECOND_FACTOR_PERMISSIONS names {name!r}, which no model has.",
            hint="Correct it in clinic/roles.py.",
            id="staffauth.E002",
        )
        for name in roles.SECOND_FACTOR_PERMISSIONS
        if name not in permissions
    ]
    return errors


def _model_permissions() -> set[str]:
    """Every model's permissions as "app_label.codename"."""
    names: set[str] = set()
    for model in apps.get_models():
        opts = model._meta
        codenames = [get_permission_codename(a, opts) for a in opts.default_permissions]
        codenames += [codename for codename, _ in opts.permissions]
        names.update(f"{opts.app_label}.{codename}" for codename in codenames)
    return names
