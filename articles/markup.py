"""Markdown to safe HTML, done once when a post is saved."""

from html import unescape

import markdown
import nh3

from articles.markdown_images import BodyImagePlacer
from articles.models.body_images import BodyImage

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt",
    "em", "h2", "h3", "h4", "h5", "h6", "hr", "i", "li", "ol", "p", "pre", "s",
    "small", "strong", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr",
    "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "h2": {"id"},
    "h3": {"id"},
    "h4": {"id"},
    "h5": {"id"},
    "h6": {"id"},
    "th": {"scope"},
    "div": {"class"},
    "ol": {"start"},
}
ALLOWED_SCHEMES = {"http", "https", "mailto", "tel"}
WORDS_PER_MINUTE = 200


def render_markdown(text, *, figures=None):
    """
    Return (body_html, toc) for Markdown text: sanitized HTML, allow-list only.

    Headings get stable ids so they can be linked to; `toc` is a list of
    (level, id, title) tuples for an "In this article" list. A body's single `#`
    heading is demoted to `h2`, since the page title is the page's only `h1`.

    `![](image:ID)` on a line of its own becomes that body image's <figure>,
    added after sanitizing (articles/markdown_images.py); other images are
    dropped. `figures` maps a set of ids to {id: figure HTML}; by default the
    images are read from the database, in one query for all of them.
    """
    images = BodyImagePlacer()
    md = markdown.Markdown(
        extensions=["extra", "sane_lists", "toc", images],
        extension_configs={"toc": {"toc_depth": "1-3"}},
        output_format="html",
    )
    html = md.convert(text or "").replace("<h1", "<h2").replace("</h1>", "</h2>")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    clean = images.place_figures(clean, figures or BodyImage.objects.figures)
    toc = [
        (max(t["level"], 2), t["id"], unescape(t["name"]))
        for t in _flatten(md.toc_tokens)
    ]
    return clean, toc


def _flatten(tokens):
    for token in tokens:
        yield token
        yield from _flatten(token.get("children", []))


def reading_time_minutes(text):
    words = len((text or "").split())
    return max(1, round(words / WORDS_PER_MINUTE))
