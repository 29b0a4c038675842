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

    list_display = ["name", "started_at", "finished_at", "result", "error", "due_at"]
    list_filter = [("error", admin.EmptyFieldListFilter)]

    @admin.display(description="last run", ordering="error")
    def result(self, run):
        """In words: Django's red cross for "did not fail" reads as a failure."""
        if run.finished_at is None or run.finished_at < run.started_at:
            return "Running (or its worker stopped)"
        return "Failed" if run.error else "OK"
