import csv

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince
from phonenumber_field.phonenumber import PhoneNumber, to_python

from clinic.roles import FRONT_DESK
from leads.models import AuditEntry, CallClick, Lead, LeadEvent, OutboxEmail
from leads.services import (
    audit_record,
    lead_add_note,
    lead_assign,
    lead_change_status,
)

PATIENT_FIELDS = [
    "name",
    "phone",
    "email",
    "preferred_contact",
    "message",
    "topic_name",
    "consent_version",
    "consented_at",
    "checker_answers",
]


ORIGIN_FIELDS = [
    "created_at",
    "article",
    "source_page",
    "first_touch_display",
    "last_touch_display",
    "spam_display",
]
WORK_FIELDS = ["status", "owner", "add_note"]


class SpamFilter(admin.SimpleListFilter):
    """Spam is hidden unless asked for."""

    title = "spam"
    parameter_name = "spam"

    def lookups(self, request, model_admin):
        return [("only", "Only suspected spam"), ("all", "Everything")]

    def choices(self, changelist):
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Hide spam",
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string(
                    {self.parameter_name: lookup}
                ),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "only":
            return queryset.spam()
        if self.value() == "all" or request.GET.get("status__exact") == "spam":
            return queryset  # asking for the Spam status shows spam
        return queryset.not_spam()


