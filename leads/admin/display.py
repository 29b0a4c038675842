"""What the lead list and lead page show about routing, escalation and
attribution (plain functions the admin's columns call)."""

from django.utils.html import format_html, format_html_join


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
