from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader
from django.urls import reverse

from clinic.info import clinic_info
from leads.views import contact_after_csrf_failure


def server_error(request):
    """The branded 500 page. Renders without the database or context processors."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"clinic": clinic_info()}))


def csrf_failure(request, reason=""):
    """A missing or expired security token (CSRF_FAILURE_VIEW)."""
    if request.path == reverse("leads:contact") and request.method == "POST":
        return contact_after_csrf_failure(request)
    return render(request, "403_csrf.html", status=403)
