"""
Leads now queue their e-mails in the transaction that stores them, so the
`notification_pending` flag goes. Leads still waiting for the old worker get
the front desk's notice queued here first, so nobody who wrote is missed.
"""

from django.conf import settings
from django.db import migrations
from django.utils import timezone


def queue_pending_notices(apps, schema_editor):
    Lead = apps.get_model("leads", "Lead")
    OutboxEmail = apps.get_model("leads", "OutboxEmail")
    now = timezone.now()
    OutboxEmail.objects.bulk_create(
        OutboxEmail(
            to=list(settings.LEADS_NOTIFY_EMAILS),
            subject=f"New lead #{pk}",
            body=(
                f"New lead #{pk} is waiting.\n\nOpen it in the admin (login "
                f"required):\n{settings.SITE_URL}/admin/leads/lead/{pk}/change/\n"
            ),
            next_attempt_at=now,
        )
        for pk in Lead.objects.filter(notification_pending=True, is_spam=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("leads", "0009_phone_as_text"),
    ]

    operations = [
        migrations.RunPython(queue_pending_notices, migrations.RunPython.noop),
        migrations.RemoveIndex(model_name="lead", name="lead_notification_pending"),
        migrations.RemoveField(model_name="lead", name="notification_pending"),
    ]
