"""WSGI entry point, used by gunicorn (`make serve`)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

application = get_wsgi_application()

# Gunicorn loads this module once in its master (--preload) and forks the
# workers from it. Everything loaded so far lives as long as the process, so it
# is moved out of the garbage collector's sight: the workers' collections no
# longer walk (and so no longer copy-on-write) the code they share.
gc.freeze()
