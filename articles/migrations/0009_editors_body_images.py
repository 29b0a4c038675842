"""Editors upload, change and delete the images they place in post bodies."""

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
                "articles.bodyimage": ALL,
                "checker.ruleset": ALL,
                "checker.checkeroption": ALL,
                "checker.checkerrule": ALL,
            }
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0008_body_images"),
        # After the checker's own grant, which sets the Editors' whole list.
        ("checker", "0003_editors_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
