from django.conf import settings
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from leads.forms import ContactForm
from leads.services import call_click_record, lead_create


def contact_form_for(*, page, article=None, topic=None):
    """An unbound contact form for a page (used by the article and contact pages)."""
    initial = {"page": page}
    if article is not None:
        initial["article"] = article.slug
    if topic is not None:
        initial["topic"] = topic.pk
    return ContactForm(initial=initial)


@never_cache
@require_http_methods(["GET", "POST"])
def contact(request):
    """The contact page; every contact form on the site posts here."""
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            lead_create(form=form, request=request)
            # 303: reloading the thank-you page never re-sends the form.
            return HttpResponseRedirect(reverse("leads:contact-sent"), status=303)
        form.refresh_token_if_invalid()
        status = 400
    else:
        form = contact_form_for(page=request.path)
        status = 200
    return render(request, "leads/contact.html", {"form": form}, status=status)


@require_http_methods(["GET", "HEAD"])
def contact_sent(request):
    return render(request, "leads/contact_sent.html")


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
    if site not in (None, "same-origin") or (
        origin and origin != f"{request.scheme}://{request.get_host()}"
    ):
        return HttpResponse(status=403)
    call_click_record(page=request.POST.get("page", ""), request=request)
    return HttpResponse(status=204)
