"""Full addresses of this site's pages (canonical links, sitemaps, e-mails)."""

from django.conf import settings


def absolute_url(request, path):
    """`path` on this site: under SITE_URL when set, else the request's host."""
    if settings.SITE_URL:
        return settings.SITE_URL + path
    return request.build_absolute_uri(path)
