"""WSGI entry point, used by gunicorn (`make serve`)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clinic.settings")

application = get_wsgi_application()

# Everything loaded so far lives as long as the process: move it out of the
# garbage collector's sight (after collecting what is already garbage), so each
# collection walks only what requests create. With gunicorn's --preload this
# runs once in the master before the workers are forked, and the workers'
# collections then also leave the shared pages alone (fewer copied on write).
gc.collect()
gc.freeze()
