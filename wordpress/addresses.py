"""Which old addresses of the export may become redirects here."""

from django.urls import Resolver404, resolve

from articles.models import Post


def page_here(old, new):
    """Whether `old` (from the export) is an address this site answers itself:
    the home page, a list, or another post's page. A redirect from there would
    take it over (it answers where a page 404s, as /articles?page=9 does)."""
    path, _, query = old.partition("?")
    if path == "/":
        return not query  # "/?p=12" is WordPress's own address of a post
    for candidate in dict.fromkeys([path, path.rstrip("/") + "/"]):
        try:
            match = resolve(candidate)
        except Resolver404:
            continue
        if match.view_name != "articles:detail":
            return True
        slug = match.kwargs.get("slug")
        if candidate != new and Post.objects.filter(slug=slug).exists():
            return True
    return False
