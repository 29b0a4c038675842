"""The staff groups are the ones clinic/roles.py lists."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group
from django.core.management import call_command

from clinic.roles import ROLE_PERMISSIONS, sync_roles

pytestmark = pytest.mark.django_db


def test_migrate_gives_each_group_exactly_what_roles_py_lists():
    """After every migrate the groups hold exactly the permissions roles.py lists
    (post_migrate), whatever they held before."""
    Group.objects.all().delete()
    call_command("migrate", verbosity=0)
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


def test_no_group_but_front_desk_sees_leads():
    """Editors and medical reviewers never get a permission on leads."""
    for name, models in ROLE_PERMISSIONS.items():
        if name != "Front desk":
            assert not [label for label in models if label.startswith("leads.")]


def test_marketing_sees_figures_and_never_a_lead():
    """Marketing keeps spend and downloads conversions; no permission on leads."""
    marketing = ROLE_PERMISSIONS["Marketing"]
    assert set(marketing) == {"campaigns.adspend", "campaigns.conversionexport"}
