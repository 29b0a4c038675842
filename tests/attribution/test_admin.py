"""Call counts in the admin: the front desk reads them; nobody writes them;
editors and marketing never see the list (marketing reads the report)."""

import datetime

import pytest
from django.urls import reverse

from attribution.models import CallClick
from tests.factories import make_editor, make_front_desk, make_marketing

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:attribution_callclick_changelist"


@pytest.fixture
def counted():
    return CallClick.objects.create(
        day=datetime.date(2026, 11, 2), page="/contact/", utm_source="bing", count=7
    )


def test_the_front_desk_reads_call_counts(client, counted):
    client.force_login(make_front_desk())
    response = client.get(reverse(CHANGELIST))
    assert response.status_code == 200
    assert "/contact/" in response.content.decode()
    change = reverse("admin:attribution_callclick_change", args=[counted.pk])
    assert client.post(change, {"count": 9000}).status_code == 403
    assert client.get(reverse("admin:attribution_callclick_add")).status_code == 403
    counted.refresh_from_db()
    assert counted.count == 7


@pytest.mark.parametrize("make_user", [make_editor, make_marketing])
def test_editors_and_marketing_never_see_the_list(client, counted, make_user):
    client.force_login(make_user())
    assert client.get(reverse(CHANGELIST)).status_code == 403
