"""
The e-mail outbox now lives in the `outbox` app (`outbox.0001_initial` took over
the table and renamed it). Leads forgets the model without touching the
database, and hands its content type over, so permissions and admin history
stay attached to it.
"""

from django.db import migrations


def hand_over(apps, schema_editor, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    types = ContentType.objects.using(schema_editor.connection.alias)
    if types.filter(app_label=new, model="outboxemail").exists():
        # A fresh database, where a permissions step already made the new one:
        # the old one is stale (what remove_stale_contenttypes would delete).
        types.filter(app_label=old, model="outboxemail").delete()
    else:
        types.filter(app_label=old, model="outboxemail").update(app_label=new)


def to_outbox(apps, schema_editor):
    hand_over(apps, schema_editor, old="leads", new="outbox")


def to_leads(apps, schema_editor):
    hand_over(apps, schema_editor, old="outbox", new="leads")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("leads", "0011_lead_keeps_topic_and_article_names"),
        ("outbox", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="OutboxEmail")],
            database_operations=[],
        ),
        migrations.RunPython(to_outbox, to_leads),
    ]
