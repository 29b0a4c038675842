from django.http import HttpResponseServerError
from django.template import loader

from clinic.info import clinic_info


def server_error(request):
    """The branded 500 page. Renders without the database or context processors."""
    template = loader.get_template("500.html")
    return HttpResponseServerError(template.render({"clinic": clinic_info()}))
