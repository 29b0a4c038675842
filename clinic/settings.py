"""
Settings for the clinic site.

Everything that differs between machines is read from the environment here, and only
here. With nothing set you get production settings (DEBUG off), which refuse to start
without a real SECRET_KEY; DEBUG=true asks for a development site on a SQLite file.
"""

import os
from ipaddress import ip_network
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from clinic.env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent


# Unset means production: development is asked for explicitly (`make run` and
# `make test` do), so a process started without it never runs in debug mode.
DEBUG = env_bool("DEBUG", False)

_DEV_SECRET_KEY = "django-insecure-development-only-never-use-in-production"  # noqa: S105
SECRET_KEY = os.environ.get("SECRET_KEY", "").strip()
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. With DEBUG off the site needs a real secret key: "
            "set SECRET_KEY to a long random string (for example the output of "
            "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`)."
        )
    SECRET_KEY = _DEV_SECRET_KEY
elif not DEBUG and (SECRET_KEY.startswith("django-insecure") or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak for production: use at least 50 random characters."
    )

ALLOWED_HOSTS = env_list(
    "ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "clinic.apps.ClinicAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "crispy_forms",
    "crispy_bootstrap5",
    "phonenumber_field",
    "csp",
    "axes",
    "simple_history",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "clinic.apps.ClinicConfig",
    # After django_otp's plugins: its admin.py replaces their device admins.
    "staffauth",
    "outbox",
    "redirects",
    # Apps offering the site hooks (clinic.hooks.SiteAppConfig) are named by
    # their config, so which class Django uses never depends on what their
    # apps.py happens to import.
    "locations.apps.LocationsConfig",
    "articles.apps.ArticlesConfig",
    "attribution",
    "leads.apps.LeadsConfig",
    "checker.apps.CheckerConfig",
    "campaigns.apps.CampaignsConfig",
    "wordpress",
]

MIDDLEWARE = [
    "clinic.middleware.ForwardedProtoFromProxiesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "clinic.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): whether this session passed a second factor.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",
    "staffauth.middleware.SecondFactorRequiredMiddleware",
    "attribution.middleware.AttributionMiddleware",
    # Innermost: turns a 404 into a 301 before CommonMiddleware would add a
    # slash (one hop), and only 404s (and "/?p=…") cost it a query.
    "redirects.middleware.RedirectFallbackMiddleware",
]

