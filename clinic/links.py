"""Full addresses of this site's pages (canonical links, sitemaps, e-mails)."""

from django.conf import settings
from django.core.exceptions import DisallowedHost


def absolute_url(request, path):
    """`path` on this site: under SITE_URL when set, else the request's host."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    try:
        return request.build_absolute_uri(path)
    except DisallowedHost:
        # A request for a host this site does not serve, answered with the 400
        # page: its links stay relative rather than naming that host.
        return path
