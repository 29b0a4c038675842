from datetime import timedelta
from typing import Any

from django.http import HttpRequest

from clinic import hooks


class LeadsConfig(hooks.SiteAppConfig):
    name = "leads"
    verbose_name = "Leads"

    def ready(self):
        from leads import signals  # noqa: F401 (connects the receivers)

    def periodic_jobs(self) -> list[hooks.Job]:
        """Reminders and escalations for leads nobody answered in time
        (leads/escalation.py), every minute; the digest of one sender's leads
        past the hourly notice allowance (leads.services), every five
        minutes; the retention purge (leads/retention.py, by hand
        `manage.py purge_old_leads`), daily."""
        from leads.escalation import leads_chase
        from leads.retention import leads_purge_expired
        from leads.services import leads_digest_send

        return [
            hooks.Job(
                name="leads.chase", cadence=timedelta(minutes=1), run=leads_chase
            ),
            hooks.Job(
                name="leads.digest",
                cadence=timedelta(minutes=5),
                run=leads_digest_send,
            ),
            hooks.Job(
                name="leads.purge_expired",
                cadence=timedelta(days=1),
                run=leads_purge_expired,
            ),
        ]

    def dashboard_figures(self, request: HttpRequest) -> dict[str, Any]:
        """The front desk's figures on the admin index (clinic.admin_site)."""
        if not request.user.has_perm("leads.view_lead"):
            return {}
        from leads.models import Team
        from leads.reports import front_desk_figures
        from locations.models import Location

        locations = list(Location.objects.order_by("order", "name"))
        teams = list(Team.objects.all())
        location = _chosen(locations, request.GET.get("location"))
        team = _chosen(teams, request.GET.get("team"))
        figures = front_desk_figures(location=location, team=team)
        narrowing = ""
        if location is not None:
            narrowing += f"&location__id__exact={location.pk}"
        if team is not None:
            narrowing += f"&team__id__exact={team.pk}"
        figures.update(
            locations=locations,
            teams=teams,
            location=location,
            team=team,
            narrowing=narrowing,
        )
        return {"leads": figures}


def _chosen(rows, value):
    """The row whose pk `value` names (from the query string), or None."""
    if not value or not value.isdigit():
        return None
    return next((row for row in rows if row.pk == int(value)), None)
