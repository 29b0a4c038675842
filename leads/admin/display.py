"""What the lead list and lead page show about routing, escalation and
attribution (plain functions the admin's columns call)."""

from django.utils import timezone
from django.utils.html import format_html, format_html_join

from leads.models import Lead, LeadEvent


def marks_html(lead):
    """The list's markers: overdue, escalated, sent to the team lead."""
    marks = []
    if lead.is_overdue:
        marks.append(('<strong class="lead-overdue">{}</strong>', "Overdue"))
    if lead.escalated_at:
        marks.append(('<strong class="lead-escalated">{}</strong>', "Escalated"))
    if lead.routed_to_team_lead:
        marks.append(('<span class="lead-routing">{}</span>', "To team lead"))
    return format_html_join(" ", "{}", ((format_html(*m),) for m in marks))


def routing_text(lead):
    """How the lead was routed on arrival, and whether it was chased."""
    if lead.team is None:
        return "No team for its office: not assigned on arrival"
    flag = (
        " — nobody in the team was available, so it went to the team lead"
        if lead.routed_to_team_lead
        else ""
    )
    chased = []
    if lead.reminded_at:
        chased.append("owner reminded")
    if lead.escalated_at:
        chased.append("escalated to the team lead")
    return f"Team {lead.team.name}{flag}" + (
        f" ({', '.join(chased)})" if chased else ""
    )


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


def timeline_html(lead):
    """The lead's history, oldest first: arrival, status changes, assignments,
    outcome dates, notes, reminders."""
    events = lead.events.select_related("author")
    rows = [
        (
            timezone.localtime(lead.created_at).strftime("%b %d, %Y %H:%M"),
            "Patient",
            "Lead received"
            + (
                f" ({'spam' if lead.is_spam else 'possible spam'})"
                if lead.spam_reasons
                else ""
            ),
        )
    ]
    for event in events:
        if event.kind == LeadEvent.Kind.STATUS and event.text:
            what = event.text  # e.g. "Confirmed as spam"
        elif event.kind == LeadEvent.Kind.STATUS:
            what = "Status: {} → {}".format(
                Lead.Status(event.from_status).label
                if event.from_status in Lead.Status.values
                else event.from_status,
                Lead.Status(event.to_status).label
                if event.to_status in Lead.Status.values
                else event.to_status,
            )
        elif event.kind in (LeadEvent.Kind.ASSIGN, LeadEvent.Kind.RECORD):
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
