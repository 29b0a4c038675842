import logging
import os
import signal
import time

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from outbox.services import outbox_send_due

logger = logging.getLogger(__name__)
# Backends that print, keep or drop mail instead of sending it (the worker
# would mark it sent): development only. (The test suite's in-memory backend
# is only ever configured by tests.)
PRINTING_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}


class Command(BaseCommand):
    help = (
        "Background worker: sends queued e-mails, retrying failures with backoff, "
        "and runs each app's periodic jobs (an app config's worker_round())."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once", action="store_true", help="Send what is due, then exit."
        )
        parser.add_argument(
            "--exit-with-parent",
            action="store_true",
            help="Stop when the process that started this one goes away.",
        )

    def handle(self, *args, once=False, exit_with_parent=False, **options):
        if settings.EMAIL_BACKEND in PRINTING_BACKENDS and not settings.DEBUG:
            raise CommandError(
                "EMAIL_BACKEND prints e-mails (patients' addresses among them) "
                "instead of sending them. Set EMAIL_BACKEND and EMAIL_HOST for a real "
                "mail server, or DEBUG=true for a development machine."
            )
        if once:
            run_jobs()
            sent, failed = outbox_send_due()
            self.stdout.write(f"Outbox: {sent} sent, {failed} failed.")
            return
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        self.stdout.write("Worker running (Ctrl+C to stop).")
        parent = os.getppid()
        while not stopping:
            if exit_with_parent and os.getppid() != parent:
                break
            close_old_connections()
            try:
                run_jobs()
                outbox_send_due()
            except Exception:
                logger.exception("Worker round failed; retrying")
            time.sleep(settings.OUTBOX_POLL_SECONDS)


def run_jobs():
    """Each app's periodic work (e.g. queueing the weekly review reminders),
    before sending, so what they queue goes out in the same round."""
    for config in apps.get_app_configs():
        job = getattr(config, "worker_round", None)
        if job is not None:
            job()
