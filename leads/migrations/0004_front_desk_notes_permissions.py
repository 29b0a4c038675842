from django.db import migrations


def grant(apps, schema_editor):
    from clinic.roles import sync_roles

    sync_roles(
        apps,
        {
            "Front desk": {
                "leads.lead": ["view", "change"],
                "leads.leadevent": ["add", "view"],
                "leads.callclick": ["view"],
            }
        },
    )


class Migration(migrations.Migration):
    dependencies = [("leads", "0003_lead_workflow")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
