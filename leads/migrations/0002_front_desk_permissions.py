from django.db import migrations


def grant(apps, schema_editor):
    from clinic.roles import sync_roles

    sync_roles(apps, {"Front desk": {"leads.lead": ["view", "change"]}})


class Migration(migrations.Migration):
    dependencies = [("leads", "0001_initial"), ("articles", "0002_staff_groups")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
