import logging
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseRedirect
from django.http.multipartparser import MultiPartParserError
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from clinic.pagecache import cached_page
from leads.forms import ContactForm, replacement_form_token
from leads.services import call_click_record, lead_create
from locations.selectors import public_locations

logger = logging.getLogger(__name__)


@cache
def thanks_url():
    """The thank-you page's address, looked up once per process (every
    submission is sent there)."""
    return reverse("leads:contact-sent")


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
                lead, _created = lead_create(form=form, request=request)
                # 303: reloading the thank-you page never re-sends the form.
                return HttpResponseRedirect(_thanks_for(lead, form), status=303)
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


@csrf_exempt  # sendBeacon cannot carry the CSRF header; the origin is checked instead
@require_POST
def call_click(request):
    """Counts a tap on a click-to-call link. Stores no personal data."""
    site = request.headers.get("Sec-Fetch-Site")
    origin = request.headers.get("Origin")
    same_origin = site == "same-origin" or (
        site is None and origin == f"{request.scheme}://{request.get_host()}"
    )
    if not same_origin:
        return HttpResponse(status=403)
    page = request.POST.get("page", "")
    try:
        match = resolve(page)
    except Resolver404:
        return HttpResponse(status=400)
    article_slug = (
        match.kwargs.get("slug") if match.view_name == "articles:detail" else None
    )
    call_click_record(page=page, article_slug=article_slug, request=request)
    return HttpResponse(status=204)
