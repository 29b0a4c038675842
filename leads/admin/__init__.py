"""
The front desk's triage, and the records the system writes, in the admin.

Each module has one job; the admin only wires leads.services (writes: status,
owner, notes, audit) and leads.selectors (shared reads) into Django's admin:

- lead.py: the lead list and the lead page (LeadAdmin), and the audit of what
  they show;
- filters.py: the lead list's filters;
- forms.py: the lead page's form (status, owner, a new note);
- actions.py: bulk actions on the lead list;
- exports.py: the CSV export action;
- paginator.py: a paginator that never counts the whole table;
- teams.py: front-desk teams, and members marking themselves away and back;
- records.py: the read-only admin of the audit log (call counts are in
  attribution/admin.py; the outbox has its own, in outbox/admin.py).
"""

from leads.admin import lead, records, teams  # noqa: F401 (each registers its admins)
