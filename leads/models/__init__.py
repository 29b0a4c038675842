"""The leads app's models, one module per concern: the lead itself, its
timeline, the audit log, and the front desk's teams."""

from leads.models.audit import AuditEntry
from leads.models.events import LeadEvent
from leads.models.leads import Lead, LeadQuerySet, response_deadlines
from leads.models.teams import Team, TeamMember

__all__ = [
    "AuditEntry",
    "Lead",
    "LeadEvent",
    "LeadQuerySet",
    "Team",
    "TeamMember",
    "response_deadlines",
]
