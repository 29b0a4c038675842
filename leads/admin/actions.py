"""Bulk actions on the lead list. Each change goes through leads.services, whose
status rules decide what may move; a lead they refuse is left as it was."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError

from leads.models import Lead
from leads.services import lead_assign, lead_change_status, lead_confirm_spam


@admin.action(description="Assign to me", permissions=["change"])
def assign_to_me(modeladmin, request, queryset):
    for lead in queryset:
        lead_assign(lead=lead, to=request.user, by=request.user, request=request)
    messages.success(request, "Assigned to you.")


@admin.action(description="Mark contacted", permissions=["change"])
def mark_contacted(modeladmin, request, queryset):
    # Spam is recovered on purpose (Not spam, or on the lead's page), never as a
    # side effect of marking a selection contacted.
    selected = queryset.count()
    moved = _move(request, queryset.not_spam(), Lead.Status.CONTACTED)
    if moved:
        messages.success(request, "Marked as contacted.")
    if selected - moved:
        messages.warning(
            request, f"{selected - moved} already past New (or spam) left as they were."
        )


@admin.action(description="Mark as spam", permissions=["change"])
def mark_spam(modeladmin, request, queryset):
    # Spam filed automatically counts as looked at once a person confirms it.
    for lead in queryset.spam():
        lead_confirm_spam(lead=lead, by=request.user, request=request)
    _move(request, queryset, Lead.Status.SPAM)
    messages.success(request, "Marked as spam.")


@admin.action(description="Not spam (recover where it was)", permissions=["change"])
def mark_not_spam(modeladmin, request, queryset):
    for lead in queryset.spam():
        lead_change_status(
            lead=lead, to=lead.status_before_spam(), by=request.user, request=request
        )
    messages.success(request, "Recovered: each lead is back where it was.")


def _move(request, queryset, status):
    """
    Move each lead to `status` through the service, recorded with who and when.
    Returns how many moved: a lead already there, or one the status rules
    refuse to move (say, booked back to contacted), stays as it was.
    """
    moved = 0
    for lead in queryset:
        if lead.status == status:
            continue
        try:
            lead_change_status(lead=lead, to=status, by=request.user, request=request)
        except ValidationError:
            continue
        moved += 1
    return moved
