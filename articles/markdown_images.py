"""
The Markdown step for images: `![](image:ID)` on a line of its own is kept as a
marker, every other image is dropped.

The marker is plain alphanumeric text that only one render knows, so it passes
the sanitizer untouched and no author can type one. After sanitizing,
`place_figures()` swaps it for the body image's <figure>, built from stored data
(articles/models/body_images.py): the sanitizer's allow-list never needs <img>, src or
srcset, and nothing an author writes can load an image from elsewhere.
"""

import re
import secrets

from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

IMAGE_SRC = re.compile(r"image:([0-9]{1,18})")
# Where a figure may stand: a paragraph of its own (replaced by the figure), or
# alone in a list item, definition or table cell (the figure goes inside it).
FIGURE_HOLDERS = {"p", "li", "dd", "td", "th"}


class BodyImagePlacer(Extension):
    """Markdown extension for one render: collects the body images it placed."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.marker = f"bodyimage{secrets.token_hex(12)}n"
        self.ids = []

    def extendMarkdown(self, md):
        # After "inline" (20), which makes the <img> elements, and "abbr" (7),
        # which could otherwise wrap part of a marker; before "toc" (5).
        md.treeprocessors.register(_Placer(md, self), "body_images", 6)

    def place_figures(self, html, figures):
        """
        Swap the markers in sanitized `html` for figures. `figures` maps the set
        of ids to {id: figure HTML}; it is called once, and only if there are
        images. An id it does not know leaves nothing behind.
        """
        if not self.ids:
            return html
        found = figures(set(self.ids))

        def figure(match):
            return str(found.get(int(match[1]), ""))

        html = re.sub(rf"<p>{self.marker}(\d+)</p>", figure, html)
        return re.sub(rf"{self.marker}(\d+)", figure, html)


class _Placer(Treeprocessor):
    def __init__(self, md, extension):
        super().__init__(md)
        self.extension = extension

    def run(self, root):
        for parent in list(root.iter()):
            for child in list(parent):
                if child.tag == "img":
                    self.replace(parent, child)

    def replace(self, parent, img):
        match = IMAGE_SRC.fullmatch(img.get("src") or "")
        alone = (
            len(parent) == 1
            and not (parent.text or "").strip()
            and not (img.tail or "").strip()
        )
        if match and alone and parent.tag in FIGURE_HOLDERS:
            parent.remove(img)
            self.extension.ids.append(int(match[1]))
            parent.text = f"{self.extension.marker}{int(match[1])}"
            return
        # Any other image is dropped; the text after it stays.
        index = list(parent).index(img)
        if img.tail:
            if index:
                before = parent[index - 1]
                before.tail = (before.tail or "") + img.tail
            else:
                parent.text = (parent.text or "") + img.tail
        parent.remove(img)
