"""Call and campaign-visit counters now belong to the attribution app. Their
tables are renamed, never re-created, so every counted row stays."""

from django.db import migrations


def _relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("callclick", "campaignvisit"):
        if not ContentType.objects.filter(app_label=old, model=model).exists():
            continue
        # A type made for the new label already (by a migrate that ran the new
        # code first) holds nothing the old one does not: the old one wins.
        ContentType.objects.filter(app_label=new, model=model).delete()
        ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def move_content_types(apps, schema_editor):
    """Permissions granted on the counters (the front desk's view of call
    counts) follow them to their new app."""
    _relabel(apps, "leads", "attribution")


def move_content_types_back(apps, schema_editor):
    _relabel(apps, "attribution", "leads")


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
