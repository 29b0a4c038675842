from django.utils.functional import SimpleLazyObject

from clinic.info import clinic_info
from clinic.links import absolute_url


def canonical_url(request):
    """This page's address without tracking parameters (keeps ?page=N past 1)."""
    url = absolute_url(request, request.path)
    page = request.GET.get("page", "")
    if page.isdigit() and page != "1":
        url += f"?page={page}"
    return url


def clinic(request):
    """The clinic's details and this page's canonical URL, for every template."""
    return {
        "clinic": SimpleLazyObject(clinic_info),
        "canonical_url": SimpleLazyObject(lambda: canonical_url(request)),
    }
