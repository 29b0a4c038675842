"""Test settings: the real settings, with a fast hasher and nothing sent anywhere."""

import os

os.environ.setdefault("DEBUG", "true")

from clinic.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "test-pages",
        "TIMEOUT": PAGE_CACHE_SECONDS,  # noqa: F405
    },
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Under pytest-xdist (make test-fast) each worker gets a folder of its own: a
# worker's clean-up, or a test that finds no files there, must not see another's.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")  # "gw0", "gw1"…, or unset
MEDIA_ROOT = BASE_DIR / ".test-media" / _XDIST_WORKER  # noqa: F405
SERVE_MEDIA = True
SITE_URL = ""
AXES_ENABLED = True
LOGGING_CONFIG = None
# Live-server threads must not keep connections open past a test (the test
# database is dropped at the end).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
