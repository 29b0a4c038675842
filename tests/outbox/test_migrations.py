"""Moving the outbox out of leads keeps every queued e-mail, and still sends it."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

BEFORE = [("leads", "0011_lead_keeps_topic_and_article_names"), ("outbox", None)]


@pytest.mark.django_db(transaction=True)
def test_email_queued_before_the_move_is_sent_after_it():
    executor = MigrationExecutor(connection)
    leaves = executor.loader.graph.leaf_nodes()
    executor.migrate(BEFORE)
    old = executor.loader.project_state([BEFORE[0]]).apps
    try:
        now = timezone.now()
        OldEmail = old.get_model("leads", "OutboxEmail")
        OldEmail.objects.create(
            to=["patient@example.test"],
            subject="Sent before",
            body="-",
            next_attempt_at=now,
            sent_at=now,
            attempts=1,
        )
        queued = OldEmail.objects.create(
            to=["desk@clinic.test"],
            subject="New lead #7",
            body="Waiting",
            next_attempt_at=now,
        )
        # A permission someone was given on the old model.
        checkers = old.get_model("auth", "Group").objects.create(name="Mail checkers")
        checkers.permissions.add(
            old.get_model("auth", "Permission").objects.get(
                content_type__app_label="leads", codename="view_outboxemail"
            )
        )

        executor = MigrationExecutor(connection)
        executor.migrate(leaves)
    finally:
        MigrationExecutor(connection).migrate(leaves)

    from outbox.models import OutboxEmail
    from outbox.services import outbox_send_due

    tables = connection.introspection.table_names()
    assert "outbox_outboxemail" in tables and "leads_outboxemail" not in tables
    kept = OutboxEmail.objects.get(pk=queued.pk)
    assert (kept.to, kept.subject, kept.sent_at) == (
        ["desk@clinic.test"],
        "New lead #7",
        None,
    )
    assert outbox_send_due() == (1, 0)  # the queued one; the sent one stays sent
    assert [(m.subject, m.to) for m in mail.outbox] == [
        ("New lead #7", ["desk@clinic.test"])
    ]
    # The permission moved with the model; new rows get new ids after the old.
    assert list(
        Group.objects.get(name="Mail checkers").permissions.values_list(
            "content_type__app_label", "codename"
        )
    ) == [("outbox", "view_outboxemail")]
    later = OutboxEmail.objects.create(
        to=[], subject="-", body="-", next_attempt_at=now
    )
    assert later.pk > queued.pk
