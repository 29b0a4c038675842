"""Lead.phone as plain E.164 text; no LIKE indexes beside the phone and source ones.

The column and its data do not change (the phone field was already varchar(128)
holding E.164). PostgreSQL had a varchar_pattern_ops index beside the phone and
source indexes (db_index=True on a CharField); nothing searches those columns by
pattern, and every new lead paid for updating them. The plain indexes stay as
they are, declared in Meta.indexes under the names they already had.
"""

import phonenumber_field.validators
from django.db import migrations, models

LIKE_INDEXES = {
    "leads_lead_phone_894df808_like": "phone",
    "leads_lead_utm_source_0083740d_like": "utm_source",
}


def drop_like_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in LIKE_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def create_like_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, column in LIKE_INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" '
            f'ON "leads_lead" ("{column}" varchar_pattern_ops)'
        )


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0008_fewer_indexes"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="lead",
                    name="phone",
                    field=models.CharField(
                        blank=True,
                        max_length=128,
                        validators=[
                            phonenumber_field.validators.validate_international_phonenumber
                        ],
                    ),
                ),
                migrations.AlterField(
                    model_name="lead",
                    name="utm_source",
                    field=models.CharField(blank=True, max_length=200),
                ),
                migrations.AddIndex(
                    model_name="lead",
                    index=models.Index(
                        fields=["phone"], name="leads_lead_phone_894df808"
                    ),
                ),
                migrations.AddIndex(
                    model_name="lead",
                    index=models.Index(
                        fields=["utm_source"], name="leads_lead_utm_source_0083740d"
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(drop_like_indexes, create_like_indexes),
            ],
        ),
    ]
