from django.db import models


class OutboxEmail(models.Model):
    """
    An e-mail waiting to be sent by the worker (`manage.py run_worker`).

    Rows are written in the same transaction as the change that causes them, so a
    mail is sent if and only if that change committed, and a mail-server outage
    only delays it: failed sends are retried with backoff.
    """

    to = models.JSONField(help_text="Recipient addresses.")
    subject = models.CharField(max_length=200)
    body = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    next_attempt_at = models.DateTimeField(db_index=True)
    attempts = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["next_attempt_at", "id"]
        verbose_name = "outbox e-mail"

    def __str__(self):
        return self.subject
