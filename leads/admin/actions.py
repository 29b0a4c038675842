"""Bulk actions on the lead list. Each change goes through leads.services."""

from django.contrib import admin, messages

from leads.models import Lead
from leads.services import lead_assign, lead_change_status


@admin.action(description="Assign to me", permissions=["change"])
def assign_to_me(modeladmin, request, queryset):
    for lead in queryset:
        lead_assign(lead=lead, to=request.user, by=request.user, request=request)
    messages.success(request, "Assigned to you.")


@admin.action(description="Mark contacted", permissions=["change"])
def mark_contacted(modeladmin, request, queryset):
    # Only new leads: a booked or closed lead never moves back to Contacted.
    new = queryset.filter(status=Lead.Status.NEW)
    skipped = queryset.count() - new.count()
    done = "Marked as contacted."
    if skipped:
        done += f" {skipped} already past New (or spam) left as they were."
    _move(request, new, Lead.Status.CONTACTED, done)


@admin.action(description="Mark as spam", permissions=["change"])
def mark_spam(modeladmin, request, queryset):
    _move(request, queryset, Lead.Status.SPAM, "Marked as spam.")


@admin.action(description="Not spam (recover as New)", permissions=["change"])
def mark_not_spam(modeladmin, request, queryset):
    _move(
        request,
        queryset.filter(is_spam=True),
        Lead.Status.NEW,
        "Recovered as new leads.",
    )


def _move(request, queryset, status, done):
    """Change the status of the selected leads, each recorded with who and when."""
    for lead in queryset:
        lead_change_status(lead=lead, to=status, by=request.user, request=request)
    messages.success(request, done)
