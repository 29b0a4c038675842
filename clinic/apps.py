from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic"


class ClinicAdminConfig(AdminConfig):
    """The Django admin, with the clinic's own site (dashboard on the index)."""

    default_site = "clinic.admin_site.ClinicAdminSite"
