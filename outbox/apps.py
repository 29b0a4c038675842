from django.apps import AppConfig


class OutboxConfig(AppConfig):
    """
    Transactional e-mail for every app: queue it with the change that causes it,
    and the worker (`manage.py run_worker`) sends it. Imports no other app.
    """

    name = "outbox"
    verbose_name = "E-mail outbox"
