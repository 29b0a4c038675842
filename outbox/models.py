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


class JobRun(models.Model):
    """
    One periodic job's runs (clinic.hooks.Job): when a worker may run it next,
    and how its last run went.

    A worker claims a run by moving `due_at` a cadence on with a conditional
    UPDATE (outbox.jobs.job_claim), so however many workers run, one of them
    runs the job, once per cadence.
    """

    name = models.CharField(max_length=100, unique=True)
    due_at = models.DateTimeField(help_text="When a worker may run the job next.")
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Earlier than the start while it runs, or if its worker died.",
    )
    error = models.CharField(
        max_length=100, blank=True, help_text="The exception's class, if it failed."
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "job run"

    def __str__(self) -> str:
        return self.name
