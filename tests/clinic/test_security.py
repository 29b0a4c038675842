import os
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from django.views.debug import get_exception_reporter_class

from tests.factories import PASSWORD, make_front_desk

pytestmark = pytest.mark.django_db
ROOT = settings.BASE_DIR
# The production settings the README's "Configuration" section sets.
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 30 + "-production-like-secret-value-0123456789",
    "ALLOWED_HOSTS": "clinic.example",
    "SITE_URL": "https://clinic.example",
    "TRUST_X_FORWARDED_PROTO": "true",
    "TRUSTED_PROXIES": "10.0.0.0/8",
}


def run_check(env_overrides, *args):
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(env_overrides)
    env = {k: v for k, v in env.items() if v is not None}  # None: unset it
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_check({"DEBUG": "false", "SECRET_KEY": ""})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_unset_debug_means_production():
    """A process started with nothing set (a systemd unit, a cron job) runs in
    production mode, and so refuses to start without a real secret key."""
    result = run_check({"DEBUG": None, "SECRET_KEY": None})
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(
    "backend",
    [
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
        "django.core.mail.backends.dummy.EmailBackend",
    ],
)
def test_worker_refuses_to_print_patients_mail_outside_development(settings, backend):
    """A worker that would print e-mails and mark them sent stops with a message."""
    from django.core.management import call_command
    from django.core.management.base import CommandError

    settings.DEBUG = False
    settings.EMAIL_BACKEND = backend
    with pytest.raises(CommandError, match="prints e-mails"):
        call_command("run_worker", "--once")


def test_production_refuses_a_weak_secret_key():
    result = run_check({"DEBUG": "false", "SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "too weak" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = run_check(
        PRODUCTION_ENV,
        "--deploy",
        "--fail-level",
        "WARNING",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_admin_login_locks_out_after_repeated_failures(client):
    make_front_desk("franco")
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(url, {"username": "franco", "password": "wrong"})
    response = client.post(url, {"username": "franco", "password": PASSWORD})
    assert response.status_code in (403, 429)
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("next_url", ["https://evil.test/", "//evil.test/x"])
def test_sign_in_with_a_foreign_next_goes_to_the_admin_index(client, next_url):
    """A crafted sign-in link never sends staff to another site, nor to a 404."""
    user = make_front_desk()
    response = client.post(
        reverse("admin:login") + "?next=" + next_url,
        {"username": user.username, "password": PASSWORD, "next": next_url},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("admin:index")
    assert client.get(response["Location"]).status_code == 200


def test_staff_sessions_end_after_thirty_idle_minutes(client):
    """Activity keeps a session alive; thirty idle minutes end it."""
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock:
        client.force_login(make_front_desk())
        for _ in range(3):  # an hour of work, a request every 20 minutes
            clock.shift(timedelta(minutes=20))
            assert client.get("/admin/").status_code == 200
        clock.shift(timedelta(minutes=31))
        response = client.get("/admin/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client.session.get_expiry_age() <= 30 * 60


def test_weak_staff_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["password123", "12345678901234", "short"]:
        with pytest.raises(ValidationError):
            validate_password(weak)


def test_error_reports_hide_what_was_typed():
    request = RequestFactory().post(
        "/contact/?q=Jamie+Rivera",
        {"name": "Jamie Rivera", "message": "My secret symptom"},
        # What gunicorn and the browser add: the full address, the page before.
        RAW_URI="/contact/?q=Jamie+Rivera",
        HTTP_REFERER="https://clinic.example/admin/leads/lead/?q=Jamie+Rivera",
    )
    try:
        message = "My secret symptom"  # noqa: F841 - a local a traceback would show
        raise RuntimeError("boom")
    except RuntimeError:
        reporter = get_exception_reporter_class(request)(request, *sys.exc_info())
        text = reporter.get_traceback_text()
    assert "Jamie" not in text and "My secret symptom" not in text
    assert "/admin/leads/lead/?" in text  # the page before is still named
    assert mail.outbox == []


def test_error_reports_hide_every_cookie():
    """Attribution cookies hold landing addresses and search terms."""
    term = "-".join(["sciatica", "pain"])  # not spelled out in this source
    request = RequestFactory().get("/contact/")
    request.COOKIES = {"clinic_ft": f"landing=/?utm_term={term}", "sessionid": "s"}
    request.META["HTTP_COOKIE"] = f"clinic_ft=landing=/?utm_term={term}"
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        reporter = get_exception_reporter_class(request)(request, *sys.exc_info())
        text = reporter.get_traceback_text() + reporter.get_traceback_html()
    assert term not in text and "clinic_ft" in text


def test_foreign_host_header_is_a_400_not_a_500(client, settings):
    """A request for another host is refused plainly; building the error report
    for it (which happens in production) must not fail on that host."""
    from django.core.exceptions import DisallowedHost

    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["clinic.example"]
    request = RequestFactory().get("/contact/?q=x", HTTP_HOST="evil.test")
    try:
        request.get_host()
    except DisallowedHost:
        reporter = get_exception_reporter_class(request)(
            request, *sys.exc_info(), is_email=True
        )
        text = reporter.get_traceback_text()
    assert "evil.test/contact/" in text and "q=x" not in text
    client.raise_request_exception = False
    assert client.get("/contact/", HTTP_HOST="evil.test").status_code == 400


def test_check_deploy_warns_without_site_url():
    result = run_check(
        {**PRODUCTION_ENV, "SITE_URL": ""},
        "--deploy",
    )
    assert "clinic.W001" in result.stderr + result.stdout
