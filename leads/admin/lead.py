"""The lead list and the lead page: what the front desk triages in."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.timesince import timesince

from leads.admin.actions import assign_to_me, mark_contacted, mark_not_spam, mark_spam
from leads.admin.display import marks_html, routing_text, timeline_html, touch_html
from leads.admin.exports import export_csv
from leads.admin.filters import (
    EscalatedFilter,
    OverdueFilter,
    OwnerFilter,
    SourceFilter,
    SpamFilter,
)
from leads.admin.forms import LeadAdminForm
from leads.admin.paginator import CappedCountPaginator
from leads.audit import audit_record
from leads.models import AuditEntry, Lead
from leads.outcomes import lead_outcome_dates_set
from leads.selectors import lead_duplicates, leads_with_phone
from leads.services import lead_add_note, lead_assign, lead_change_status

PATIENT_FIELDS = [
    "name",
    "phone",
    "email",
    "preferred_contact",
    "message",
    "topic_display",
    "location",
    "patient_type",
    "preferred_times_display",
    "insurance",
    "consent_version",
    "consented_at",
    "checker_answers",
]
ORIGIN_FIELDS = [
    "created_at",
    "article_display",
    "source_page",
    "first_touch_display",
    "last_touch_display",
    "spam_display",
]
WORK_FIELDS = ["status", "appointment_on", "first_visit_on", "owner", "add_note"]
ROUTING_FIELDS = ["routing_display", "respond_by"]


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
        "spam_signs",
        "owner",
        "location",
        "team",
        "preferred_contact",
        "topic_display",
        "campaign",
        "article_display",
    ]
    list_display_links = ["lead_number", "name"]
    show_facets = admin.ShowFacets.NEVER  # facet counts would count the whole table
    list_filter = [
        "status",
        OverdueFilter,
        EscalatedFilter,
        OwnerFilter,
        "location",
        "team",
        "topic",
        SourceFilter,
        ("created_at", admin.DateFieldListFilter),
        SpamFilter,
    ]
    # Topic and article are shown by the names the lead keeps (Lead.topic_name,
    # Lead.article_title): no join, and still there after a deletion.
    list_select_related = ["owner", "location", "team"]
    search_fields = ["name", "email"]
    search_help_text = "Name, e-mail or phone number (any formatting)."
    show_full_result_count = False
    paginator = CappedCountPaginator
    list_per_page = 50
    ordering = ["-created_at", "-id"]
    actions = [assign_to_me, mark_contacted, mark_spam, mark_not_spam, export_csv]
    fieldsets = [
        ("What they sent (read-only)", {"fields": PATIENT_FIELDS}),
        ("Where they came from", {"fields": ORIGIN_FIELDS}),
        (
            "Timeline and work",
            {
                "fields": [
                    "timeline",
                    "response_time_display",
                    *ROUTING_FIELDS,
                    *WORK_FIELDS,
                ]
            },
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
        *ROUTING_FIELDS,
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
        return marks_html(lead)

    @admin.display(description="Routing")
    def routing_display(self, lead):
        return routing_text(lead)

    # Read-only blocks on the lead page

    @admin.display(description="Status history and notes")
    def timeline(self, lead):
        return timeline_html(lead)

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

    @admin.display(description="Topic", ordering="topic_name")
    def topic_display(self, lead):
        return lead.topic_name or "Not chosen"

    @admin.display(description="Preferred times")
    def preferred_times_display(self, lead):
        return ", ".join(lead.preferred_time_labels()) or "–"

    @admin.display(description="Article", ordering="article_title")
    def article_display(self, lead):
        return lead.article_title or "–"

    @admin.display(description="Possible spam")
    def spam_signs(self, lead):
        """Signs that can be wrong: shown so a person decides, never hidden."""
        if not lead.possible_spam:
            return ""
        return format_html(
            '<span class="lead-possible-spam">{}</span>', lead.spam_reasons_display
        )

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
        verdict = "Spam" if lead.is_spam else "Possible spam"
        return f"{verdict}: {lead.spam_reasons_display}"

    # Permissions: nobody adds or deletes leads here (retention is a command).

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # The lead page needs the owner as much as the list does (the list's
        # own select_related is skipped once this one is set).
        return super().get_queryset(request).select_related(*self.list_select_related)

    # Only the list's own filters and search: any other lookup on a lead's
    # fields (?name__icontains=…, ?message__icontains=…) would list patients by
    # what they wrote.
    filter_parameters = {
        "status__exact",
        "status__isnull",
        "topic__id__exact",
        "topic__isnull",
        "location__id__exact",
        "location__isnull",
        "team__id__exact",
        "team__isnull",
        "created_at__gte",
        "created_at__lt",
        *(f.parameter_name for f in (OverdueFilter, OwnerFilter, SourceFilter)),
        SpamFilter.parameter_name,
        EscalatedFilter.parameter_name,
    }

    def lookup_allowed(self, lookup, value, request):
        return lookup in self.filter_parameters

    # Search: any phone formatting finds the stored E.164 number.

    def get_search_results(self, request, queryset, search_term):
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            # Finding leads by name or phone from another form would bypass the
            # list's audit; no form here needs it.
            raise PermissionDenied
        # A phone number, however typed, is looked up exactly (an index hit).
        found = leads_with_phone(queryset, search_term)
        if found is not None:
            return found, False
        return super().get_search_results(request, queryset, search_term)

    # Audit every list page that shows leads and every view of a lead's page
    # (who, which leads; never what was searched or filtered for); route
    # changes through the services.

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None and response.status_code == 200:
            shown = [lead.pk for lead in changelist.result_list]
            narrowed = changelist.query or changelist.has_active_filters
            if shown:
                audit_record(
                    action=AuditEntry.Action.VIEW,
                    leads=shown,
                    request=request,
                    detail=f"{'searched or filtered ' if narrowed else ''}list, "
                    f"{len(shown)} lead(s) shown",
                )
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        # Any time the page is shown (also again after a failed save) is a view,
        # of this lead and of the other leads it lists as duplicates.
        lead = getattr(response, "context_data", {}).get("original")
        if response.status_code == 200 and lead is not None:
            others = [other.pk for other in lead_duplicates(lead)]
            audit_record(
                action=AuditEntry.Action.VIEW,
                leads=[lead.pk, *others],
                request=request,
                detail=f"lead page, {len(others)} duplicate(s) listed"
                if others
                else "",
            )
        return response

    def get_object(self, request, object_id, from_field=None):
        lead = super().get_object(request, object_id, from_field)
        if lead is not None and request.method == "POST":
            # Saving the lead page: lock the lead and read its status again, so
            # the form's status check judges what the service will change (the
            # admin validates and saves in one transaction, which keeps the lock).
            lead.refresh_from_db(
                fields=["status", "is_spam"],
                from_queryset=Lead.objects.select_for_update(),
            )
        return lead

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
        if {"appointment_on", "first_visit_on"} & set(form.changed_data):
            lead_outcome_dates_set(
                lead=lead,
                appointment_on=form.cleaned_data["appointment_on"],
                first_visit_on=form.cleaned_data["first_visit_on"],
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
