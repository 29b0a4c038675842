"""
A short-lived cache of rendered public pages, in each app process's memory.

Article and contact pages are the same for every visitor except for two tokens in
the contact form (the CSRF token and the one-time form token). They are rendered
once with placeholders, kept for PAGE_CACHE_SECONDS, and the placeholders are
filled in for each request. Nothing here is state: losing the cache only costs a
render. Saving a post, topic or reviewer clears this process's pages at once;
other processes catch up within PAGE_CACHE_SECONDS.

The same holds for the few small values those pages are built from and forms
check against (the list of topics): `cached_value()`.

A plain dict rather than Django's cache framework: the HTML is used as is, with
no pickling or locking on the hot path.
"""

import re
import time

from django.conf import settings

CSRF_PLACEHOLDER = "__clinic_csrf_token__"
# Every placeholder looks like this, so a page is split around them once.
PLACEHOLDER = re.compile(r"(__clinic_[a-z_]+__)")
MAX_PAGES = 2000

_pages = {}  # (host, path) -> (expires at, page split around its placeholders)
_values = {}  # name -> (expires at, value)


def cached_html(request, build, *, seconds=None):
    """
    The page from the cache, or from `build()` (cached if a 200), as a list of
    text parts and placeholders for fill().
    """
    seconds = settings.PAGE_CACHE_SECONDS if seconds is None else seconds
    key = (request.get_host(), request.path)
    now = time.monotonic()
    if seconds:
        entry = _pages.get(key)
        if entry is not None and entry[0] > now:
            return entry[1]
    response = build()
    if hasattr(response, "render"):
        response.render()
    parts = PLACEHOLDER.split(response.content.decode())
    if seconds and response.status_code == 200:
        if len(_pages) >= MAX_PAGES:
            _pages.clear()
        _pages[key] = (now + seconds, parts)
    return parts


def fill(parts, replacements):
    """The page's HTML with each placeholder's value computed for this request.

    `parts` comes from cached_html(), or is a rendered page as one string."""
    if isinstance(parts, str):
        parts = PLACEHOLDER.split(parts)
    values = {}
    out = []
    for index, part in enumerate(parts):
        if index % 2 and part in replacements:  # odd parts are placeholders
            if part not in values:
                values[part] = replacements[part]()
            part = values[part]
        out.append(part)
    return "".join(out)


def cached_value(name, build, *, seconds=None):
    """`build()`'s result, kept for PAGE_CACHE_SECONDS (or `seconds`; 0: not kept)."""
    seconds = settings.PAGE_CACHE_SECONDS if seconds is None else seconds
    now = time.monotonic()
    entry = _values.get(name)
    if entry is not None and entry[0] > now:
        return entry[1]
    value = build()
    if seconds:
        _values[name] = (now + seconds, value)
    return value


def forget_value(name):
    """Drop one cached value in this process; the next use builds it again."""
    _values.pop(name, None)


def forget_all():
    """Drop every cached page and value in this process (after content changes)."""
    _pages.clear()
    _values.clear()
