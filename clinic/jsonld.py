"""schema.org structured data embedded in pages, for any app."""

import json

from django.utils.safestring import mark_safe

_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data):
    """A <script type="application/ld+json"> element, safe to embed in HTML."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False).translate(
        _JSON_ESCAPES
    )
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308
