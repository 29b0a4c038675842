"""
The e-mail outbox moves here from `leads`, keeping every queued e-mail: the
model enters this app's state over the existing table `leads_outboxemail`
(no database change), then that table is renamed `outbox_outboxemail`.

This app imports no other, but this one migration must follow the last leads
migration that used the table; `leads.0012_outbox_email_moved` then drops the
model from leads' state.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("leads", "0010_notifications_queued_at_submit"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="OutboxEmail",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("to", models.JSONField(help_text="Recipient addresses.")),
                        ("subject", models.CharField(max_length=200)),
                        ("body", models.TextField()),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("next_attempt_at", models.DateTimeField(db_index=True)),
                        ("attempts", models.PositiveIntegerField(default=0)),
                        (
                            "sent_at",
                            models.DateTimeField(blank=True, db_index=True, null=True),
                        ),
                        ("last_error", models.CharField(blank=True, max_length=300)),
                    ],
                    options={
                        "verbose_name": "outbox e-mail",
                        "ordering": ["next_attempt_at", "id"],
                        "db_table": "leads_outboxemail",
                    },
                ),
            ],
            database_operations=[],
        ),
        # Back to the default table name: renames leads_outboxemail to
        # outbox_outboxemail (and back when unapplied).
        migrations.AlterModelTable(name="outboxemail", table=None),
    ]
