from django.db import migrations


def create_groups(apps, schema_editor):
    from clinic.roles import sync_roles

    sync_roles(
        apps,
        {
            "Editors": {
                "articles.post": ["add", "change", "delete", "view"],
                "articles.topic": ["add", "change", "delete", "view"],
                "articles.reviewer": ["add", "change", "delete", "view"],
            },
            "Front desk": {},
        },
    )


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
