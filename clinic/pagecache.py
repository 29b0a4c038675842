"""
Rendered public pages, kept in Django's cache framework.

Article and contact pages are the same for every visitor except for a few
per-visitor values in the contact form (the CSRF token, the one-time form
token). They are rendered once with placeholders for those values, kept in the
cache named by PAGE_CACHE_ALIAS (an entry of its own in CACHES: local memory in
each process by default, or one cache all app servers share) for
PAGE_CACHE_SECONDS, and the placeholders are filled in for each request.

The rules, each tested in tests/clinic/test_pagecache.py:
- only GET and HEAD requests without a session read or fill the cache; a
  signed-in staff member always gets a freshly rendered page;
- the key is the host and the whole path with its query string;
- only a plain 200 is kept: a response that sets a cookie or asks not to be
  cached is passed on as it is; the headers a view sets are kept with the page;
- a page holding per-visitor values is marked private, so no shared cache
  (proxy, CDN) stores it;
- content changes clear the whole page cache (`clear_on_change`, connected by
  each app that shows content): at once where the cache is shared, within
  PAGE_CACHE_SECONDS in other processes otherwise.

Losing the cache only costs a render: nothing here is state.
"""

import hashlib
import re
from functools import wraps

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.cache import patch_cache_control
from django.utils.module_loading import import_string

PLACEHOLDER = re.compile(r"__clinic_([a-z_]+)__")
# Headers that describe one response's body, not the page.
_NOT_KEPT = {"content-length", "set-cookie"}


def placeholder(name):
    """The text a template puts where a per-visitor value goes."""
    return f"__clinic_{name}__"


CSRF_PLACEHOLDER = placeholder("csrf_token")


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def cached_page(view):
    """
    Serve the view's page from the page cache for anonymous GET requests, and
    fill in each visitor's values (see the module's docstring for the rules).
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = _cache_key(request) if _may_use_cache(request) else None
        entry = page_cache().get(key) if key else None
        if entry is None:
            response = view(request, *args, **kwargs)
            parts = _split(response)
            if key and _may_keep(response):
                page_cache().set(
                    key,
                    (response.status_code, _kept_headers(response), parts),
                    settings.PAGE_CACHE_SECONDS,
                )
        else:
            status, headers, parts = entry
            response = HttpResponse(status=status)
            for name, value in headers:
                response[name] = value
        return _filled(request, response, parts, from_cache=entry is not None)

    return wrapper


def fill(request, response):
    """The response with this visitor's values in place of the placeholders."""
    return _filled(request, response, _split(response))


def _split(response):
    """The page as text between placeholders: [text, name, text, name, …, text]
    (kept in the cache like that, so a hit only joins); None if streaming."""
    if getattr(response, "streaming", False):
        return None
    if hasattr(response, "render"):
        response.render()
    return PLACEHOLDER.split(response.content.decode(response.charset))


def _filled(request, response, parts, *, from_cache=False):
    if parts is None or (len(parts) == 1 and not from_cache):
        return response  # streamed, or nothing to fill in
    if len(parts) > 1:
        fillers = {"csrf_token": get_token, **_fillers()}
        values = {}
        for index in range(1, len(parts), 2):  # odd parts are placeholder names
            name = parts[index]
            if name not in values:
                values[name] = (
                    fillers[name](request) if name in fillers else f"__clinic_{name}__"
                )
        # It carries this visitor's tokens: a shared cache must never hand it
        # to someone else (see README, "Caching").
        patch_cache_control(response, private=True)
    else:
        values = {}
    response.content = "".join(
        values[part] if index % 2 else part for index, part in enumerate(parts)
    )
    return response


def cached_value(name, build):
    """`build()`'s result, kept with the pages (for values pages and forms use)."""
    if not settings.PAGE_CACHE_SECONDS:
        return build()
    return page_cache().get_or_set(
        f"value:{name}", build, timeout=settings.PAGE_CACHE_SECONDS
    )


def forget_value(name):
    """Drop one cached value; the next use builds it again."""
    page_cache().delete(f"value:{name}")


def clear():
    """Drop every cached page and value."""
    page_cache().clear()


def clear_on_change(**kwargs):
    """
    The receiver apps connect to their content's post_save, post_delete and
    m2m_changed: clears the page cache now, and again once the change is
    committed, since a page another request rendered from the old rows
    meanwhile must not stay cached.
    """
    clear()
    transaction.on_commit(clear)


def _fillers():
    return {
        name: import_string(path)
        for name, path in settings.PAGE_CACHE_PLACEHOLDERS.items()
    }


def _may_use_cache(request):
    # Only visitors without a session: signing in (staff) starts one, and
    # patients never need one. Checking the cookie costs no session lookup.
    return (
        settings.PAGE_CACHE_SECONDS > 0
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
    )


def _cache_key(request):
    address = f"{request.get_host()}{request.get_full_path()}"
    return "page:" + hashlib.sha256(address.encode()).hexdigest()


def _may_keep(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not getattr(response, "streaming", False)
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-"))
    )


def _kept_headers(response):
    return [
        (name, value)
        for name, value in response.items()
        if name.lower() not in _NOT_KEPT
    ]
