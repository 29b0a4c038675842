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
MEDIA_ROOT = BASE_DIR / ".test-media"  # noqa: F405
SERVE_MEDIA = True
SITE_URL = ""
AXES_ENABLED = True
LOGGING_CONFIG = None
# Live-server threads must not keep connections open past a test (the test
# database is dropped at the end).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
