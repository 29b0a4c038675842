"""Every sign-in, failed sign-in, lockout and sign-out goes to the sign-in log."""

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import (
    user_logged_in,
    user_logged_out,
    user_login_failed,
)
from django.dispatch import receiver

from staffauth.models import SignInEvent
from staffauth.services import sign_in_event_record


@receiver(user_logged_in, dispatch_uid="staffauth-signed-in")
def signed_in(sender, request, user, **kwargs):
    sign_in_event_record(what=SignInEvent.What.SIGNED_IN, request=request, user=user)


@receiver(user_login_failed, dispatch_uid="staffauth-password-failed")
def password_failed(sender, credentials, request=None, **kwargs):
    User = get_user_model()
    username = str(credentials.get(User.USERNAME_FIELD) or "")
    user = User._default_manager.filter(**{User.USERNAME_FIELD: username}).first()
    sign_in_event_record(
        what=SignInEvent.What.PASSWORD_FAILED,
        request=request,
        user=user,
        username=username,
    )


@receiver(user_locked_out, dispatch_uid="staffauth-locked-out")
def locked_out(sender, request, username, ip_address, **kwargs):
    sign_in_event_record(
        what=SignInEvent.What.LOCKED_OUT,
        request=request,
        username=str(username or ""),
        detail="password",
    )


@receiver(user_logged_out, dispatch_uid="staffauth-signed-out")
def signed_out(sender, request, user, **kwargs):
    if user is not None:
        sign_in_event_record(
            what=SignInEvent.What.SIGNED_OUT, request=request, user=user
        )
