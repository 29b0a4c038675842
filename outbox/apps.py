from django.apps import AppConfig


class OutboxConfig(AppConfig):
    """
    The background worker (`manage.py run_worker`): transactional e-mail for
    every app (queue it with the change that causes it, and the worker sends
    it), and every app's periodic jobs, each run once per cadence. Imports no
    other app.
    """

    name = "outbox"
    verbose_name = "Background worker"

    def ready(self):
        from outbox import checks  # noqa: F401 (registers the system checks)
