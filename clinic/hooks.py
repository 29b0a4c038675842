"""
What an app offers the site, declared in one place.

An app's config subclasses SiteAppConfig and overrides the hooks it offers; the
admin index (clinic.admin_site), the clinic's details (clinic.info) and the
worker call them on every installed config that is a SiteAppConfig. Each
default offers nothing, so an app overrides only what it has.

An apps.py imports this module, not the class (`from clinic import hooks`, then
`class ArticlesConfig(hooks.SiteAppConfig)`): Django takes an app's config to be
the one AppConfig subclass its apps.py holds, and an imported base would be a
second one (Django would then quietly use a plain AppConfig).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.apps import AppConfig, apps

if TYPE_CHECKING:
    from django.http import HttpRequest

    from clinic.info import ClinicInfo


class SiteAppConfig(AppConfig):
    """An app config with the hooks an app may offer the site."""

    def dashboard_figures(self, request: HttpRequest) -> dict[str, Any]:
        """
        Figures for the admin index (clinic.admin_site.dashboard), keyed by a
        name the index template reads. Return only what `request.user` may see
        (check their permissions here); {} for someone who may see none.
        """
        return {}

    def clinic_details(self, info: ClinicInfo) -> ClinicInfo:
        """
        The clinic's public details (clinic.info.clinic_info) with this app's
        data in place of the settings': return `info` itself to keep them, or a
        `dataclasses.replace()` of it. Called for every page; keep it cheap.
        """
        return info


def site_configs() -> list[SiteAppConfig]:
    """The installed app configs that offer the site something, in
    INSTALLED_APPS order."""
    return [
        config for config in apps.get_app_configs() if isinstance(config, SiteAppConfig)
    ]
