"""The e-mails a lead causes, from templates in templates/leads/email/.

Staff e-mails carry no health information: no name, contact detail, message,
topic or answer; only the lead's number, when it came and a link. The patient's
acknowledgement repeats nothing they wrote."""

from datetime import datetime
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from clinic.info import clinic_info
from leads.models import Lead
from locations.models import Location
from locations.selectors import public_locations
from outbox.services import Email


def received_display(at: datetime) -> str:
    return timezone.localtime(at).strftime("%b %d, %Y %I:%M %p %Z")


def email_render(name: str, context: dict[str, Any]) -> tuple[str, str]:
    """(subject, body) of templates/leads/email/<name>_subject.txt and <name>.txt."""
    subject = render_to_string(f"leads/email/{name}_subject.txt", context)
    body = render_to_string(f"leads/email/{name}.txt", context)
    return " ".join(subject.split()), body.strip() + "\n"


def new_lead_email(lead: Lead) -> Email:
    """The front desk's notice of a new lead."""
    subject, body = email_render(
        "new_lead", {"lead": lead, "received": received_display(lead.created_at)}
    )
    return {"to": settings.LEADS_NOTIFY_EMAILS, "subject": subject, "body": body}


def acknowledgement_email(lead: Lead, office: Location | None) -> Email:
    """The patient's confirmation: our office and phone, and nothing they wrote."""
    several_offices = office is not None and len(public_locations()) > 1
    subject, body = email_render(
        "acknowledgement",
        {
            "clinic_name": settings.CLINIC_NAME,
            "office": office if several_offices else None,
            "phone": clinic_info().phone_display,
            "emergency_number": settings.EMERGENCY_NUMBER,
        },
    )
    return {"to": [lead.email], "subject": subject, "body": body}


def digest_email(leads: list[Lead]) -> Email:
    """One notice for the leads one sender sent past the hourly allowance."""
    rows = [
        {
            "pk": lead.pk,
            "received": received_display(lead.created_at),
            "admin_link": lead.admin_link,
        }
        for lead in leads
    ]
    subject, body = email_render(
        "digest", {"leads": rows, "per_hour": settings.LEADS_NOTIFY_PER_CLIENT_HOUR}
    )
    return {"to": settings.LEADS_NOTIFY_EMAILS, "subject": subject, "body": body}
