"""A permission on leads other than “view” needs the second factor too."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from tests.factories import make_lead, make_user
from tests.staffauth.conftest import SETUP, sign_in

pytestmark = pytest.mark.django_db


def test_a_change_only_permission_on_leads_also_needs_the_second_factor(client, mfa_on):
    """The admin shows a lead to whoever may change it: a password is not enough."""
    lead = make_lead()
    user = make_user()
    user.user_permissions.set(
        Permission.objects.filter(
            content_type__app_label="leads", codename="change_lead"
        )
    )
    sign_in(client, user)
    for url in (
        reverse("admin:leads_lead_changelist"),
        reverse("admin:leads_lead_change", args=[lead.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse(SETUP))
