from django.http import HttpResponseServerError
from django.template import loader

from clinic.info import clinic_info


def server_error(request):
    """The branded 500 page, without context processors. The clinic's details
    come from the settings and the cached main location (clinic.info); an app
    that cannot read its part leaves the settings' values."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"clinic": clinic_info()}))
