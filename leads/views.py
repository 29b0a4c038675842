import logging
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import DatabaseError
from django.http import HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from attribution.touches import FIRST_TOUCH_COOKIE, LAST_TOUCH_COOKIE, read_touch
from clinic.net import client_hash
from clinic.pagecache import cached_page
from leads.forms import ContactForm, replacement_form_token
from leads.services import FormTokenSpent, lead_create
from leads.submissions import Client
from locations.selectors import public_locations

logger = logging.getLogger(__name__)


@cache
def thanks_url():
    """The thank-you page's address, looked up once per process (every
    submission is sent there)."""
    return reverse("leads:contact-sent")


def client_from_request(request):
    """Who sent a form, as the lead keeps it: a keyed hash of the address and
    the campaign touches from the attribution cookies."""
    return Client(
        address_hash=client_hash(request),
        first_touch=read_touch(request, FIRST_TOUCH_COOKIE),
        last_touch=read_touch(request, LAST_TOUCH_COOKIE),
    )


def _is_utf8(request):
    """Form posts must be UTF-8; anything else would be stored garbled."""
    if request.content_type != "application/x-www-form-urlencoded":
        return True
    try:
        request.body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


@never_cache
@require_http_methods(["GET", "POST"])
@cached_page
def contact(request):
    """The contact page; every contact form on the site posts here."""
    if request.method == "POST":
        if not _is_utf8(request):
            return render(request, "400.html", status=400)
        form = ContactForm(request.POST)
        try:
            if form.is_valid():
                lead, _created = lead_create(
                    submission=form.submission(),
                    client=client_from_request(request),
                    now=timezone.now(),
                )
                # 303: reloading the thank-you page never re-sends the form.
                return HttpResponseRedirect(_thanks_for(lead, form), status=303)
        except FormTokenSpent:
            form.add_error(
                "form_token",
                ValidationError(
                    "This form was already sent. Please check your details and "
                    "send it again.",
                    code="token_spent",
                ),
            )
        except DatabaseError:
            # Nothing was stored: the patient gets everything they typed back,
            # with a plain word that it was not sent, and our phone number.
            logger.warning("Database unavailable; contact form shown again (503)")
            response = render(
                request, "leads/contact.html", {"form": form, "not_sent": True}
            )
            response.status_code = 503
            response["Retry-After"] = "60"
            return response
        form.refresh_token_if_invalid()
        return render(request, "leads/contact.html", {"form": form}, status=400)
    return render(request, "leads/contact.html")


def csrf_failure(request, reason=""):
    """
    A missing or expired security token (settings.CSRF_FAILURE_VIEW). The
    contact form gets its form back with what the person typed, so sending it
    again is one click and nothing is lost; anything else a plain 403 page.
    """
    if request.path != reverse("leads:contact") or request.method != "POST":
        return render(request, "403_csrf.html", status=403)
    try:
        typed = {
            name: request.POST.getlist(name)
            if name == "preferred_times"
            else request.POST.get(name, "")
            for name in ContactForm.base_fields
            if name not in ("form_token", "website", "consent")
        }
    except (OSError, SuspiciousOperation, MultiPartParserError):
        typed = {}  # an unreadable or oversized body: start from an empty form
    typed["form_token"] = replacement_form_token(request.POST.get("form_token"))
    return render(
        request,
        "leads/contact.html",
        {"form": ContactForm(initial=typed), "csrf_failed": True},
        status=403,
    )


def _thanks_for(lead, form):
    """The thank-you page, naming the office the patient chose (by its slug:
    nothing the patient wrote goes into the address)."""
    if lead.location is None or "location" not in form.fields:
        return thanks_url()
    return f"{thanks_url()}?{urlencode({'location': lead.location.slug})}"


@require_http_methods(["GET", "HEAD"])
def contact_sent(request):
    slug = request.GET.get("location", "")
    location = next((x for x in public_locations() if x.slug == slug), None)
    return render(request, "leads/contact_sent.html", {"location": location})


@require_http_methods(["GET", "HEAD"])
def privacy(request):
    return render(
        request,
        "leads/privacy.html",
        {"consent_version": settings.LEADS_CONSENT_VERSION},
    )
