from django.conf import settings
from django.db import models
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice


class SignInEvent(models.Model):
    """
    One step of a staff sign-in, kept as an append-only log: passwords right and
    wrong, second factors, recovery codes, lockouts, sign-outs. Wrong second
    factors are also what the second-factor lockout counts.
    """

    class What(models.TextChoices):
        SIGNED_IN = "signed_in", "Signed in with password"
        PASSWORD_FAILED = "password_failed", "Wrong username or password"
        LOCKED_OUT = "locked_out", "Locked out after too many failures"
        SECOND_FACTOR_SET_UP = "second_factor_set_up", "Second factor set up"
        SECOND_FACTOR_OK = "second_factor_ok", "Second factor accepted"
        SECOND_FACTOR_FAILED = "second_factor_failed", "Wrong second-factor code"
        RECOVERY_CODE_USED = "recovery_code_used", "Recovery code used"
        SIGNED_OUT = "signed_out", "Signed out"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The account, when the username named one.",
    )
    username = models.CharField(
        max_length=150, blank=True, help_text="The username as it was given."
    )
    what = models.CharField(max_length=32, choices=What.choices)
    at = models.DateTimeField(auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    detail = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["user", "what", "at"])]
        verbose_name = "sign-in event"

    def __str__(self):
        return f"{self.username or '?'}: {self.get_what_display()}"


class Authenticator(TOTPDevice):
    """A staff member's authenticator app (django-otp's TOTP device), for the admin."""

    class Meta:
        proxy = True
        verbose_name = "authenticator app"


class RecoveryCodes(StaticDevice):
    """A staff member's recovery codes (django-otp's static device), for the admin."""

    class Meta:
        proxy = True
        verbose_name = "recovery code list"