ROOT_URLCONF = "clinic.urls"
WSGI_APPLICATION = "clinic.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clinic.context_processors.clinic",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # TCP keepalives: a database host that vanished without closing its
    # connections (power loss, a network cut) shows as a broken connection
    # within about 25 s instead of a request hanging. Options in DATABASE_URL win.
    DATABASES["default"]["OPTIONS"] = {
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Staff sign in through the admin; a `next` address that is refused (another
# site) leads to the admin's index rather than Django's default profile URL.
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"

# Sessions live in the database so any app server can serve any request. Staff
# sessions end after 30 minutes without activity.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Brute-force lockout on the admin login (django-axes keeps its counters in the
# database, so the lockout holds across app servers).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 1  # hours
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_CLIENT_IP_CALLABLE = "clinic.net.lockout_address"
# Lock out an address after that many failures too, whatever usernames it tries.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
# Everyone who may see leads passes a second factor (an authenticator app's
# code, or a recovery code) after the password before any admin page shows.
# On unless DEBUG is on, so `make run`'s demo logins work straight away;
# STAFF_MFA_REQUIRED=true turns it on in development.
STAFF_MFA_REQUIRED = env_bool("STAFF_MFA_REQUIRED", not DEBUG)
# django-otp: a code is good for its 30-second step and one step either side
# (a phone's clock may be a little off); repeated wrong codes wait 1, 2, 4… s.
OTP_TOTP_THROTTLE_FACTOR = 1
OTP_STATIC_THROTTLE_FACTOR = 1
# The proxies (load balancers) in front of the app, as addresses or networks.
# X-Forwarded-For is believed only from them; empty = the app is reached
# directly and REMOTE_ADDR is the client.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:
    try:
        ip_network(_proxy, strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_error}") from _error

LANGUAGE_CODE = "en-us"
TIME_ZONE = os.environ.get("TIME_ZONE", "America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Bootstrap is a pinned copy in static/vendor/bootstrap/, never from a CDN.
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT") or BASE_DIR / "media")
SERVE_MEDIA = env_bool("SERVE_MEDIA", DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Upload limits: a lead image may be at most this many bytes and pixels.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
IMAGE_UPLOAD_MAX_BYTES = env_int("IMAGE_UPLOAD_MAX_BYTES", 8 * 1024 * 1024)
IMAGE_UPLOAD_MAX_PIXELS = 40_000_000

# Rendered article and contact pages are kept this many seconds in the "pages"
# cache (see clinic/pagecache.py); 0 turns that off. By default each app process
# keeps its own in memory; with several app servers, PAGE_CACHE_BACKEND and
# PAGE_CACHE_LOCATION can name one cache they all share (a cache of its own:
# content changes clear all of it).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 60)
PAGE_CACHE_ALIAS = "pages"
_LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
PAGE_CACHE_BACKEND = os.environ.get("PAGE_CACHE_BACKEND", "").strip() or _LOCMEM
# The default cache holds short-lived allowances (taps on a phone number per
# client and day). With several app servers, CACHE_BACKEND and CACHE_LOCATION
# name one cache they share (e.g. Django's database cache, "clinic_cache").
CACHE_BACKEND = os.environ.get("CACHE_BACKEND", "").strip() or _LOCMEM
CACHES = {
    "default": {
        "BACKEND": CACHE_BACKEND,
        "LOCATION": os.environ.get("CACHE_LOCATION", "").strip() or "default",
    },
    PAGE_CACHE_ALIAS: {
        "BACKEND": PAGE_CACHE_BACKEND,
        "LOCATION": os.environ.get("PAGE_CACHE_LOCATION", "").strip() or "pages",
        "TIMEOUT": PAGE_CACHE_SECONDS or None,
        **({"OPTIONS": {"MAX_ENTRIES": 2000}} if PAGE_CACHE_BACKEND == _LOCMEM else {}),
    },
}
# Per-visitor values filled into cached pages: placeholder name -> a function
# of the request that returns the value (the CSRF token is always filled in).
PAGE_CACHE_PLACEHOLDERS = {"form_token": "leads.forms.fresh_form_token"}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# E-mail
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20)
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Cedar Ridge Spine & Orthopedics <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# The clinic itself (fictional defaults, all overridable).
CLINIC_NAME = os.environ.get("CLINIC_NAME", "Cedar Ridge Spine & Orthopedics")
CLINIC_PHONE = os.environ.get("CLINIC_PHONE", "+1 201 555 0142")
CLINIC_STREET = os.environ.get("CLINIC_STREET", "48 Larkspur Avenue, Suite 200")
CLINIC_CITY = os.environ.get("CLINIC_CITY", "Maple Hollow")
CLINIC_REGION = os.environ.get("CLINIC_REGION", "NJ")
CLINIC_POSTAL_CODE = os.environ.get("CLINIC_POSTAL_CODE", "07999")
CLINIC_COUNTRY = os.environ.get("CLINIC_COUNTRY", "US")
CLINIC_HOURS = os.environ.get("CLINIC_HOURS", "Mon–Fri 8 am – 6 pm")
EMERGENCY_NUMBER = os.environ.get("EMERGENCY_NUMBER", "911")
# The name an authenticator app shows next to a staff member's codes.
OTP_TOTP_ISSUER = CLINIC_NAME
# Public base URL for canonical links (e.g. https://www.example-clinic.test).
# Also used for links in e-mails sent by the worker, which has no request.
SITE_URL = os.environ.get(
    "SITE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}" if DEBUG else ""
).rstrip("/")

# Security headers. HTTPS settings are on whenever DEBUG is off; HTTPS_ONLY=false
# turns them off for a local production-mode run without TLS (benchmarks).
HTTPS_ONLY = env_bool("HTTPS_ONLY", not DEBUG)
SECURE_SSL_REDIRECT = HTTPS_ONLY
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SECURE_HSTS_SECONDS = 31_536_000 if HTTPS_ONLY else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_HSTS_PRELOAD = HTTPS_ONLY
if env_bool("TRUST_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), browsing-topics=()"
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}
    },
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Request bodies never reach the logs; 4xx noise stays at WARNING.
        "django.request": {"level": "ERROR"},
        "django.security": {"level": "WARNING"},
    },
}
ADMINS = [("Site admin", a) for a in env_list("ADMIN_EMAILS", [])]
DEFAULT_EXCEPTION_REPORTER_FILTER = "clinic.reporting.NoPersonalDataFilter"
DEFAULT_EXCEPTION_REPORTER = "clinic.reporting.PrivateExceptionReporter"

