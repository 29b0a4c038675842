"""
WordPress post HTML (classic or block editor) to this site's Markdown.

markdownify does the conversion; before it, block-editor comments
(`<!-- wp:paragraph -->`) are removed, classic-editor text gets the paragraphs
WordPress adds only when it shows a post (wpautop), and shortcodes are taken
out and listed. Images are handed to a callback that copies them and returns
the Markdown that places them (`![](image:ID)` on a line of its own), or ""
when they cannot be brought over. The Markdown then goes through the site's
sanitizer when the post is saved, so nothing from the export (scripts, event
handlers, iframes) reaches a page.
"""

import re
from dataclasses import dataclass, field
from html import unescape
from urllib.parse import urlsplit

from markdownify import ATX, MarkdownConverter

COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# WordPress's own shortcodes: recognised even without attributes or a closing tag.
KNOWN_SHORTCODES = {"audio", "caption", "embed", "gallery", "playlist", "video"}
# Shortcodes whose content is the post's own text: their tags go, it stays.
KEEP_CONTENT = {"caption", "wp_caption"}
ATTRIBUTE = re.compile(r"[\w-]+\s*=")
SHORTCODE_TAG = re.compile(r"\[(/?)([A-Za-z][\w-]*)((?:\s[^\[\]]*)?)(/?)\]")
BLOCK_START = re.compile(
    r"^\s*<(?:p|div|h[1-6]|ul|ol|li|table|blockquote|pre|figure|hr|dl|section)\b",
    re.IGNORECASE,
)
WHITESPACE = re.compile(r"\s+")


@dataclass
class Converted:
    markdown: str
    shortcodes: list = field(default_factory=list)  # names, in order, repeated


def html_to_markdown(html, *, place_image=lambda src, alt: "", site_hosts=()):
    """
    Markdown for a post's HTML. `place_image(src, alt)` returns the Markdown for
    an image (or "" to leave it out); links to `site_hosts` (the old site)
    become paths on this site, so its redirects lead them on.
    """
    html = COMMENT.sub("", html or "")
    html, shortcodes = remove_shortcodes(html)
    html = autop(html)
    converter = _Converter(
        heading_style=ATX,
        bullets="-",
        place_image=place_image,
        site_hosts={host.lower() for host in site_hosts},
    )
    markdown = converter.convert(html)
    markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip()
    markdown = f"{markdown}\n" if markdown else ""
    return Converted(markdown=markdown, shortcodes=shortcodes)


def remove_shortcodes(html):
    """(html without shortcodes, their names). A shortcode is a [name …] tag
    with key=value attributes, one closed by "/]" or by a [/name] later on, or
    one of WordPress's own. Other brackets are the author's text ("[sic]",
    "[1]", "5 mg [max 10 mg]") and stay, as WordPress shows them."""
    closing = {m.group(2).lower() for m in SHORTCODE_TAG.finditer(html) if m.group(1)}
    found = []

    def replace(match):
        is_close, name, attributes, self_closing = match.groups()
        lowered = name.lower()
        if not (
            ATTRIBUTE.search(attributes)
            or self_closing
            or lowered in closing
            or lowered in KNOWN_SHORTCODES
        ):
            return match.group(0)
        if not is_close and lowered not in KEEP_CONTENT:
            found.append(lowered)
        return ""

    return SHORTCODE_TAG.sub(replace, html), found


def autop(html):
    """Paragraphs for classic-editor text, which WordPress stores with blank
    lines between paragraphs instead of <p> tags."""
    if re.search(r"<p[\s>]", html, re.IGNORECASE):
        return html
    chunks = re.split(r"\n\s*\n", html)
    return "\n".join(
        chunk if BLOCK_START.match(chunk) else f"<p>{chunk.strip()}</p>"
        for chunk in chunks
        if chunk.strip()
    )


def plain_text(html):
    """Text of a short piece of HTML (a title, an excerpt), entities decoded."""
    text = re.sub(r"<[^>]*>", " ", COMMENT.sub("", html or ""))
    return WHITESPACE.sub(" ", unescape(text)).strip()


def shorten(text, limit):
    """`text` cut at a word to at most `limit` characters, with "…" when cut."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.-–—|")
    return f"{cut}…"


class _Converter(MarkdownConverter):
    def __init__(self, *, place_image, site_hosts, **options):
        super().__init__(**options)
        self.place_image = place_image
        self.site_hosts = site_hosts

    def convert_img(self, el, text, parent_tags):
        placed = self.place_image(el.get("src") or "", (el.get("alt") or "").strip())
        return f"\n\n{placed}\n\n" if placed else ""

    def convert_a(self, el, text, parent_tags):
        if el.find("img") is not None and not el.get_text(strip=True):
            return text  # a linked image: the image alone, served from here
        href = el.get("href") or ""
        parts = urlsplit(href)
        if parts.hostname and parts.hostname.lower() in self.site_hosts:
            local = parts.path or "/"
            el["href"] = f"{local}?{parts.query}" if parts.query else local
        return super().convert_a(el, text, parent_tags)

    def convert_iframe(self, el, text, parent_tags):
        return ""

    def convert_noscript(self, el, text, parent_tags):
        return ""


MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")


def excerpt_from(markdown):
    """The first paragraph of text of a Markdown body, as plain text."""
    for paragraph in re.split(r"\n\s*\n", markdown):
        text = paragraph.strip()
        if not text or text.startswith(("#", "![", "|", "-", ">", "```")):
            continue
        text = MARKDOWN_LINK.sub(r"\1", text)
        return " ".join(re.sub(r"[*_`\\]", "", text).split())
    return ""
