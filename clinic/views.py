from django.http import HttpResponseServerError
from django.template import loader
from django.urls import reverse

from clinic.info import clinic_info


def server_error(request):
    """The branded 500 page. Renders without the database or context processors."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"clinic": clinic_info()}))


def csrf_failure(request, reason=""):
    """
    A missing or expired security token. For the contact form, show the form again
    with what the person typed, so sending it again is one click: nothing is lost.
    """
    from django.shortcuts import render

    from leads.forms import ContactForm, issue_form_token

    if request.path == reverse("leads:contact") and request.method == "POST":
        try:
            typed = {
                name: request.POST.get(name, "")
                for name in ContactForm.base_fields
                if name not in ("form_token", "website", "consent")
            }
        except Exception:  # an unreadable body: start from an empty form
            typed = {}
        typed["form_token"] = issue_form_token(already_waited=True)
        form = ContactForm(initial=typed)
        return render(
            request,
            "leads/contact.html",
            {"form": form, "csrf_failed": True},
            status=403,
        )
    return render(request, "403_csrf.html", status=403)
