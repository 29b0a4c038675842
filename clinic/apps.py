from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic"

    def ready(self):
        from clinic import checks  # noqa: F401 (registers the system checks)


class ClinicAdminConfig(AdminConfig):
    """The Django admin, with the clinic's own site (dashboard on the index)."""

    default_site = "clinic.admin_site.ClinicAdminSite"
