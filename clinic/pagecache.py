"""
A short-lived cache of rendered public pages, in each app process's memory.

Article and contact pages are the same for every visitor except for two tokens in
the contact form (the CSRF token and the one-time form token). They are rendered
once with placeholders, kept for PAGE_CACHE_SECONDS, and the placeholders are
filled in for each request. Nothing here is state: losing the cache only costs a
render. Saving a post, topic or reviewer clears this process's pages at once;
other processes catch up within PAGE_CACHE_SECONDS.

A plain dict rather than Django's cache framework: the HTML is used as is, with
no pickling or locking on the hot path.
"""

import time

from django.conf import settings

CSRF_PLACEHOLDER = "__clinic_csrf_token__"
MAX_PAGES = 2000

_pages = {}  # (host, path) -> (expires at, html)


def cached_html(request, build, *, seconds=None):
    """The page's HTML from the cache, or from `build()` (cached if a 200)."""
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
    html = response.content.decode()
    if seconds and response.status_code == 200:
        if len(_pages) >= MAX_PAGES:
            _pages.clear()
        _pages[key] = (now + seconds, html)
    return html


def fill(html, replacements):
    """Replace each placeholder with a value computed for this request."""
    for placeholder, value in replacements.items():
        if placeholder in html:
            html = html.replace(placeholder, value())
    return html


def forget_all():
    """Drop every cached page in this process (after content changes)."""
    _pages.clear()
