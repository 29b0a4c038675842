from django.contrib import admin

from clinic.admin_site import SuperuserOnlyAdmin
from outbox.models import JobRun, OutboxEmail


@admin.register(OutboxEmail)
class OutboxEmailAdmin(SuperuserOnlyAdmin):
    """
    Superusers only, read-only, and without recipients or bodies: an
    acknowledgement is addressed to a patient.
    """

    list_display = [
        "subject",
        "created_at",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]
    list_filter = ["sent_at"]
    exclude = ["to", "body"]


@admin.register(JobRun)
class JobRunAdmin(SuperuserOnlyAdmin):
    """Superusers only, read-only: when each periodic job ran and how it went."""

    list_display = ["name", "started_at", "finished_at", "failed", "error", "due_at"]
    list_filter = ["failed"]
