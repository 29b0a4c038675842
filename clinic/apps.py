from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class ClinicConfig(AppConfig):
    name = "clinic"
    verbose_name = "Clinic"

    def ready(self):
        from django.db.models.signals import post_migrate

        from clinic import checks  # noqa: F401 (registers the system checks)
        from clinic.roles import sync_roles_after_migrate

        # Once per migrate (sent for auth; sync_roles covers every app).
        post_migrate.connect(
            sync_roles_after_migrate,
            sender=self.apps.get_app_config("auth"),
            dispatch_uid="clinic-roles",
        )


class ClinicAdminConfig(AdminConfig):
    """The Django admin, with the clinic's own site (dashboard on the index)."""

    default_site = "clinic.admin_site.ClinicAdminSite"
