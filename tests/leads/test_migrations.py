"""Leads from auto-tagged ad clicks stored before click ids named a source."""

import pytest
from django.utils import timezone

from tests.migrating import migrate_to

BEFORE = [("leads", "0015_outcomes_and_campaign_visits")]
AFTER = [("leads", "0016_click_id_sources")]


@pytest.mark.django_db(transaction=True)
def test_old_auto_tagged_leads_get_their_platform_as_source(at_latest):
    old = migrate_to(BEFORE)
    Lead = old.get_model("leads", "Lead")

    def lead(n, first_touch, utm_source=""):
        return Lead.objects.create(
            name=f"Old {n}",
            preferred_contact="email",
            message="-",
            consent_version="old",
            consented_at=timezone.now(),
            first_touch=first_touch,
            utm_source=utm_source,
            client_hash="x",
            form_token=f"old{n}",
            fingerprint=f"old{n}",
        ).pk

    google = lead(1, {"gclid": "Cj0abc"})
    bing = lead(2, {"msclkid": "f894"})
    tagged = lead(3, {"gclid": "Cj0def", "utm_source": "news"}, utm_source="news")
    direct = lead(4, {})
    new = migrate_to(AFTER)
    sources = dict(
        new.get_model("leads", "Lead").objects.values_list("pk", "utm_source")
    )
    assert sources == {google: "google", bing: "bing", tagged: "news", direct: ""}
