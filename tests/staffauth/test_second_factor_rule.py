"""Which permissions need a second factor is declared in clinic/roles.py: any
permission of the leads app, and downloading conversions; nothing else."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core import checks

from clinic import roles
from staffauth.services import second_factor_required
from tests.factories import make_editor, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def asked(mfa_on):
    """Whether a staff member holding only `permission` is asked for a second
    factor (before their session is verified)."""
    user = make_user()

    def asked(permission):
        user.user_permissions.set([permission])
        fresh = get_user_model().objects.get(pk=user.pk)  # no permission cache
        fresh.is_verified = lambda: False  # what django-otp's middleware adds
        return second_factor_required(fresh)

    return asked


def label(permission):
    return f"{permission.content_type.app_label}.{permission.codename}"


def test_roles_declare_the_second_factor_rule():
    assert roles.SECOND_FACTOR_APPS == ("leads",)
    assert roles.SECOND_FACTOR_PERMISSIONS == ("campaigns.add_conversionexport",)


def test_every_permission_of_leads_and_only_conversions_besides_need_it(asked):
    """The whole table: each permission alone, in every installed app."""
    wanted = {
        label(p): asked(p)
        for p in Permission.objects.select_related("content_type").order_by("pk")
    }
    expected = {
        name: name.split(".")[0] == "leads" or name == "campaigns.add_conversionexport"
        for name in wanted
    }
    assert wanted == expected
    assert sum(wanted.values()) > 10  # leads has many


def test_the_rule_is_read_from_roles(client, mfa_on, monkeypatch):
    """A permission added to roles.py's list is asked for at once."""
    editor = make_editor()
    editor.is_verified = lambda: False
    assert not second_factor_required(editor)
    monkeypatch.setattr(roles, "SECOND_FACTOR_APPS", ("leads", "articles"))
    editor = get_user_model().objects.get(pk=editor.pk)
    editor.is_verified = lambda: False
    assert second_factor_required(editor)


def staffauth_errors():
    return sorted(
        (e.id, e.msg) for e in checks.run_checks() if e.id.startswith("staffauth.E")
    )


def test_the_declared_apps_and_permissions_exist():
    assert staffauth_errors() == []


@pytest.mark.parametrize(
    ("attribute", "value", "error"),
    [
        ("SECOND_FACTOR_APPS", ("leads", "lead"), "staffauth.E001"),
        (
            "SECOND_FACTOR_PERMISSIONS",
            ("campaigns.add_conversionexport", "leads.view_callclicks"),
            "staffauth.E002",
        ),
        ("SECOND_FACTOR_PERMISSIONS", ("nowhere.view_thing",), "staffauth.E002"),
    ],
)
def test_a_name_that_matches_nothing_stops_the_start(
    monkeypatch, attribute, value, error
):
    """A renamed app or model would otherwise drop its second factor silently."""
    monkeypatch.setattr(roles, attribute, value)
    ((found, message),) = staffauth_errors()
    assert found == error and value[-1] in message


def test_call_counts_alone_need_no_second_factor(asked):
    """The counters moved out of the leads app hold no person's data."""
    view_calls = Permission.objects.get(
        content_type__app_label="attribution", codename="view_callclick"
    )
    assert not asked(view_calls)
