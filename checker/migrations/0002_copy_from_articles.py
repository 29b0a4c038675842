"""
The condition checker moved from `articles` to an app of its own: every rule
set (live, draft and retired, with their versions), option, rule and daily
count is copied with the same ids; articles 0007 then drops the old tables.
"""

from django.core.management.color import no_style
from django.db import migrations

MODELS = ["RuleSet", "CheckerOption", "CheckerRule", "CheckerDay"]  # FK order


def copy_rows(source, target):
    def run(apps, schema_editor):
        for name in MODELS:
            old = apps.get_model(source, name)
            new = apps.get_model(target, name)
            fields = [field.attname for field in old._meta.concrete_fields]
            new.objects.bulk_create(
                new(**{attname: getattr(row, attname) for attname in fields})
                for row in old.objects.order_by("pk")
            )
        old_links = apps.get_model(source, "CheckerRule").options.through
        new_links = apps.get_model(target, "CheckerRule").options.through
        new_links.objects.bulk_create(
            new_links(checkerrule_id=link.checkerrule_id, checkeroption_id=link.checkeroption_id)
            for link in old_links.objects.order_by("pk")
        )
        # Rows were inserted with their ids: move the id sequences past them.
        connection = schema_editor.connection
        models = [apps.get_model(target, name) for name in MODELS] + [new_links]
        with connection.cursor() as cursor:
            for statement in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("checker", "0001_initial"),
        ("articles", "0006_review_dates_not_in_future"),
    ]

    operations = [
        migrations.RunPython(
            copy_rows("articles", "checker"), copy_rows("checker", "articles")
        ),
    ]
