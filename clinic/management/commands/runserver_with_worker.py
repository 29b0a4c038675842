import os
import signal
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Development server with the background worker running alongside."

    def add_arguments(self, parser):
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args, addrport, **options):
        worker = None
        # runserver's autoreloader re-runs this command in a child process
        # (RUN_MAIN=true); only the outer process starts the worker.
        if os.environ.get("RUN_MAIN") != "true":
            # SIGTERM ends this command like Ctrl+C does, so the worker is stopped.
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            worker = subprocess.Popen(  # noqa: S603
                [sys.executable, "manage.py", "run_worker", "--exit-with-parent"],
                cwd=os.getcwd(),
            )
            self.stdout.write(f"Background worker started (pid {worker.pid}).")
        try:
            call_command("runserver", addrport)
        finally:
            if worker is not None:
                worker.terminate()
                worker.wait(timeout=10)
