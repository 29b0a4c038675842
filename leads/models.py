from django.conf import settings
from django.db import models
from django.urls import reverse
from phonenumber_field.modelfields import PhoneNumberField


class LeadQuerySet(models.QuerySet):
    def not_spam(self):
        return self.filter(is_spam=False)

    def spam(self):
        return self.filter(is_spam=True)

    def from_client_since(self, client_hash, since):
        """Submissions from one (hashed) client address since a time."""
        return self.filter(client_hash=client_hash, created_at__gte=since)


class Lead(models.Model):
    """A patient's request to be contacted. What they sent is never edited."""

    class PreferredContact(models.TextChoices):
        CALL = "call", "Phone call"
        TEXT = "text", "Text message"
        EMAIL = "email", "E-mail"

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        BOOKED = "booked", "Appointment booked"
        CLOSED = "closed", "Closed (became a patient)"
        NOT_FIT = "not_fit", "Not a fit"
        SPAM = "spam", "Spam"

    # What the patient sent.
    name = models.CharField(max_length=120)
    phone = PhoneNumberField(blank=True, db_index=True)
    email = models.EmailField(max_length=254, blank=True, db_index=True)
    preferred_contact = models.CharField(
        max_length=10, choices=PreferredContact.choices
    )
    message = models.TextField(max_length=3000)
    topic = models.ForeignKey(
        "articles.Topic",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads",
    )
    consent_version = models.CharField(max_length=20)
    consented_at = models.DateTimeField()

    # Where it came from.
    article = models.ForeignKey(
        "articles.Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads",
        help_text="The article the form was sent from.",
    )
    source_page = models.CharField(
        max_length=500, blank=True, help_text="The page the form was sent from."
    )
    first_touch = models.JSONField(default=dict, blank=True)
    last_touch = models.JSONField(default=dict, blank=True)
    # First-touch campaign, copied out of first_touch for filtering and reports.
    utm_source = models.CharField(max_length=200, blank=True, db_index=True)
    utm_medium = models.CharField(max_length=200, blank=True)
    utm_campaign = models.CharField(max_length=200, blank=True, db_index=True)

    # Triage.
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    is_spam = models.BooleanField(default=False, db_index=True)
    spam_reasons = models.JSONField(default=list, blank=True)

    # Housekeeping: duplicate and abuse protection. No raw IP address is stored.
    client_hash = models.CharField(max_length=64, db_index=True, editable=False)
    form_token = models.CharField(max_length=64, editable=False)
    fingerprint = models.CharField(max_length=64, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = LeadQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            # The same form sent twice with the same content is one lead.
            models.UniqueConstraint(
                fields=["form_token", "fingerprint"], name="lead_sent_once"
            )
        ]
        indexes = [models.Index(fields=["client_hash", "created_at"])]

    def __str__(self):
        return f"Lead #{self.pk}"

    def get_absolute_url(self):
        return reverse("admin:leads_lead_change", args=[self.pk])

    @property
    def origin_label(self):
        """Where it was sent from, without anything the patient wrote."""
        if self.article_id:
            return f"the article “{self.article.title}”"
        return f"the page {self.source_page}" if self.source_page else "the site"


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


class CallClick(models.Model):
    """Taps on click-to-call links, counted per page, day and first-touch campaign."""

    day = models.DateField()
    page = models.CharField(max_length=500)
    article = models.ForeignKey(
        "articles.Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="call_clicks",
    )
    utm_source = models.CharField(max_length=200, blank=True)
    utm_campaign = models.CharField(max_length=200, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "page", "utm_source", "utm_campaign"],
                name="one_call_counter_per_day_page_campaign",
            )
        ]

    def __str__(self):
        return f"{self.count} calls from {self.page} on {self.day}"


def lead_admin_url(lead):
    base = settings.SITE_URL
    return f"{base}{lead.get_absolute_url()}"
