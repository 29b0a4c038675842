"""A constant form at /contact/ that takes a POST without touching the database.

It goes through the site's middleware, CSRF check included (the view is not
exempt), and answers a valid POST with the same 303 as the real contact form, so
bench/leads.py can drive it with exactly the requests it sends the site.
"""

import os

from django.http import HttpResponse, HttpResponseRedirect
from django.middleware.csrf import get_token
from django.urls import path
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

FORM = (
    '<!doctype html><title>Contact</title><form method="post" action="/contact/">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">'
    '<input type="hidden" name="form_token" value="constant">'
    '<input type="hidden" name="page" value="/contact/">'
    '<input type="hidden" name="article" value="">'
    '<button type="submit">Send message</button></form>'
)
# Padded to the real contact page's size (BENCH_FORM_BYTES, set by bench/leads.py).
_PADDING = max(0, int(os.environ.get("BENCH_FORM_BYTES") or 0) - len(FORM) - 100)
FORM += "<!--" + "x" * _PADDING + "-->"


@never_cache
@require_http_methods(["GET", "POST"])
def contact(request):
    if request.method == "POST":
        return HttpResponseRedirect("/contact/thanks/", status=303)
    return HttpResponse(FORM.format(csrf=get_token(request)))


urlpatterns = [path("contact/", contact)]
