"""
First-party campaign attribution, kept in signed cookies (no database write per
page view, nothing sent to any other origin).

A "touch" is a visit that arrived with campaign parameters (utm_*, click ids) or
from another site. The first touch is remembered for 90 days; the last touch is the
most recent one. Everything in a touch is untrusted input: it is length-limited
here and escaped wherever it is shown.
"""

import logging
import re
from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.db import DatabaseError
from django.utils import timezone
from django.utils.cache import patch_cache_control, patch_vary_headers

from leads.records import CampaignVisit, count_up

FIRST_TOUCH_COOKIE = "clinic_ft"
LAST_TOUCH_COOKIE = "clinic_lt"
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
SKIP_PREFIXES = ("/admin/", "/static/", "/media/", "/calls/")

logger = logging.getLogger(__name__)

# Visits from campaigns: robots that name themselves are not counted, and a
# day keeps at most this many campaign counters (the rest count as one).
ROBOT = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|curl", re.I)
MAX_CAMPAIGNS_A_DAY = 200
OTHER_CAMPAIGNS = "(other)"


def clip(value, limit=MAX_VALUE_LENGTH):
    return str(value).replace("\x00", "")[:limit]


def touch_from_request(request):
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


def touch_source(touch):
    """The campaign source of a touch: its utm_source, else the ad platform its
    click id belongs to, else "" (direct, or a link from another site)."""
    if touch.get("utm_source"):
        return touch["utm_source"]
    return next(
        (source for name, source in CLICK_ID_SOURCES.items() if touch.get(name)), ""
    )


def read_touch(request, cookie_name):
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


def _write(response, cookie_name, touch):
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


def campaign_visit_record(request, touch):
    """Count a visit that started from a campaign (a first touch with a source):
    one counter per day and campaign, nothing about the visitor. Robots that
    say so (link previews, crawlers) are not counted; campaign values are
    anyone's to write, so past MAX_CAMPAIGNS_A_DAY counters in a day new ones
    are counted together as OTHER_CAMPAIGNS. A database that cannot count the
    visit never costs the visitor the page."""
    source = touch_source(touch)
    if not source or ROBOT.search(request.META.get("HTTP_USER_AGENT", "")):
        return
    key = {
        "day": timezone.localdate(),
        "utm_source": source,
        "utm_campaign": touch.get("utm_campaign", ""),
    }
    try:
        count_up(CampaignVisit, first_count=_within_the_days_limit, **key)
    except DatabaseError:
        logger.warning("Could not count a campaign visit", exc_info=True)


def _within_the_days_limit(key):
    """Where a campaign's first visit of the day is counted: its own counter,
    or OTHER_CAMPAIGNS once the day has MAX_CAMPAIGNS_A_DAY counters."""
    if CampaignVisit.objects.filter(day=key["day"]).count() < MAX_CAMPAIGNS_A_DAY:
        return key
    return {**key, "utm_source": OTHER_CAMPAIGNS, "utm_campaign": ""}


class AttributionMiddleware:
    """Remembers the first and the latest campaign touch in signed cookies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.method != "GET" or request.path.startswith(SKIP_PREFIXES):
            return response
        if response.status_code != 200:
            return response
        touch = touch_from_request(request)
        if touch is None:
            if FIRST_TOUCH_COOKIE not in request.COOKIES:
                # A direct first visit still records where the person landed.
                _write(response, FIRST_TOUCH_COOKIE, self._direct(request))
            return response
        if not read_touch(request, FIRST_TOUCH_COOKIE):
            _write(response, FIRST_TOUCH_COOKIE, touch)
            campaign_visit_record(request, touch)
        _write(response, LAST_TOUCH_COOKIE, touch)
        return response

    @staticmethod
    def _direct(request):
        return {
            "referrer": "",
            "landing_page": clip(request.get_full_path(), MAX_URL_LENGTH),
            "at": timezone.now().isoformat(timespec="seconds"),
        }
