from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import Resolver404, ResolverMatch, resolve
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import Post
from attribution.services import call_click_record
from attribution.touches import FIRST_TOUCH_COOKIE, read_touch
from clinic.net import client_hash


@csrf_exempt  # sendBeacon cannot carry the CSRF header; the origin is checked instead
@require_POST
def call_click(request: HttpRequest) -> HttpResponse:
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
    try:
        shown = _page_object(request, match)
    except Http404:
        return HttpResponse(status=400)
    call_click_record(
        page=page,
        article_id=shown.pk if isinstance(shown, Post) else None,
        touch=read_touch(request, FIRST_TOUCH_COOKIE),
        client=client_hash(request),
    )
    return HttpResponse(status=204)


def _page_object(request: HttpRequest, match: ResolverMatch) -> Any:
    """What the page a tap names shows (None for a page without arguments),
    found by the page's view by its own rule (an article that is published,
    an office that exists); Http404 for a page nobody can open. Anything
    anyone can make up is refused: "/articles/any-words/" resolves, but no
    such article exists."""
    if not match.kwargs:
        return None
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not hasattr(view_class, "get_object"):
        raise Http404("A page with arguments and no object")
    view = view_class()
    view.setup(request, *match.args, **match.kwargs)
    return view.get_object()
