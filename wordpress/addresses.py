"""Which old addresses of the export become redirects here, and making them."""

from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve

from articles.models import Post
from redirects.services import redirect_create
from wordpress.report import describe

REDIRECT_NOTE = "Address of the old WordPress site."


def redirect_old_address(report, item, old, new):
    """Visitors to `old`, an address of the export's site (of `item`, or of
    the site with None), are sent to `new`; why not, when not, in `report`."""
    if page_here(old, new):
        where = describe(item) if item else "Site"
        report.warnings.append(
            f"{where}: no redirect from {old}: it is an address of this site"
        )
        return
    try:
        redirect_create(old_path=old, new_path=new, note=REDIRECT_NOTE)
    except ValidationError as error:
        codes = {e.code for errors in error.error_dict.values() for e in errors}
        if codes <= {"self_redirect"}:
            return  # the old address is the new one: nothing to do
        message = "; ".join(
            e.message % (e.params or {})
            for errors in error.error_dict.values()
            for e in errors
        )
        where = describe(item) if item else "Site"
        report.warnings.append(f"{where}: no redirect from {old}: {message}")


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
