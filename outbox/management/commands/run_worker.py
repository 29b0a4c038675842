import os
import signal
import time
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from clinic.hooks import site_jobs
from outbox.jobs import failure_log, jobs_run_due
from outbox.services import outbox_send_due

T = TypeVar("T")
# Backends that print, keep or drop mail instead of sending it (the worker
# would mark it sent): development only. (The test suite's in-memory backend
# is only ever configured by tests.)
PRINTING_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Command(BaseCommand):
    help = (
        "Background worker: runs each app's periodic jobs that are due (once per "
        "cadence however many workers run), then sends queued e-mails, retrying "
        "failures with backoff; every OUTBOX_POLL_SECONDS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Run the jobs that are due and send what is due, then exit.",
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
            ran = _step(run_jobs) or {}
            failed = sum(not ok for ok in ran.values())
            self.stdout.write(f"Jobs: {len(ran) - failed} ran, {failed} failed.")
            sent, failed = _step(outbox_send_due) or (0, 0)
            self.stdout.write(f"Outbox: {sent} sent, {failed} failed.")
            return
        self.stdout.write("Worker running (Ctrl+C to stop).")
        stopping = False

        def stop(signum, frame):
            nonlocal stopping
            stopping = True

        before = {number: signal.signal(number, stop) for number in STOP_SIGNALS}
        parent = os.getppid()
        try:
            while not stopping:
                if exit_with_parent and os.getppid() != parent:
                    break
                close_old_connections()
                # A failing step (the database away for a moment) leaves the
                # other to try; each job's own failure stays within run_jobs.
                for step in (run_jobs, outbox_send_due):
                    _step(step)
                time.sleep(settings.OUTBOX_POLL_SECONDS)
        finally:
            for number, handler in before.items():
                signal.signal(number, signal.SIG_DFL if handler is None else handler)


def _step(step: Callable[[], T]) -> T | None:
    """One step of a round; a failure (the database away for a moment) is
    logged without its text and leaves the other step to try."""
    try:
        return step()
    except Exception as exc:
        failure_log(f"Worker step {step.__name__}", exc)
        return None


def run_jobs() -> dict[str, bool]:
    """Each app's periodic jobs that are due (e.g. queueing the weekly review
    reminders), before sending, so what they queue goes out in the same round.
    Returns {name: whether it succeeded} for the jobs this worker ran."""
    return jobs_run_due(jobs=site_jobs())
