from typing import Any

from django.http import HttpRequest

from clinic import hooks


class CheckerConfig(hooks.SiteAppConfig):
    name = "checker"
    verbose_name = "Condition checker"

    def dashboard_figures(self, request: HttpRequest) -> dict[str, Any]:
        """Checker use per day on the admin index, for those who work leads."""
        if not request.user.has_perm("leads.view_lead"):
            return {}
        from checker.reports import checker_days

        return {"checker": checker_days()}
