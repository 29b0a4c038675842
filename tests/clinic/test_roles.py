"""The staff groups the data migrations build are the ones clinic/roles.py lists."""

import inspect

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.operations import RunPython

from clinic.roles import ROLE_PERMISSIONS, sync_roles

pytestmark = pytest.mark.django_db


def role_migrations():
    """The RunPython steps that set group permissions, in the order migrate runs
    them."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes(), clean_start=True)
    for migration, _backwards in plan:
        for operation in migration.operations:
            if isinstance(operation, RunPython) and "sync_roles" in inspect.getsource(
                operation.code
            ):
                yield operation.code


def test_migrations_give_each_group_exactly_what_roles_py_lists():
    """A role change in clinic/roles.py needs a data migration; this fails until
    the two agree (tests that rebuild groups would otherwise hide the drift)."""
    steps = list(role_migrations())
    assert len(steps) >= 2
    Group.objects.all().delete()
    for step in steps:
        step(apps, None)
    built = {
        group.name: {
            f"{p.content_type.app_label}.{p.codename}"
            for p in group.permissions.select_related("content_type")
        }
        for group in Group.objects.all()
    }
    wanted = {
        name: {
            f"{label.split('.')[0]}.{action}_{label.split('.')[1]}"
            for label, actions in models.items()
            for action in actions
        }
        for name, models in ROLE_PERMISSIONS.items()
    }
    assert built == wanted


def test_syncing_roles_at_run_time_leaves_the_app_registry_as_it_was():
    """Factories call sync_roles with the real registry: afterwards a flush
    still recreates every content type and permission."""
    before = {config.label: config.models_module for config in apps.get_app_configs()}
    sync_roles(apps)
    after = {config.label: config.models_module for config in apps.get_app_configs()}
    assert after == before and after["leads"].__name__ == "leads.models"
