from django.apps import AppConfig


class StaffauthConfig(AppConfig):
    name = "staffauth"
    verbose_name = "Staff sign-in"

    def ready(self):
        from staffauth import checks, signals  # noqa: F401 (registers them)
