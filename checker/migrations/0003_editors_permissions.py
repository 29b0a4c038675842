"""Editors keep maintaining the checker's rule sets, now under the checker app."""

from django.db import migrations

ALL = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    from clinic.roles import sync_roles

    sync_roles(
        apps,
        {
            "Editors": {
                "articles.post": ALL,
                "articles.topic": ALL,
                "articles.reviewer": ALL,
                "checker.ruleset": ALL,
                "checker.checkeroption": ALL,
                "checker.checkerrule": ALL,
            }
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("checker", "0002_copy_from_articles"),
        ("articles", "0007_condition_checker_moved"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
