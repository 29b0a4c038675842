"""
What a redirect's address is: a path on this site, written one way.

Editors paste addresses in many forms (`/caf%C3%A9/`, `/café/`, with spaces
around them); visitors' requests arrive decoded (`request.path`). Both are
brought to one stored form, so a lookup is a plain equality on an index:

- the path is percent-decoded, as Django decodes `request.path`, except that
  `%`, `?` and `#` stay encoded (`%25`, `%3F`, `%23`), so the first `?` in a
  stored address always starts its query string;
- the query string is kept as sent, with spaces and non-ASCII letters encoded
  the way browsers send them (`iri_to_uri`, as `request.get_full_path()` does).

Anything that could lead a visitor to another site (`//evil.example`, a scheme,
a backslash, which browsers read as `/`) or that cannot be shown and stored
safely (control or invisible characters) is refused with a clear message.
"""

from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.utils.encoding import iri_to_uri

MAX_LENGTH = 500
EXAMPLE = "/articles/sciatica/"


def normalise_path(value, *, query_allowed):
    """
    The address as stored, or ValidationError (with a code) saying what is wrong.

    `query_allowed`: whether the address may carry a query string (`/?p=12`, an
    old WordPress address); a new address may not, so one hop stays one hop.
    """
    value = (value or "").strip()
    if not value:
        raise ValidationError("Enter an address.", code="required")
    _refuse_unsafe_characters(value)
    if not value.startswith("/"):
        if "://" in value or value.lower().startswith(("http:", "https:")):
            raise ValidationError(
                f"Enter an address on this site, starting with “/” (such as "
                f"{EXAMPLE}), not a full URL with http:// or a domain name.",
                code="not_site_relative",
            )
        raise ValidationError(
            f"Start the address with “/”, such as {EXAMPLE}.",
            code="not_site_relative",
        )
    if value.startswith("//"):
        raise _other_site()
    try:
        parts = urlsplit(value)
    except ValueError as error:
        raise ValidationError(
            "This is not a valid address.", code="invalid_address"
        ) from error
    if parts.fragment or "#" in value:
        raise ValidationError(
            "Leave out the part from “#”: browsers never send it to the site.",
            code="fragment",
        )
    if parts.query and not query_allowed:
        raise ValidationError(
            "The new address must be a page of this site without “?…” after it.",
            code="query_not_allowed",
        )
    try:
        path = unquote(parts.path, errors="strict")
    except UnicodeDecodeError as error:
        raise ValidationError(
            "The address has %-codes that are not valid text (UTF-8).",
            code="bad_encoding",
        ) from error
    # The decoded path again: `%0A`, `%5C` or `/%2Fevil.example` hide the same
    # dangers.
    _refuse_unsafe_characters(path)
    if path.startswith("//"):
        raise _other_site()
    stored = path_key(path)
    query = iri_to_uri(parts.query)
    return f"{stored}?{query}" if query else stored


def path_key(path):
    """A decoded path (such as `request.path`) in its stored form."""
    return path.replace("%", "%25").replace("?", "%3F").replace("#", "%23")


def query_key(query_string):
    """A request's raw query string in its stored form."""
    return iri_to_uri(query_string)


def address_variants(address):
    """The address, then the same with or without the slash at the end of its
    path (query string kept): the middleware and the services treat them as one."""
    path, separator, query = address.partition("?")
    other = path[:-1] if path.endswith("/") else f"{path}/"
    if not other:  # the home page "/" has no slash-less form
        return [address]
    return [address, f"{other}{separator}{query}"]


def is_storable(address):
    """Whether an address taken from a request could be a stored one at all
    (a lookup for anything else is skipped: it cannot match)."""
    return (
        len(address) <= MAX_LENGTH
        and "\\" not in address
        and all(_is_visible(char) for char in address)
    )


def _is_visible(char):
    # Control characters (tab, line breaks, NUL), invisible ones (zero-width,
    # text-direction overrides, unusual spaces) and lone surrogates are never
    # part of an address an editor means; NUL cannot even be stored in
    # PostgreSQL. A plain space can be (`/a%20b/`).
    return char.isprintable() or char == " "


def _refuse_unsafe_characters(value):
    if not all(_is_visible(char) for char in value):
        raise ValidationError(
            "The address contains control or invisible characters (such as a "
            "line break, a tab, a zero-width or non-breaking space). Type it again.",
            code="control_characters",
        )
    if "\\" in value:
        # Browsers read "\" as "/": "/\evil.example" would lead to another site.
        raise ValidationError(
            "Addresses on this site never contain “\\”; use “/”.",
            code="backslash",
        )


def _other_site():
    return ValidationError(
        f"An address starting with “//” leads to another site. Enter an address "
        f"on this site, such as {EXAMPLE}.",
        code="other_site",
    )
