"""Apps offer the site dashboard figures, clinic details and periodic jobs through
hooks declared on one base app config (clinic.hooks.SiteAppConfig)."""

import dataclasses
import inspect
from datetime import timedelta

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser

from clinic.admin_site import dashboard
from clinic.hooks import Job, SiteAppConfig, site_configs
from clinic.info import clinic_info

HOOKS = ("dashboard_figures", "clinic_details", "periodic_jobs")
OFFERING = ("articles", "checker", "locations", "leads", "campaigns")


def test_each_hook_is_declared_with_a_docstring_and_type_hints():
    for name in HOOKS:
        method = getattr(SiteAppConfig, name)
        assert inspect.getdoc(method), name
        signature = inspect.signature(method)
        assert signature.return_annotation is not inspect.Signature.empty, name
        for parameter in list(signature.parameters.values())[1:]:
            assert parameter.annotation is not inspect.Parameter.empty, name


def test_the_base_offers_nothing_by_default():
    config = apps.get_app_config("checker")
    info = object()
    assert SiteAppConfig.clinic_details(config, info) is info
    assert SiteAppConfig.periodic_jobs(config) == []
    assert SiteAppConfig.dashboard_figures(config, None) == {}


def test_every_app_offering_a_hook_subclasses_the_base():
    """And Django picked each app's own config (an imported base in an apps.py
    would make it fall back to a plain AppConfig)."""
    for label in OFFERING:
        config = apps.get_app_config(label)
        assert isinstance(config, SiteAppConfig), label
        assert type(config).__module__ == f"{label}.apps", label
    for config in apps.get_app_configs():
        if any(hasattr(config, name) for name in HOOKS):
            assert isinstance(config, SiteAppConfig), config.label
    assert {config.label for config in site_configs()} >= set(OFFERING)


def test_no_app_config_has_a_worker_round_any_more():
    assert [c.label for c in apps.get_app_configs() if hasattr(c, "worker_round")] == []


def test_a_job_is_a_frozen_name_cadence_and_callable():
    job = Job(name="tests.nothing", cadence=timedelta(hours=1), run=lambda: None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        job.name = "tests.other"  # type: ignore[misc]


def test_each_app_declares_its_jobs_with_their_cadence():
    """Review reminders hourly at most, escalations every minute, the digest of
    one sender's leads every five minutes, the purge daily."""
    jobs = [job for config in site_configs() for job in config.periodic_jobs()]
    assert {job.name: job.cadence for job in jobs} == {
        "articles.review_reminders": timedelta(hours=1),
        "leads.chase": timedelta(minutes=1),
        "leads.digest": timedelta(minutes=5),
        "leads.purge_expired": timedelta(days=1),
    }
    assert all(callable(job.run) for job in jobs)


@pytest.mark.django_db
def test_clinic_details_come_from_the_declared_hook(monkeypatch):
    checker = apps.get_app_config("checker")
    monkeypatch.setattr(
        checker,
        "clinic_details",
        lambda info: dataclasses.replace(info, hours="Around the clock"),
    )
    assert clinic_info().hours == "Around the clock"


@pytest.mark.django_db
def test_dashboard_figures_come_only_from_configs_that_declare_them(rf, monkeypatch):
    """A config that is not a SiteAppConfig is never asked, whatever it has."""
    request = rf.get("/admin/")
    request.user = AnonymousUser()
    monkeypatch.setattr(
        apps.get_app_config("checker"),
        "dashboard_figures",
        lambda request: {"from_checker": 1},
    )
    monkeypatch.setattr(
        apps.get_app_config("auth"),
        "dashboard_figures",
        lambda request: {"from_auth": 1},
        raising=False,
    )
    assert dashboard(request) == {"from_checker": 1}


def test_an_app_that_defines_a_site_config_is_installed_with_it():
    """A new app whose apps.py holds a SiteAppConfig subclass but is listed by
    its name alone would lose its hooks without a word."""
    import importlib
    import importlib.util

    for config in apps.get_app_configs():
        module_name = f"{config.name}.apps"
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        defined = [
            cls
            for cls in vars(module).values()
            if inspect.isclass(cls)
            and issubclass(cls, SiteAppConfig)
            and cls.__module__ == module_name
        ]
        for cls in defined:
            assert isinstance(config, cls), f"list {module_name}.{cls.__name__}"
