"""
First-party campaign attribution, kept in signed cookies (no database write per
page view, nothing sent to any other origin).

A "touch" is a visit that arrived with campaign parameters (utm_*, click ids) or
from another site. The first touch is remembered for 90 days; the last touch is the
most recent one. Everything in a touch is untrusted input: it is length-limited
here and escaped wherever it is shown.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

Touch = dict[str, str]

FIRST_TOUCH_COOKIE = "clinic_ft"
LAST_TOUCH_COOKIE = "clinic_lt"
# The salt cookies were first signed with (when this lived in the leads app):
# changing it would forget every visitor's first touch.
COOKIE_SALT = "leads.attribution"
MAX_AGE = 90 * 24 * 60 * 60
CAMPAIGN_PARAMS = (
    "utm_source",
    "utm_medium",
    "utm_campaign",
    "utm_term",
    "utm_content",
    "gclid",
    "gbraid",
    "wbraid",
    "fbclid",
    "msclkid",
)
# Ad platforms that tag their clicks with an id and no utm_source (Google's
# auto-tagging): the source a click id stands for.
CLICK_ID_SOURCES = {
    "gclid": "google",
    "gbraid": "google",
    "wbraid": "google",
    "msclkid": "bing",
    "fbclid": "facebook",
}
MAX_VALUE_LENGTH = 200
MAX_URL_LENGTH = 500


def clip(value: object, limit: int = MAX_VALUE_LENGTH) -> str:
    return str(value).replace("\x00", "")[:limit]


def touch_from_request(request: HttpRequest) -> Touch | None:
    """The touch this request represents, or None for an ordinary internal visit."""
    params = {
        name: clip(request.GET[name])
        for name in CAMPAIGN_PARAMS
        if request.GET.get(name, "").strip()
    }
    referrer = request.META.get("HTTP_REFERER", "")
    external_referrer = ""
    if referrer:
        host = urlsplit(referrer).hostname or ""
        if host and host != request.get_host().split(":")[0]:
            external_referrer = clip(referrer, MAX_URL_LENGTH)
    if not params and not external_referrer:
        return None
    return {
        **params,
        "referrer": external_referrer,
        "landing_page": clip(request.get_full_path(), MAX_URL_LENGTH),
        "at": timezone.now().isoformat(timespec="seconds"),
    }


def direct_touch(request: HttpRequest) -> Touch:
    """A direct first visit: no campaign, only where the person landed."""
    return {
        "referrer": "",
        "landing_page": clip(request.get_full_path(), MAX_URL_LENGTH),
        "at": timezone.now().isoformat(timespec="seconds"),
    }


def touch_source(touch: Touch) -> str:
    """The campaign source of a touch: its utm_source, else the ad platform its
    click id belongs to, else "" (direct, or a link from another site)."""
    if touch.get("utm_source"):
        return touch["utm_source"]
    return next(
        (source for name, source in CLICK_ID_SOURCES.items() if touch.get(name)), ""
    )


def read_touch(request: HttpRequest, cookie_name: str) -> Touch:
    """The touch a cookie holds; {} when it is missing, expired or forged."""
    value = request.COOKIES.get(cookie_name)
    if not value:
        return {}
    try:
        touch = signing.loads(value, salt=COOKIE_SALT, max_age=MAX_AGE)
    except (signing.BadSignature, ValueError):
        return {}
    if not isinstance(touch, dict):
        return {}
    allowed = (*CAMPAIGN_PARAMS, "referrer", "landing_page", "at")
    return {k: clip(v, MAX_URL_LENGTH) for k, v in touch.items() if k in allowed}


def write_touch(response: HttpResponse, cookie_name: str, touch: Touch) -> None:
    """Remember a touch in the visitor's cookie."""
    # A response that sets a visitor's cookie must never be served to others.
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ["Cookie"])
    response.set_cookie(
        cookie_name,
        signing.dumps(touch, salt=COOKIE_SALT, compress=True),
        max_age=MAX_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
