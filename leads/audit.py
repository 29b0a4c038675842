"""The append-only audit log of every look at and change to lead data."""

from clinic.net import client_ip
from leads.models import AuditEntry


def audit_record(*, action, leads, request=None, user=None, detail=""):
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