class OwnerFilter(admin.SimpleListFilter):
    title = "owner"
    parameter_name = "owner"

    def lookups(self, request, model_admin):
        users = (
            get_user_model()
            .objects.filter(groups__name=FRONT_DESK, is_active=True)
            .order_by("username")
        )
        return [("me", "Mine"), ("none", "Unassigned")] + [
            (str(u.pk), u.get_full_name() or u.get_username()) for u in users
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "me":
            return queryset.filter(owner=request.user)
        if value == "none":
            return queryset.filter(owner__isnull=True)
        if value and value.isdigit():
            return queryset.filter(owner_id=int(value))
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    title = "response"
    parameter_name = "response"

    def lookups(self, request, model_admin):
        minutes = settings.LEADS_RESPONSE_TARGET_MINUTES
        return [("overdue", f"Overdue (New for over {minutes} min)")]

    def queryset(self, request, queryset):
        if self.value() == "overdue":
            return queryset.overdue()
        return queryset


class SourceFilter(admin.SimpleListFilter):
    title = "source"
    parameter_name = "source"

    def lookups(self, request, model_admin):
        # Sources among the latest 5,000 leads: a bounded read of the newest rows
        # (by primary key, which also keeps them together on disk).
        latest = Lead.objects.order_by("-pk").values("pk")[:5000]
        sources = (
            Lead.objects.filter(pk__in=latest)
            .exclude(utm_source="")
            .order_by()
            .values_list("utm_source", flat=True)
            .distinct()[:50]
        )
        return [("none", "Direct / none")] + [(s, s) for s in sorted(sources)]

    def queryset(self, request, queryset):
        if self.value() == "none":
            return queryset.filter(utm_source="")
        if self.value():
            return queryset.filter(utm_source=self.value())
        return queryset


class CappedCountPaginator(Paginator):
    """
    Counts at most COUNT_CAP rows, so a list page never counts the whole table.
    Past the cap, filter or search to narrow the list down.
    """

    COUNT_CAP = 10_000

    @cached_property
    def count(self):
        # No ORDER BY in the count: the planner may then use any index, or stop
        # a scan early, instead of walking the list's sort order.
        return self.object_list.order_by()[: self.COUNT_CAP].count()


class LeadAdminForm(forms.ModelForm):
    add_note = forms.CharField(
        label="Add a note",
        required=False,
        max_length=5000,
        widget=forms.Textarea({"rows": 3}),
        help_text="Saved with your name and the time. Do not paste medical records.",
    )

    class Meta:
        model = Lead
        fields = ["status", "owner"]
        help_texts = {
            "status": "Changes are recorded with your name and the time.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "owner" in self.fields:
            # Front-desk users, and whoever owns the lead now (say, an admin who
            # used "assign to me"), so saving never drops the current owner.
            current = self.instance.owner_id if self.instance.pk else None
            self.fields["owner"].queryset = (
                get_user_model()
                .objects.filter(
                    Q(groups__name=FRONT_DESK, is_active=True) | Q(pk=current)
                )
                .distinct()
            )


def csv_safe(value):
    """Stop spreadsheet programs from running what a patient typed as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class Echo:
    def write(self, value):
        return value


@admin.register(Lead)
class LeadAdmin(admin.ModelAdmin):
    form = LeadAdminForm

    class Media:
        css = {"all": ["css/admin-clinic.css"]}

    list_display = [
        "lead_number",
        "received",
        "name",
        "overdue_mark",
        "status",
        "owner",
        "preferred_contact",
        "topic",
        "campaign",
        "article",
    ]
    list_display_links = ["lead_number", "name"]
    show_facets = admin.ShowFacets.NEVER  # facet counts would count the whole table
    list_filter = [
        "status",
        OverdueFilter,
        OwnerFilter,
        "topic",
        SourceFilter,
        ("created_at", admin.DateFieldListFilter),
        SpamFilter,
    ]
    list_select_related = ["topic", "article", "owner"]
    search_fields = ["name", "email"]
    search_help_text = "Name, e-mail or phone number (any formatting)."
    show_full_result_count = False
    paginator = CappedCountPaginator
    list_per_page = 50
    ordering = ["-created_at", "-id"]
    actions = [
        "assign_to_me",
        "mark_contacted",
        "mark_spam",
        "mark_not_spam",
        "export_csv",
    ]
    fieldsets = [
        ("What they sent (read-only)", {"fields": PATIENT_FIELDS}),
        ("Where they came from", {"fields": ORIGIN_FIELDS}),
        (
            "Timeline and work",
            {"fields": ["timeline", "response_time_display", *WORK_FIELDS]},
        ),
        ("Duplicates", {"fields": ["duplicates"]}),
    ]
    view_on_site = False
    # Everything but the work fields is read-only.
    readonly_fields = [
        *PATIENT_FIELDS,
        *ORIGIN_FIELDS,
        "timeline",
        "response_time_display",
        "duplicates",
    ]

    # Columns

    @admin.display(description="Lead", ordering="id")
    def lead_number(self, lead):
        return f"#{lead.pk}"

    @admin.display(description="Received", ordering="created_at")
    def received(self, lead):
        local = timezone.localtime(lead.created_at)
        return format_html(
            '{} ago<br><time datetime="{}">{}</time>',
            timesince(lead.created_at).split(",")[0],
            local.isoformat(timespec="seconds"),
            local.strftime("%b %d, %Y %H:%M"),
        )

    @admin.display(description="Source / medium / campaign")
    def campaign(self, lead):
        parts = [lead.utm_source, lead.utm_medium, lead.utm_campaign]
        return " / ".join(p or "–" for p in parts) if any(parts) else "Direct / none"

    @admin.display(description="Overdue")
    def overdue_mark(self, lead):
        if lead.is_overdue:
            return format_html('<strong class="lead-overdue">{}</strong>', "Overdue")
        return ""

    # Read-only blocks on the lead page

    @admin.display(description="Status history and notes")
    def timeline(self, lead):
        events = lead.events.select_related("author")
        rows = [
            (
                timezone.localtime(lead.created_at).strftime("%b %d, %Y %H:%M"),
                "Patient",
                "Lead received" + (" (suspected spam)" if lead.spam_reasons else ""),
            )
        ]
        for event in events:
            if event.kind == LeadEvent.Kind.STATUS:
                what = "Status: {} → {}".format(
                    Lead.Status(event.from_status).label
                    if event.from_status in Lead.Status.values
                    else event.from_status,
                    Lead.Status(event.to_status).label
                    if event.to_status in Lead.Status.values
                    else event.to_status,
                )
            elif event.kind == LeadEvent.Kind.ASSIGN:
                what = event.text
            else:
                what = f"Note: {event.text}"
            rows.append(
                (
                    timezone.localtime(event.created_at).strftime("%b %d, %Y %H:%M"),
                    event.author.get_username() if event.author else "system",
                    what,
                )
            )
        return format_html(
            '<ol class="lead-timeline">{}</ol>',
            format_html_join("", "<li><strong>{}</strong> · {} · {}</li>", rows),
        )

    @admin.display(description="First response")
    def response_time_display(self, lead):
        if lead.response_time is None:
            return "Not contacted yet" + (" — overdue" if lead.is_overdue else "")
        minutes = int(lead.response_time.total_seconds() // 60)
        return f"{minutes} min after it arrived"

    @admin.display(description="Other leads with the same phone or e-mail")
    def duplicates(self, lead):
        others = lead_duplicates(lead)
        if not others:
            return "None"
        return format_html_join(
            mark_safe("<br>"),  # noqa: S308
            '<a href="{}">Lead #{}</a> · {} · {}',
            (
                (
                    o.get_absolute_url(),
                    o.pk,
                    timezone.localtime(o.created_at).strftime("%b %d, %Y"),
                    o.get_status_display(),
                )
                for o in others
            ),
        )

    @admin.display(description="Topic")
    def topic_name(self, lead):
        return lead.topic.name if lead.topic else "Not chosen"

    @admin.display(description="Answers from the condition checker")
    def checker_answers(self, lead):
        if lead.checker_version is None:
            return "Not from the condition checker"
        if not lead.checker_summary:
            return f"From checker v{lead.checker_version}; answers not attached"
        return format_html(
            "{}<br><small>Rule set v{}</small>",
            format_html_join(
                mark_safe("<br>"),  # noqa: S308
                "{}",
                ((line,) for line in lead.checker_summary.splitlines()),
            ),
            lead.checker_version,
        )

    @admin.display(description="First touch")
    def first_touch_display(self, lead):
        return touch_html(lead.first_touch)

    @admin.display(description="Last touch")
    def last_touch_display(self, lead):
        return touch_html(lead.last_touch)

    @admin.display(description="Spam check")
    def spam_display(self, lead):
        if not lead.spam_reasons:
            return "Passed"
        return "Suspected spam: " + ", ".join(lead.spam_reasons)

    # Permissions: nobody adds or deletes leads here (retention is a command).

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # The lead page needs these with the lead as much as the list does (the
        # list's own select_related is skipped once this one is set). Only the
        # article's title is shown; never load its body.
        return (
            super()
            .get_queryset(request)
            .select_related(*self.list_select_related)
            .defer("article__body", "article__body_html", "article__toc")
        )

    # Search: any phone formatting finds the stored E.164 number.

    def get_search_results(self, request, queryset, search_term):
        phone = normalize_phone(search_term)
        if phone:
            # A phone number, however typed, is looked up exactly (an index hit).
            return queryset.filter(phone=phone), False
        return super().get_search_results(request, queryset, search_term)

    # Audit every view of a lead's page and every search that found leads
    # (which leads were shown, never what was typed); route changes through
    # the services.

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None and changelist.query:
            shown = [lead.pk for lead in changelist.result_list]
            audit_record(
                action=AuditEntry.Action.VIEW,
                leads=shown,
                request=request,
                detail=f"search, {len(shown)} lead(s) shown",
            )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        # Any time the page is shown (also again after a failed save) is a view.
        if response.status_code == 200:
            audit_record(
                action=AuditEntry.Action.VIEW,
                leads=[int(object_id)],
                request=request,
            )
        return response

    def save_model(self, request, obj, form, change):
        lead = Lead.objects.select_for_update().get(pk=obj.pk)
        if "owner" in form.changed_data:
            lead_assign(
                lead=lead,
                to=form.cleaned_data["owner"],
                by=request.user,
                request=request,
            )
        if "status" in form.changed_data:
            lead_change_status(
                lead=lead,
                to=form.cleaned_data["status"],
                by=request.user,
                request=request,
            )
        note = form.cleaned_data.get("add_note", "").strip()
        if note:
            lead_add_note(lead=lead, text=note, by=request.user, request=request)
        obj.refresh_from_db()

    def log_change(self, request, obj, message):
        # Changes are recorded in the lead timeline and the audit log, not in
        # Django's admin LogEntry (whose object_repr would hold no PHI anyway).
        return None

    # Bulk actions

    @admin.action(description="Assign to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        for lead in queryset:
            lead_assign(lead=lead, to=request.user, by=request.user, request=request)
        messages.success(request, "Assigned to you.")

    @admin.action(description="Mark contacted", permissions=["change"])
    def mark_contacted(self, request, queryset):
        # Only new leads: a booked or closed lead never moves back to Contacted.
        new = queryset.filter(status=Lead.Status.NEW)
        skipped = queryset.count() - new.count()
        done = "Marked as contacted."
        if skipped:
            done += f" {skipped} already past New (or spam) left as they were."
        self._move(request, new, Lead.Status.CONTACTED, done)

    @admin.action(description="Mark as spam", permissions=["change"])
    def mark_spam(self, request, queryset):
        self._move(request, queryset, Lead.Status.SPAM, "Marked as spam.")

    @admin.action(description="Not spam (recover as New)", permissions=["change"])
    def mark_not_spam(self, request, queryset):
        self._move(
            request,
            queryset.filter(is_spam=True),
            Lead.Status.NEW,
            "Recovered as new leads.",
        )

    def _move(self, request, queryset, status, done):
        """Change the status of the selected leads, each recorded with who and when."""
        for lead in queryset:
            lead_change_status(lead=lead, to=status, by=request.user, request=request)
        messages.success(request, done)

    @admin.action(description="Export as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        leads = list(queryset.select_related("topic", "article", "owner"))
        audit_record(action=AuditEntry.Action.EXPORT, leads=leads, request=request)
        header = [
            "lead", "received", "name", "phone", "email", "preferred_contact",
            "topic", "message", "status", "owner", "article", "source_page",
            "utm_source", "utm_medium", "utm_campaign", "first_contacted_at",
        ]  # fmt: skip
        rows = (
            [
                lead.pk,
                timezone.localtime(lead.created_at).isoformat(),
                lead.name,
                lead.phone,
                lead.email,
                lead.preferred_contact,
                lead.topic.name if lead.topic else "",
                lead.message,
                lead.status,
                lead.owner.get_username() if lead.owner else "",
                lead.article.title if lead.article else "",
                lead.source_page,
                lead.utm_source,
                lead.utm_medium,
                lead.utm_campaign,
                lead.first_contacted_at.isoformat() if lead.first_contacted_at else "",
            ]
            for lead in leads
        )
        writer = csv.writer(Echo())
        stream = (
            writer.writerow([csv_safe(v) for v in row]) for row in [header, *rows]
        )
        response = StreamingHttpResponse(stream, content_type="text/csv")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="leads-{stamp}.csv"'
        response["Cache-Control"] = "no-store"
        return response


def normalize_phone(text):
    """E.164 for a search term that is a valid phone number, else None (a date
    or a partial number is searched as text)."""
    if any(ch.isalpha() for ch in text):
        return None
    number = to_python(text)
    if isinstance(number, PhoneNumber) and number.is_valid():
        return number.as_e164
    return None


def lead_duplicates(lead):
    """Other leads with the same phone number or e-mail address."""
    condition = Q()
    if lead.phone:
        condition |= Q(phone=lead.phone)
    if lead.email:
        condition |= Q(email__iexact=lead.email)
    if not condition:
        return []
    return list(Lead.objects.filter(condition).exclude(pk=lead.pk)[:20])


def touch_html(touch):
    if not touch:
        return "None recorded"
    labels = [
        ("utm_source", "Source"),
        ("utm_medium", "Medium"),
        ("utm_campaign", "Campaign"),
        ("utm_term", "Term"),
        ("utm_content", "Content"),
        ("gclid", "Google click id"),
        ("fbclid", "Facebook click id"),
        ("msclkid", "Microsoft click id"),
        ("referrer", "Referrer"),
        ("landing_page", "Landing page"),
        ("at", "Time"),
    ]
    return format_html(
        '<dl class="lead-touch">{}</dl>',
        format_html_join(
            "",
            "<dt>{}</dt><dd>{}</dd>",
            ((label, touch[key]) for key, label in labels if touch.get(key)),
        ),
    )


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records written by the system: nobody adds, changes or deletes them here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SuperuserOnlyAdmin(ReadOnlyAdmin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser


@admin.register(AuditEntry)
class AuditEntryAdmin(SuperuserOnlyAdmin):
    """Superusers only; nobody can add, change or delete entries."""

    list_display = ["at", "username", "action", "lead_count", "ip_address", "detail"]
    list_filter = ["action", ("at", admin.DateFieldListFilter)]
    search_fields = ["username", "detail"]
    date_hierarchy = "at"
    show_full_result_count = False


@admin.register(OutboxEmail)
class OutboxEmailAdmin(SuperuserOnlyAdmin):
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


@admin.register(CallClick)
class CallClickAdmin(ReadOnlyAdmin):
    list_display = ["day", "page", "article", "utm_source", "utm_campaign", "count"]
    list_filter = [("day", admin.DateFieldListFilter)]
    list_select_related = ["article"]
    date_hierarchy = "day"
