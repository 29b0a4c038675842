"""The admin index's ad-spend line: Marketing's figure, nobody else's."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import AdSpend
from tests.factories import make_front_desk

pytestmark = pytest.mark.django_db


def spend(days_ago, cost, currency="USD"):
    AdSpend.objects.create(
        day=timezone.localdate() - timedelta(days=days_ago),
        source="google",
        campaign="spring",
        cost=Decimal(cost),
        currency=currency,
    )


def test_marketing_sees_the_last_30_days_of_spend_with_the_report_link(marketing):
    spend(0, "100.00")
    spend(29, "20.50")
    spend(30, "999.00")  # 31 days ago: outside
    spend(1, "500.00", currency="EUR")  # not in the report's currency
    response = marketing.get(reverse("admin:index"))
    figures = response.context["dashboard"]["campaigns"]
    assert figures["spend"] == Decimal("120.50")
    page = response.content.decode()
    assert reverse("admin:campaigns_report") in page
    assert "120.50 USD" in page


def test_the_front_desk_sees_no_spend(client):
    client.force_login(make_front_desk())
    spend(0, "100.00")
    response = client.get(reverse("admin:index"))
    assert "campaigns" not in response.context["dashboard"]
    assert reverse("admin:campaigns_report") not in response.content.decode()
