"""Moving the counters from the leads app to attribution keeps every row, and
the front desk's permission to see call counts."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from attribution.models import CallClick, CampaignVisit
from tests.migrating import migrate_to

BEFORE = [
    ("leads", "0016_click_id_sources"),
    ("articles", "0012_version_body_help_text"),
]
AFTER = [("attribution", "0001_initial")]


@pytest.mark.django_db(transaction=True)
def test_counted_visits_and_calls_survive_the_move(at_latest):
    old = migrate_to(BEFORE)
    day = datetime.date(2026, 11, 2)
    old.get_model("leads", "CallClick").objects.create(
        day=day, page="/contact/", utm_source="google", utm_campaign="knees", count=7
    )
    old.get_model("leads", "CampaignVisit").objects.create(
        day=day, utm_source="bing", utm_campaign="backs", count=41
    )
    migrate_to(AFTER)
    click = CallClick.objects.get()
    assert (click.day, click.page, click.utm_source, click.count) == (
        day,
        "/contact/",
        "google",
        7,
    )
    assert CampaignVisit.objects.get().count == 41
    # Counting goes on in the same rows.
    CallClick.objects.create(day=day, page="/", count=1)
    assert CallClick.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_permission_granted_on_call_counts_follows_them(at_latest):
    migrate_to(BEFORE)
    old_type, _ = ContentType.objects.get_or_create(
        app_label="leads", model="callclick"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=old_type, codename="view_callclick", name="Can view call click"
    )
    desk = Group.objects.create(name="Old desk")
    desk.permissions.add(permission)
    migrate_to(AFTER)
    permission.refresh_from_db()
    assert permission.content_type.app_label == "attribution"
    assert desk.permissions.filter(codename="view_callclick").exists()