# Leads
PHONENUMBER_DEFAULT_REGION = os.environ.get("PHONENUMBER_DEFAULT_REGION", "US")
# Who gets "new lead" notifications (no health information is ever in them).
LEADS_NOTIFY_EMAILS = env_list("LEADS_NOTIFY_EMAILS", ["frontdesk@clinic.example"])
# Send patients a short acknowledgement that repeats nothing they wrote.
LEADS_SEND_ACKNOWLEDGEMENT = env_bool("LEADS_SEND_ACKNOWLEDGEMENT", True)
# Spam defence: seconds a person needs at least to fill in the form, and how many
# submissions from one client address within the window are allowed before the
# rest are flagged as suspected spam.
LEADS_MIN_SECONDS = float(os.environ.get("LEADS_MIN_SECONDS", "3"))
# A form's one-time token expires this many hours after the page was rendered
# (longer than PAGE_CACHE_SECONDS, so a cached page never hands out a dead one).
LEADS_FORM_TOKEN_HOURS = env_int("LEADS_FORM_TOKEN_HOURS", 24)
LEADS_RATE_LIMIT = env_int("LEADS_RATE_LIMIT", 5)
LEADS_RATE_WINDOW_SECONDS = env_int("LEADS_RATE_WINDOW_SECONDS", 600)
# The front desk is e-mailed about at most this many leads from one client an
# hour; it hears of the rest in one digest.
LEADS_NOTIFY_PER_CLIENT_HOUR = env_int("LEADS_NOTIFY_PER_CLIENT_HOUR", 3)
# Version of the consent wording shown next to the checkbox; bump it when the
# wording changes so each lead records which text the patient agreed to.
LEADS_CONSENT_VERSION = "2026-11-01"
# Outbox worker: seconds between polls, and backoff cap for failed sends.
OUTBOX_POLL_SECONDS = float(os.environ.get("OUTBOX_POLL_SECONDS", "2"))
OUTBOX_MAX_BACKOFF_SECONDS = 3600
# How long a worker holds an e-mail it is sending; one killed mid-send leaves it
# to be sent again after this (longer than EMAIL_TIMEOUT).
OUTBOX_CLAIM_SECONDS = 300
CSRF_FAILURE_VIEW = "leads.views.csrf_failure"
# Taps on a phone number counted per client and day at most (more are forged).
CALL_CLICKS_PER_CLIENT_A_DAY = env_int("CALL_CLICKS_PER_CLIENT_A_DAY", 10)
# A lead still New this many minutes after it arrived is shown as overdue.
LEADS_RESPONSE_TARGET_MINUTES = env_int("LEADS_RESPONSE_TARGET_MINUTES", 15)
# Retention: leads older than this many months are deleted by
# the worker once a day (the job leads.purge_expired; by hand `manage.py
# purge_old_leads`); spam a person confirmed after SPAM_DAYS.
LEADS_RETENTION_MONTHS = env_int("LEADS_RETENTION_MONTHS", 24)
LEADS_SPAM_RETENTION_DAYS = env_int("LEADS_SPAM_RETENTION_DAYS", 30)

# Campaigns: ad spend is kept and reported in one currency (ISO 4217); a spend
# file in another is refused rather than converted.
CAMPAIGNS_CURRENCY = os.environ.get("CAMPAIGNS_CURRENCY", "USD")
# The only conversion names sent back to ad platforms, per outcome. They must
# name no condition or topic (campaigns/checks.py refuses to start otherwise).
CAMPAIGNS_CONVERSION_NAMES = {
    "booked": os.environ.get("CONVERSION_NAME_BOOKED", "Booked appointment"),
    "patient": os.environ.get("CONVERSION_NAME_PATIENT", "New patient"),
}
