from django.db import migrations

# Trigram indexes so the admin's name and e-mail search (UPPER(col) LIKE '%…%')
# stays fast on a large table. PostgreSQL only; other databases skip them.
FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS leads_lead_name_trgm "
    "ON leads_lead USING gin (UPPER(name) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS leads_lead_email_trgm "
    "ON leads_lead USING gin (UPPER(email) gin_trgm_ops)",
    "CREATE INDEX IF NOT EXISTS leads_lead_spam_created "
    "ON leads_lead (is_spam, created_at DESC, id DESC)",
    "CREATE INDEX IF NOT EXISTS leads_lead_status_spam_created "
    "ON leads_lead (status, is_spam, created_at DESC, id DESC)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS leads_lead_name_trgm",
    "DROP INDEX IF EXISTS leads_lead_email_trgm",
    "DROP INDEX IF EXISTS leads_lead_spam_created",
    "DROP INDEX IF EXISTS leads_lead_status_spam_created",
]


def run(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return apply


class Migration(migrations.Migration):
    dependencies = [("leads", "0004_front_desk_notes_permissions")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
