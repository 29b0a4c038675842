"""Leads that arrived from an auto-tagged ad click (a click id, no utm_source)
before the click id named its platform: give them that source, as a lead
arriving now gets it (leads.attribution.touch_source)."""

from django.db import migrations

# As leads.attribution.CLICK_ID_SOURCES when this was written (a migration
# keeps its own copy: the app's may change later).
CLICK_ID_SOURCES = {
    "gclid": "google",
    "gbraid": "google",
    "wbraid": "google",
    "msclkid": "bing",
    "fbclid": "facebook",
}


def name_click_sources(apps, schema_editor):
    Lead = apps.get_model("leads", "Lead")
    for key, source in CLICK_ID_SOURCES.items():
        Lead.objects.filter(utm_source="", first_touch__has_key=key).update(
            utm_source=source
        )


class Migration(migrations.Migration):
    dependencies = [("leads", "0015_outcomes_and_campaign_visits")]

    operations = [
        # Reversing keeps the sources: they were right all along.
        migrations.RunPython(name_click_sources, migrations.RunPython.noop),
    ]
