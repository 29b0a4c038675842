"""A lead's timeline: status changes, assignments, notes and reminders."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class LeadEvent(models.Model):
    """One entry of a lead's timeline: a status change, an assignment or a note."""

    class Kind(models.TextChoices):
        STATUS = "status", "Status change"
        ASSIGN = "assign", "Assignment"
        NOTE = "note", "Note"
        RECORD = "record", "Change to what the lead points at"
        CHASE = "chase", "Reminder or escalation"

    lead = models.ForeignKey(
        "leads.Lead", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12, blank=True)
    text = models.TextField(blank=True, max_length=5000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} on lead #{self.lead_id}"
