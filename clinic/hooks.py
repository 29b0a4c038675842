"""
What an app offers the site, declared in one place.

An app's config subclasses SiteAppConfig and overrides the hooks it offers;
the admin index (clinic.admin_site), the clinic's details (clinic.info) and
the worker (`manage.py run_worker`) call them on every installed config that
is a SiteAppConfig. Each default offers nothing, so an app overrides only what
it has.

Such an app is listed in INSTALLED_APPS by its config ("articles.apps.
ArticlesConfig"): Django would otherwise take the one AppConfig subclass its
apps.py holds, and quietly use a plain AppConfig if that module also imported
SiteAppConfig by name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django.apps import AppConfig, apps

if TYPE_CHECKING:
    from django.http import HttpRequest

    from clinic.info import ClinicInfo


@dataclass(frozen=True)
class Job:
    """
    Periodic work an app gives the worker: `run()` is called at most once per
    `cadence`, however many workers run (outbox.jobs records each job's runs
    under its `name`, "<app label>.<what it does>", unique across apps).

    A job may run late, and not at all in a cadence whose worker was killed
    mid-run, so it does whatever is due by now, not what was due at one moment.
    An exception it raises is logged by class and place only (what a patient
    sent never reaches the log) and waits for the next cadence. What it queues
    with outbox_enqueue goes out in the same worker round.
    """

    name: str
    cadence: timedelta
    run: Callable[[], object]


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

    def periodic_jobs(self) -> list[Job]:
        """
        The app's periodic jobs, each with its cadence, for the worker (asked
        again each round, so keep it cheap: import what `run` needs inside).
        """
        return []


def site_configs() -> list[SiteAppConfig]:
    """The installed app configs that offer the site something, in
    INSTALLED_APPS order."""
    return [
        config for config in apps.get_app_configs() if isinstance(config, SiteAppConfig)
    ]


def site_jobs() -> list[Job]:
    """Every app's periodic jobs."""
    return [job for config in site_configs() for job in config.periodic_jobs()]
