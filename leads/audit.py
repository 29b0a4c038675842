"""The append-only audit log of every look at and change to lead data."""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import User
from django.http import HttpRequest

from clinic.net import client_ip
from leads.models import AuditEntry, Lead, LeadEvent


def audit_record(
    *,
    action: str,
    leads: Iterable[Lead | int],
    request: HttpRequest | None = None,
    user: Any = None,
    detail: str = "",
) -> AuditEntry:
    """Append an audit entry: who, when, which leads, from which address."""
    user = user or (request.user if request is not None else None)
    ids = [lead if isinstance(lead, int) else lead.pk for lead in leads]
    return AuditEntry.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        username=user.get_username() if user is not None else "",
        action=action,
        lead_ids=ids[:10_000],
        lead_count=len(ids),
        ip_address=client_ip(request) if request is not None else None,
        detail=detail[:300],
    )


def lead_history_record(
    *,
    lead: Lead,
    kind: str,
    by: User | None,
    request: HttpRequest | None,
    detail: str,
    **event: Any,
) -> LeadEvent:
    """A staff member's change to a lead: an entry in its timeline (what the
    front desk reads) and one in the audit log (who changed lead data)."""
    entry = LeadEvent.objects.create(lead=lead, kind=kind, author=by, **event)
    audit_record(
        action=AuditEntry.Action.CHANGE,
        leads=[lead],
        request=request,
        user=by,
        detail=detail,
    )
    return entry
