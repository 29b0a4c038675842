from datetime import UTC, datetime

import pytest
import time_machine
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD

SETUP = "staffauth:setup"
VERIFY = "staffauth:verify"


@pytest.fixture
def mfa_on(settings):
    settings.STAFF_MFA_REQUIRED = True


@pytest.fixture
def clock():
    """A fixed clock (codes change every 30 s); `clock.shift(seconds)` moves it."""
    start = datetime(2026, 11, 3, 14, 0, 5, tzinfo=UTC)
    with time_machine.travel(start, tick=False) as traveller:
        yield traveller


def code_now(device):
    """What the authenticator app shows now, computed by django-otp's TOTP."""
    device.refresh_from_db()
    code = totp(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{code:06d}"


def sign_in(client, user):
    """The admin's password form, as a person fills it in."""
    return client.post(
        reverse("admin:login"),
        {"username": user.get_username(), "password": PASSWORD, "next": "/admin/"},
    )


def set_up_authenticator(client, user):
    """Walk the set-up page; returns the device and the recovery codes shown."""
    client.get(reverse(SETUP))
    device = TOTPDevice.objects.get(user=user)
    response = client.post(reverse(SETUP), {"code": code_now(device)}, follow=True)
    codes = response.context["codes"]
    return device, codes
