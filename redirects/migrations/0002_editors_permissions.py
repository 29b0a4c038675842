"""Editors manage redirects too (clinic/roles.py)."""

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
                "redirects.redirect": ALL,
            }
        },
    )


class Migration(migrations.Migration):
    # After the checker's grant: each grant sets the group's whole list.
    dependencies = [
        ("redirects", "0001_initial"),
        ("checker", "0003_editors_permissions"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
