"""The second step of signing in to the admin: set up an authenticator, or a code."""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import logout
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from staffauth.forms import AuthenticatorCodeForm, RecoveryCodeForm
from staffauth.services import (
    Outcome,
    authenticator_confirm,
    authenticator_pending,
    has_authenticator,
    second_factor_locked,
    second_factor_verify,
)

RECOVERY_CODES_SESSION_KEY = "staffauth_recovery_codes"


@sensitive_post_parameters("code")
@never_cache
@staff_member_required
def setup(request):
    """First sign-in: scan the QR code (or type the key), confirm with a code."""
    if has_authenticator(request.user):
        # Replacing a confirmed authenticator would let a password alone in.
        return _to("staffauth:verify", request)
    device = authenticator_pending(request.user)
    form = AuthenticatorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        codes = authenticator_confirm(
            request=request, device=device, code=form.cleaned_data["code"]
        )
        if codes is not None:
            request.session[RECOVERY_CODES_SESSION_KEY] = codes
            return _to("staffauth:recovery-codes", request, status=303)
        form.add_error(
            "code",
            ValidationError(
                "That code does not match. Check the app shows this site's entry "
                "and enter the code it shows now.",
                code="wrong",
            ),
        )
    key = b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m")
    return _render(
        request,
        "staffauth/setup.html",
        "Set up your second factor",
        form=form,
        qr_svg=qr.svg_inline(scale=4, title="QR code for your authenticator app"),
        key=" ".join(key[i : i + 4] for i in range(0, len(key), 4)),
    )


@sensitive_post_parameters("code")
@never_cache
@staff_member_required
def verify(request, recovery=False):
    """After the password: a code from the authenticator app (or a recovery code)."""
    user = request.user
    if user.is_verified():
        return HttpResponseRedirect(_next(request))
    if not has_authenticator(user):
        return _to("staffauth:setup", request)
    if second_factor_locked(user):
        return _locked(request)
    form = (RecoveryCodeForm if recovery else AuthenticatorCodeForm)(
        request.POST or None
    )
    if request.method == "POST" and form.is_valid():
        outcome = second_factor_verify(
            request=request, code=form.cleaned_data["code"], recovery=recovery
        )
        if outcome is Outcome.OK:
            return HttpResponseRedirect(_next(request), status=303)
        if outcome is Outcome.LOCKED:
            return _locked(request)
        if outcome is Outcome.WAIT:
            message = (
                "Too many wrong codes in a row: wait a few seconds, then try again."
            )
        elif recovery:
            message = "That recovery code is not right, or it was used already."
        else:
            message = "That code is not right. Enter the code your app shows now."
        form.add_error("code", ValidationError(message, code=outcome.value))
    return _render(
        request,
        "staffauth/verify.html",
        "Use a recovery code" if recovery else "Enter your code",
        form=form,
        recovery=recovery,
    )


def verify_recovery(request):
    return verify(request, recovery=True)


@never_cache
@staff_member_required
def recovery_codes(request):
    """The recovery codes made at set-up, shown this once."""
    codes = request.session.pop(RECOVERY_CODES_SESSION_KEY, None)
    if not codes:
        return HttpResponseRedirect(_next(request))
    return _render(
        request, "staffauth/recovery_codes.html", "Your recovery codes", codes=codes
    )


def _locked(request):
    logout(request)
    return render(
        request,
        "staffauth/locked.html",
        {**admin.site.each_context(request), "title": "Signing in is paused"},
        status=403,
    )


def _render(request, template, title, **context):
    context = {
        **admin.site.each_context(request),
        "title": title,
        "next": _next(request),
        **context,
    }
    return render(request, template, context)


def _next(request):
    """Where to go once verified: `next` if it is an address of this site."""
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("admin:index")


def _to(name, request, status=302):
    """Another step of the sign-in, carrying `next` along."""
    url = reverse(name) + "?" + urlencode({"next": _next(request)})
    return HttpResponseRedirect(url, status=status)
