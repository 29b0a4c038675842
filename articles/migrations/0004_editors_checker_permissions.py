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
                "articles.ruleset": ALL,
                "articles.checkeroption": ALL,
                "articles.checkerrule": ALL,
            }
        },
    )


class Migration(migrations.Migration):
    dependencies = [("articles", "0003_condition_checker")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
