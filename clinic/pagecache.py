"""
A short-lived cache of rendered public pages.

Article and contact pages are the same for every visitor except for two tokens in
the contact form (the CSRF token and the one-time form token). They are rendered
once with placeholders, kept for PAGE_CACHE_SECONDS in the process's own cache,
and the placeholders are filled in for each request. Nothing here is state: losing
the cache only costs a render. Saving a post, topic or reviewer clears this
process's pages at once; other processes catch up within PAGE_CACHE_SECONDS.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

CSRF_PLACEHOLDER = "__clinic_csrf_token__"
GENERATION_KEY = "page:generation"


def _key(request):
    generation = cache.get_or_set(GENERATION_KEY, 1, None)
    raw = f"{generation}|{request.get_host()}|{request.path}"
    return "page:" + hashlib.sha256(raw.encode()).hexdigest()


def cached_html(request, build, *, seconds=None):
    """The page's HTML from the cache, or from `build()` (a 200 response)."""
    seconds = settings.PAGE_CACHE_SECONDS if seconds is None else seconds
    key = _key(request) if seconds else None
    html = cache.get(key) if key else None
    if html is None:
        response = build()
        if hasattr(response, "render"):
            response.render()
        html = response.content.decode()
        if key and response.status_code == 200:
            cache.set(key, html, seconds)
    return html


def fill(html, replacements):
    """Replace each placeholder with a value computed for this request."""
    for placeholder, value in replacements.items():
        if placeholder in html:
            html = html.replace(placeholder, value())
    return html


def forget_all():
    """Drop every cached page in this process (after content changes)."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, None)
