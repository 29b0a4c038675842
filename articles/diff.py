"""
What changed between two versions of a post, as a reviewer reads it: the
rendered text block by block (headings, paragraphs, list items), with the words
removed and added marked, plus the title, excerpt, topics, image text and SEO
fields.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from html import unescape

from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe

from articles.models import version_topics

# A block ends where one of these elements closes.
_BLOCK_END = re.compile(
    r"</(?:h[1-6]|p|li|blockquote|pre|td|th|dt|dd|figcaption)>", re.IGNORECASE
)
_BLOCK_START = re.compile(
    r"<(h[1-6]|p|li|blockquote|pre|td|th|dt|dd|figcaption)\b", re.IGNORECASE
)

FIELDS = [
    ("title", "Title"),
    ("excerpt", "Excerpt"),
    ("image_alt", "Image description"),
    ("seo_title", "Search-engine title"),
    ("seo_description", "Search-engine description"),
]


@dataclass
class Row:
    """One line of a diff: `kind` is same, added, removed or changed."""

    label: str
    kind: str
    html: str


def blocks(body_html):
    """The rendered body as plain-text blocks, headings marked with #s."""
    result = []
    for chunk in _BLOCK_END.split(body_html or ""):
        text = " ".join(unescape(strip_tags(chunk)).split())
        if not text:
            continue
        opened = _BLOCK_START.findall(chunk)
        if opened and opened[-1][0] in "hH" and opened[-1][1:].isdigit():
            text = f"{'#' * int(opened[-1][1:])} {text}"
        result.append(text)
    return result


def diff_versions(old, new):
    """
    Rows describing how version `new` differs from `old` (None: everything is
    new). Unchanged body blocks are kept so the changes read in context.
    """
    rows = []
    for name, label in FIELDS:
        before = getattr(old, name, "") if old is not None else ""
        after = getattr(new, name, "")
        if before != after:
            rows.append(_changed(label, before, after))
    before = ", ".join(t.name for t in version_topics(old)) if old is not None else ""
    after = ", ".join(t.name for t in version_topics(new))
    if before != after:
        rows.append(_changed("Topics", before, after))
    if (getattr(old, "image", "") if old is not None else "") != new.image:
        rows.append(Row("Image", "changed", escape("A different lead image.")))
    rows.extend(_body_rows(blocks(old.body_html) if old is not None else [], new))
    return rows


def _body_rows(old_blocks, new):
    new_blocks = blocks(new.body_html)
    rows = []
    matcher = SequenceMatcher(a=old_blocks, b=new_blocks, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows.extend(Row("Text", "same", escape(b)) for b in new_blocks[j1:j2])
            continue
        removed, added = old_blocks[i1:i2], new_blocks[j1:j2]
        # Pair a removed block with an added one as an edit of that block.
        for before, after in zip(removed, added, strict=False):
            rows.append(_changed("Text", before, after))
        rows.extend(Row("Text", "removed", _del(b)) for b in removed[len(added) :])
        rows.extend(Row("Text", "added", _ins(b)) for b in added[len(removed) :])
    return rows


def _changed(label, before, after):
    if not before:
        return Row(label, "added", _ins(after))
    if not after:
        return Row(label, "removed", _del(before))
    old_words, new_words = before.split(), after.split()
    parts = []
    matcher = SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(escape(" ".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            parts.append(_del(" ".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(_ins(" ".join(new_words[j1:j2])))
    return Row(label, "changed", mark_safe(" ".join(parts)))  # noqa: S308 (escaped)


def _ins(text):
    return mark_safe(  # noqa: S308 (escaped)
        f'<ins><span class="visually-hidden">Added: </span>{escape(text)}</ins>'
    )


def _del(text):
    return mark_safe(  # noqa: S308 (escaped)
        f'<del><span class="visually-hidden">Removed: </span>{escape(text)}</del>'
    )
