"""Call and campaign-visit counters now belong to the attribution app. Their
tables are renamed, never re-created, so every counted row stays."""

from django.db import migrations


def move_content_types(apps, schema_editor):
    """Permissions granted on the counters (the front desk's view of call
    counts) follow them to their new app."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("callclick", "campaignvisit"):
        if not ContentType.objects.filter(app_label="attribution", model=model).exists():
            ContentType.objects.filter(app_label="leads", model=model).update(
                app_label="attribution"
            )


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("callclick", "campaignvisit"):
        if not ContentType.objects.filter(app_label="leads", model=model).exists():
            ContentType.objects.filter(app_label="attribution", model=model).update(
                app_label="leads"
            )


class Migration(migrations.Migration):

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("leads", "0016_click_id_sources"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable("callclick", "attribution_callclick"),
                migrations.AlterModelTable("campaignvisit", "attribution_campaignvisit"),
            ],
            state_operations=[
                migrations.DeleteModel("CallClick"),
                migrations.DeleteModel("CampaignVisit"),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
