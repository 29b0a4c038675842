"""
Reading a WordPress export (WXR, Tools → Export) safely and in bounded memory.

The file is untrusted: it is parsed with defusedxml, which refuses any DTD, so
entity-expansion bombs and external entities stop the parse at once. Items are
read one at a time and dropped once read, so a 100 MB export needs no more
memory than its largest item.

`read_export(path)` makes a first pass over the whole file: it checks that it
is a complete WordPress export and collects what posts refer to (authors,
categories, attachments) and the number of posts. Only then does the importer
write anything, reading the posts with `iter_posts(path)`.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.utils import timezone

WP_NS = "http://wordpress.org/export/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
# Channel elements holding the old site's address.
SITE_ADDRESSES = {("wp", "base_site_url"), ("wp", "base_blog_url"), ("", "link")}


class ExportError(Exception):
    """The file cannot be imported at all (one line for the person running it)."""


@dataclass
class Item:
    """One <item> of the export, as plain values."""

    post_id: str = ""
    post_type: str = ""
    title: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    post_name: str = ""
    status: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    password: str = ""
    attachment_url: str = ""
    categories: list = field(default_factory=list)  # (domain, nicename, name)
    meta: dict = field(default_factory=dict)


@dataclass
class Export:
    """What the first pass learnt: the site's host names, its authors, categories
    and attachments (by WordPress post id), and how many posts there are."""

    site_hosts: set = field(default_factory=set)  # the old site's host names
    authors: dict = field(default_factory=dict)  # login → {email, first, last…}
    categories: dict = field(default_factory=dict)  # nicename → name
    attachments: dict = field(default_factory=dict)  # post id → attachment info
    post_count: int = 0
    other_count: int = 0  # pages, attachments, menu entries…


def _name(tag):
    """("wp", "post_id") for a namespaced tag; ("", tag) without a namespace."""
    if tag.startswith("{"):
        namespace, _, local = tag[1:].partition("}")
        if namespace.startswith(WP_NS):
            is_excerpt = namespace.rstrip("/").endswith("excerpt")
            return ("excerpt" if is_excerpt else "wp"), local
        if namespace == CONTENT_NS:
            return "content", local
        if namespace == DC_NS:
            return "dc", local
        return "other", local
    return "", tag


def _elements(path):
    """(event, element, depth) for the export at `path`; ExportError when the
    file is not readable, not well-formed XML or crafted."""
    depth = 0
    try:
        with open(path, "rb") as source:
            for event, element in iterparse(
                source, events=("start", "end"), forbid_dtd=True
            ):
                if event == "start":
                    depth += 1
                    yield event, element, depth
                else:
                    yield event, element, depth
                    depth -= 1
    except DefusedXmlException as error:
        raise ExportError(
            f"{path}: refused: the file declares a DTD or entities "
            f"({type(error).__name__}), which a WordPress export never does."
        ) from None
    except ParseError as error:
        raise ExportError(
            f"{path}: not a complete XML file ({error}); export it again from "
            "WordPress (Tools → Export)."
        ) from None
    except OSError as error:
        raise ExportError(f"{path}: cannot be read: {error.strerror}.") from None


def _text(element):
    return (element.text or "").strip()


def _item(element):
    item = Item()
    for child in element:
        kind, local = _name(child.tag)
        text = child.text or ""
        if kind == "" and local in ("title", "link", "guid"):
            setattr(item, local, text.strip())
        elif kind == "" and local == "category":
            item.categories.append(
                (child.get("domain", ""), child.get("nicename", ""), text.strip())
            )
        elif kind == "dc" and local == "creator":
            item.creator = text.strip()
        elif kind == "content" and local == "encoded":
            item.content = text
        elif kind == "excerpt" and local == "encoded":
            item.excerpt = text
        elif kind == "wp" and local == "postmeta":
            values = {_name(c.tag)[1]: (c.text or "") for c in child}
            item.meta[values.get("meta_key", "")] = values.get("meta_value", "")
        elif kind == "wp" and local in (
            "post_id",
            "post_type",
            "post_name",
            "status",
            "post_date",
            "post_date_gmt",
            "attachment_url",
        ):
            setattr(item, local, text.strip())
        elif kind == "wp" and local == "post_password":
            item.password = text.strip()
    return item


def _items(path, export=None):
    """Each <item> of the channel, read and then dropped; `export` (first pass)
    collects the channel's header on the way."""
    channel = None
    is_wxr = False
    for event, element, depth in _elements(path):
        if event == "start":
            if depth == 1 and element.tag != "rss":
                raise ExportError(
                    f"{path}: not a WordPress export (the file is XML, but not RSS)."
                )
            if depth == 2 and element.tag == "channel":
                channel = element
            elif depth == 3 and element.tag == "item" and not is_wxr:
                raise _not_wxr(path)
            continue
        if depth != 3 or channel is None:
            continue
        kind, local = _name(element.tag)
        if kind == "wp" and local == "wxr_version":
            is_wxr = True
        elif element.tag == "item":
            yield _item(element)
        elif export is not None:
            _header(export, kind, local, element)
        channel.remove(element)  # bounded memory: nothing read is kept
    if not is_wxr:
        raise _not_wxr(path)


def _not_wxr(path):
    return ExportError(
        f"{path}: not a WordPress export (no wp:wxr_version); use the file "
        "WordPress writes under Tools → Export."
    )


def _header(export, kind, local, element):
    if (kind, local) in SITE_ADDRESSES:
        host = urlsplit(_text(element)).hostname
        if host:
            export.site_hosts.add(host.lower())
    elif kind == "wp" and local == "author":
        values = {_name(c.tag)[1]: (c.text or "").strip() for c in element}
        login = values.get("author_login", "")
        if login:
            export.authors[login] = values
    elif kind == "wp" and local == "category":
        values = {_name(c.tag)[1]: (c.text or "").strip() for c in element}
        if values.get("category_nicename"):
            export.categories[values["category_nicename"]] = values.get("cat_name", "")


def read_export(path):
    """The first pass: check the whole file, count the posts, collect authors,
    categories and attachments. Raises ExportError."""
    export = Export()
    for item in _items(path, export):
        if item.post_type == "post":
            export.post_count += 1
        else:
            export.other_count += 1
        if item.post_type == "attachment" and item.post_id:
            export.attachments[item.post_id] = {
                "url": item.attachment_url or item.guid,
                "file": item.meta.get("_wp_attached_file", ""),
                "alt": item.meta.get("_wp_attachment_image_alt", "").strip(),
                "title": item.title,
            }
    return export


def iter_posts(path):
    """The export's posts (wp:post_type post), one at a time."""
    for item in _items(path):
        if item.post_type == "post":
            yield item


def item_fingerprint(item):
    """SHA-256 of what the import reads from an item."""
    meta_keys = ("_thumbnail_id", "_yoast_wpseo_title", "_yoast_wpseo_metadesc")
    data = [
        item.title,
        item.link,
        item.creator,
        item.content,
        item.excerpt,
        item.post_name,
        item.status,
        item.post_date,
        item.post_date_gmt,
        item.password,
        sorted(item.categories),
        [item.meta.get(key, "") for key in meta_keys],
    ]
    encoded = json.dumps(data, ensure_ascii=False).encode()
    return hashlib.sha256(encoded).hexdigest()


def item_date(item):
    """The item's publication time (aware), or None."""
    for value, zone in ((item.post_date_gmt, UTC), (item.post_date, None)):
        try:
            moment = datetime.strptime(value.strip(), "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        if zone is not None:
            return moment.replace(tzinfo=zone)
        return timezone.make_aware(moment)
    return None
