from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from phonenumber_field.validators import validate_international_phonenumber

from leads.models.events import LeadEvent
from leads.spam import spam_reasons_display


class LeadQuerySet(models.QuerySet):
    def overdue(self, now=None):
        """New, non-spam leads still waiting past their response target (counted
        in business time at their office when they arrived: Lead.respond_by).

        Lead.is_overdue is the same rule for one lead already loaded."""
        return self.filter(
            status=Lead.Status.NEW,
            is_spam=False,
            respond_by__lt=now or timezone.now(),
        )

    def escalated(self):
        """Leads whose team lead was told nobody answered them in time."""
        return self.filter(escalated_at__isnull=False)

    def not_spam(self):
        return self.filter(is_spam=False)

    def spam(self):
        return self.filter(is_spam=True)

    def spam_confirmed(self):
        """Spam a staff member filed or confirmed (a status change to spam made
        by a person). Spam nobody has looked at is not purged early."""
        by_a_person = LeadEvent.objects.filter(
            lead=OuterRef("pk"),
            kind=LeadEvent.Kind.STATUS,
            to_status=Lead.Status.SPAM,
            author__isnull=False,
        )
        return self.spam().filter(Exists(by_a_person))


class Lead(models.Model):
    """A patient's request to be contacted. What they sent is never edited."""

    class PreferredContact(models.TextChoices):
        CALL = "call", "Phone call"
        TEXT = "text", "Text message"
        EMAIL = "email", "E-mail"

    class PatientType(models.TextChoices):
        NEW = "new", "New patient"
        EXISTING = "existing", "Existing patient"

    class PreferredTime(models.TextChoices):
        WEEKDAY_MORNINGS = "weekday_mornings", "Weekday mornings"
        WEEKDAY_AFTERNOONS = "weekday_afternoons", "Weekday afternoons"
        EVENINGS = "evenings", "Evenings"
        SATURDAYS = "saturdays", "Saturdays"

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONTACTED = "contacted", "Contacted"
        BOOKED = "booked", "Appointment booked"
        CLOSED = "closed", "Closed (became a patient)"
        NOT_FIT = "not_fit", "Not a fit"
        SPAM = "spam", "Spam"

        @property
        def means_contacted(self):
            """Moving a lead here means we reached the person (speed to lead)."""
            status = type(self)
            return self in {
                status.CONTACTED,
                status.BOOKED,
                status.CLOSED,
                status.NOT_FIT,
            }

    # What the patient sent.
    name = models.CharField(max_length=120)
    # E.164 ("+12015550142"), as the contact form parsed and checked it; kept as
    # plain text so storing or listing leads never parses a number again.
    phone = models.CharField(
        max_length=128,
        blank=True,
        validators=[validate_international_phonenumber],
    )
    # Searched and matched through a trigram index on PostgreSQL (migration 0005).
    email = models.EmailField(max_length=254, blank=True)
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
    # Names as the patient saw them: deleting or renaming the topic or article
    # later never changes what the lead says it was about or sent from.
    topic_name = models.CharField(
        max_length=80, blank=True, help_text="The topic's name when the lead was sent."
    )
    consent_version = models.CharField(max_length=20)
    consented_at = models.DateTimeField()
    checker_summary = models.TextField(
        blank=True,
        help_text="Answers from the condition checker, attached by the patient.",
    )
    checker_version = models.PositiveIntegerField(
        null=True,
        blank=True,
        help_text="The condition checker rule set version the lead came from.",
    )
    # The appointment request (leads sent before it have none of these).
    location = models.ForeignKey(
        "locations.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads",
        help_text="The office the patient chose (the only one, when there was one).",
    )
    patient_type = models.CharField(
        max_length=10,
        choices=PatientType.choices,
        blank=True,
        help_text="New or existing patient, as the patient said.",
    )
    preferred_times = models.JSONField(
        default=list,
        blank=True,
        help_text="When the patient would like an appointment (PreferredTime codes).",
    )
    insurance = models.CharField(
        max_length=200,
        blank=True,
        help_text="The patient's insurance, as they wrote it (optional).",
    )

    # Where it came from.
    article = models.ForeignKey(
        "articles.Post",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads",
        help_text="The article the form was sent from.",
    )
    article_title = models.CharField(
        max_length=200,
        blank=True,
        help_text="The article's title when the lead was sent.",
    )
    source_page = models.CharField(
        max_length=500, blank=True, help_text="The page the form was sent from."
    )
    first_touch = models.JSONField(default=dict, blank=True)
    last_touch = models.JSONField(default=dict, blank=True)
    # First-touch campaign, copied out of first_touch for filtering and reports.
    utm_source = models.CharField(max_length=200, blank=True)
    utm_medium = models.CharField(max_length=200, blank=True)
    utm_campaign = models.CharField(max_length=200, blank=True)

    # Triage.
    # Lists filter on status and spam through composite indexes (migration 0005).
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.NEW)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="owned_leads",
        help_text="The front-desk user responsible for this lead.",
    )
    first_contacted_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When we first reached out (set when the lead leaves New).",
    )
    # Outcomes (the dates are optional; when each status was reached is in the
    # lead's history, leads/outcomes.py).
    appointment_on = models.DateField(
        "appointment date",
        null=True,
        blank=True,
        help_text="The date of the booked appointment, when one is booked.",
    )
    first_visit_on = models.DateField(
        "first visit",
        null=True,
        blank=True,
        help_text="The date of the first visit, once the person became a patient.",
    )
    # Routing and escalation (leads/routing.py, leads/escalation.py).
    team = models.ForeignKey(
        "leads.Team",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leads",
        editable=False,
        help_text="The team that got the lead when it arrived.",
    )
    routed_to_team_lead = models.BooleanField(
        default=False,
        editable=False,
        help_text="Nobody in the team was available when it arrived: it went to "
        "the team lead.",
    )
    respond_by = models.DateTimeField(
        null=True,
        editable=False,
        help_text="The response target, counted in the office's opening hours.",
    )
    escalate_by = models.DateTimeField(null=True, editable=False)
    reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    escalated_at = models.DateTimeField(null=True, blank=True, editable=False)
    is_spam = models.BooleanField(default=False)
    spam_reasons = models.JSONField(default=list, blank=True)
    # Past LEADS_NOTIFY_PER_CLIENT_HOUR leads from one client in an hour, the
    # front desk is told of the rest together (leads.services.leads_digest_send).
    digest_pending = models.BooleanField(default=False, editable=False)

    # Housekeeping: duplicate and abuse protection. No raw IP address is stored.
    client_hash = models.CharField(max_length=64, editable=False)
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
        indexes = [
            # Exact lookups only (phone search normalizes to E.164 first), so no
            # second pattern-matching index beside each, as db_index=True would
            # add on PostgreSQL. The names are the ones these indexes already had.
            models.Index(fields=["phone"], name="leads_lead_phone_894df808"),
            models.Index(fields=["utm_source"], name="leads_lead_utm_source_0083740d"),
            models.Index(fields=["client_hash", "created_at"]),
            models.Index(
                fields=["digest_pending"],
                condition=models.Q(digest_pending=True),
                name="leads_lead_digest_pending",
            ),
        ]

    def __str__(self):
        return f"Lead #{self.pk}"

    def get_absolute_url(self):
        return reverse("admin:leads_lead_change", args=[self.pk])

    def status_before_spam(self):
        """The status the lead had before it was marked spam (New when it was
        filed as spam on arrival): where "Not spam" returns it."""
        marked = (
            self.events.filter(kind=LeadEvent.Kind.STATUS, to_status=self.Status.SPAM)
            .exclude(from_status=self.Status.SPAM)
            .order_by("-created_at", "-id")
            .values_list("from_status", flat=True)
            .first()
        )
        return self.Status(marked) if marked else self.Status.NEW

    @property
    def possible_spam(self):
        """Signs of spam that can be wrong; the lead is worked as usual."""
        return bool(self.spam_reasons) and not self.is_spam

    @property
    def spam_reasons_display(self):
        return spam_reasons_display(self.spam_reasons)

    @property
    def is_overdue(self):
        """LeadQuerySet.overdue() for this one lead, without a query."""
        return (
            self.status == self.Status.NEW
            and not self.is_spam
            and self.respond_by is not None
            and self.respond_by < timezone.now()
        )

    def preferred_time_labels(self):
        """The preferred times as the patient saw them, in the form's order."""
        labels = dict(self.PreferredTime.choices)
        return [labels[code] for code in labels if code in self.preferred_times]

    @property
    def admin_link(self):
        """The lead's admin page as a full address, for e-mails."""
        return f"{settings.SITE_URL}{self.get_absolute_url()}"

    @property
    def response_time(self):
        """Time from submission to first contact, or None before it."""
        if self.first_contacted_at is None:
            return None
        return self.first_contacted_at - self.created_at

    @property
    def origin_label(self):
        """Where it was sent from, in our own words only (an article's title, the
        checker, the contact page), never the address the form sent, which
        anyone can write."""
        if self.article_title:
            return f"the article “{self.article_title}”"
        if self.checker_version is not None:
            return "the condition checker"
        try:
            view_name = resolve(self.source_page).view_name
        except Resolver404:
            return "the site"
        return "the contact page" if view_name == "leads:contact" else "the site"


def response_deadlines(created_at, location):
    """(respond by, escalate by) for a lead arriving at `created_at`: the
    response target and twice it, counted in the opening hours of its office
    (the main office when it has none; plain time when there is no office)."""
    from locations.selectors import main_location

    target = settings.LEADS_RESPONSE_TARGET_MINUTES
    office = location or main_location()
    if office is None:
        return (
            created_at + timedelta(minutes=target),
            created_at + timedelta(minutes=2 * target),
        )
    return (
        office.business_deadline(created_at, target),
        office.business_deadline(created_at, 2 * target),
    )
