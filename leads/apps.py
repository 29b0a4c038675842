from django.apps import AppConfig


class LeadsConfig(AppConfig):
    name = "leads"
    verbose_name = "Leads"

    def ready(self):
        from leads import signals  # noqa: F401 (connects the receivers)

    def dashboard_figures(self, request):
        """The front desk's figures on the admin index (clinic.admin_site)."""
        if not request.user.has_perm("leads.view_lead"):
            return {}
        from leads.reports import front_desk_figures

        return {"leads": front_desk_figures()}
