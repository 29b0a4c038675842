from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from attribution.services import campaign_visit_record
from attribution.touches import (
    FIRST_TOUCH_COOKIE,
    LAST_TOUCH_COOKIE,
    direct_touch,
    read_touch,
    touch_from_request,
    write_touch,
)

SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/calls/")


class AttributionMiddleware:
    """Remembers the first and the latest campaign touch in signed cookies, and
    counts a visit that starts from a campaign."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method != "GET" or request.path.startswith(SKIP_PREFIXES):
            return response
        if response.status_code != 200:
            return response
        touch = touch_from_request(request)
        if touch is None:
            if FIRST_TOUCH_COOKIE not in request.COOKIES:
                # A direct first visit still records where the person landed.
                write_touch(response, FIRST_TOUCH_COOKIE, direct_touch(request))
            return response
        if not read_touch(request, FIRST_TOUCH_COOKIE):
            write_touch(response, FIRST_TOUCH_COOKIE, touch)
            campaign_visit_record(
                touch=touch, user_agent=request.META.get("HTTP_USER_AGENT", "")
            )
        write_touch(response, LAST_TOUCH_COOKIE, touch)
        return response
