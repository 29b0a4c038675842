"""
Staff sign-in: who must pass a second factor, setting one up, checking codes,
and the sign-in log. The codes themselves are django-otp's (TOTP and static
recovery codes); this module only decides when to ask and records what happened.
"""

from __future__ import annotations

import enum
from datetime import timedelta
from typing import TYPE_CHECKING

from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django_otp import login as otp_login
from django_otp import verify_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from clinic import roles
from clinic.net import client_ip
from staffauth.models import SignInEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import User
    from django.http import HttpRequest

    class StaffRequest(HttpRequest):
        """A request from a signed-in staff member (the views require one)."""

        user: User


RECOVERY_CODE_COUNT = 10
What = SignInEvent.What


class Outcome(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    WAIT = "wait"  # django-otp's throttle: wrong codes in a row wait 1, 2, 4… s
    LOCKED = "locked"


def sign_in_event_record(
    *,
    what: str,
    request: HttpRequest | None = None,
    user: User | AnonymousUser | None = None,
    username: str = "",
    detail: str = "",
) -> SignInEvent:
    """Append one step of a sign-in to the log, with the client's address."""
    if isinstance(user, AnonymousUser):  # the one user who is not authenticated
        user = None
    if not username and user is not None:
        username = user.get_username()
    return SignInEvent.objects.create(
        user=user,
        username=username[:150],
        what=what,
        ip_address=client_ip(request) if request is not None else None,
        detail=detail[:200],
    )


def has_authenticator(user: User) -> bool:
    """Whether the user has set up an authenticator app."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).exists()


def second_factor_required(user: User | AnonymousUser) -> bool:
    """
    Whether this signed-in staff member must pass a second factor before the
    admin shows anything: with STAFF_MFA_REQUIRED on, anyone holding a
    permission clinic/roles.py says needs one (SECOND_FACTOR_APPS,
    SECOND_FACTOR_PERMISSIONS), and anyone else who chose to set one up, until
    this session is verified.
    """
    if not (settings.STAFF_MFA_REQUIRED and user.is_authenticated and user.is_staff):
        return False
    if user.is_verified():  # type: ignore[attr-defined]  # added by OTPMiddleware
        return False
    return (
        any(user.has_module_perms(app) for app in roles.SECOND_FACTOR_APPS)
        or any(user.has_perm(name) for name in roles.SECOND_FACTOR_PERMISSIONS)
        or has_authenticator(user)
    )


def second_factor_locked(user: User) -> bool:
    """
    Whether wrong second-factor codes lock the user out: AXES_FAILURE_LIMIT of
    them since the last accepted one, within AXES_COOLOFF_TIME (the password's
    lockout rules). A right password does not reset this count.
    """
    since = timezone.now() - (get_cool_off() or timedelta(days=3650))
    events = SignInEvent.objects.filter(user=user, at__gte=since)
    last_good = events.filter(
        what__in=[
            What.SECOND_FACTOR_SET_UP,
            What.SECOND_FACTOR_OK,
            What.RECOVERY_CODE_USED,
        ]
    ).aggregate(at=Max("at"))["at"]
    failures = events.filter(what=What.SECOND_FACTOR_FAILED)
    if last_good is not None:
        failures = failures.filter(at__gt=last_good)
    return failures.count() >= settings.AXES_FAILURE_LIMIT


def authenticator_pending(user: User) -> TOTPDevice:
    """The authenticator being set up: the same secret until it is confirmed."""
    device = (
        TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    )
    if device is None:
        device = TOTPDevice.objects.create(
            user=user, name="Authenticator app", confirmed=False
        )
    return device


@transaction.atomic
def authenticator_confirm(
    *, request: StaffRequest, device: TOTPDevice, code: str
) -> list[str] | None:
    """
    Confirm a pending authenticator with a code it shows: this session is then
    verified, and the user gets new recovery codes (returned, to be shown once).
    Returns None when the code does not match.
    """
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed or device.user_id != request.user.pk:
        return None
    if not device.verify_token(code):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    user = request.user
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name="Recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(
        [StaticToken(device=recovery, token=code) for code in codes]
    )
    otp_login(request, device)
    sign_in_event_record(what=What.SECOND_FACTOR_SET_UP, request=request, user=user)
    return codes


def second_factor_verify(
    *, request: StaffRequest, code: str, recovery: bool = False
) -> Outcome:
    """
    Check a code from the user's authenticator app, or (recovery=True) one of
    their recovery codes, which then stops working. A right code verifies this
    session; a wrong one is logged and counts towards the lockout.
    """
    user = request.user
    if second_factor_locked(user):
        return Outcome.LOCKED
    model = StaticDevice if recovery else TOTPDevice
    device = model.objects.devices_for_user(user, confirmed=True).first()
    if device is not None and not device.verify_is_allowed()[0]:
        return Outcome.WAIT
    matched = device and verify_token(user, device.persistent_id, code)
    if matched:
        otp_login(request, matched)
        if recovery:
            left = matched.token_set.count()
            sign_in_event_record(
                what=What.RECOVERY_CODE_USED,
                request=request,
                user=user,
                detail=f"{left} recovery code{'' if left == 1 else 's'} left",
            )
        else:
            sign_in_event_record(what=What.SECOND_FACTOR_OK, request=request, user=user)
        return Outcome.OK
    sign_in_event_record(
        what=What.SECOND_FACTOR_FAILED,
        request=request,
        user=user,
        detail="recovery code" if recovery else "authenticator code",
    )
    if second_factor_locked(user):
        sign_in_event_record(
            what=What.LOCKED_OUT, request=request, user=user, detail="second factor"
        )
        return Outcome.LOCKED
    return Outcome.WRONG
