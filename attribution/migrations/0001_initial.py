"""The counters as they were in the leads app: their tables already exist
(leads 0017 renamed them), so this only tells Django they live here now."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("articles", "0001_initial"),
        ("leads", "0017_counters_moved_to_attribution"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CallClick",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("day", models.DateField()),
                        ("page", models.CharField(max_length=500)),
                        ("utm_source", models.CharField(blank=True, max_length=200)),
                        ("utm_campaign", models.CharField(blank=True, max_length=200)),
                        ("count", models.PositiveIntegerField(default=0)),
                        ("article", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="call_clicks", to="articles.post")),
                    ],
                    options={
                        "constraints": [models.UniqueConstraint(fields=("day", "page", "utm_source", "utm_campaign"), name="one_call_counter_per_day_page_campaign")],
                    },
                ),
                migrations.CreateModel(
                    name="CampaignVisit",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("day", models.DateField()),
                        ("utm_source", models.CharField(max_length=200)),
                        ("utm_campaign", models.CharField(blank=True, max_length=200)),
                        ("count", models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        "constraints": [models.UniqueConstraint(fields=("day", "utm_source", "utm_campaign"), name="one_visit_counter_per_day_campaign")],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
