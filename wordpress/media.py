"""Finding an export's images in a copy of wp-content/uploads, and only there."""

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.core.exceptions import ValidationError
from django.core.files import File

from articles.images import validate_image_upload

SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")


class MediaFolder:
    """A copy of wp-content/uploads: finds the file for an image, only inside it."""

    def __init__(self, root):
        self.root = Path(root).resolve() if root else None

    def find(self, *, file="", url=""):
        """(path inside uploads, Path, None) or (source, None, why not)."""
        relative = file or _uploads_path(url)
        if not relative:
            return url, None, "not a file of wp-content/uploads"
        if self.root is None:
            return relative, None, "no --media-dir given"
        original = SIZE_SUFFIX.sub("", relative)
        for candidate in dict.fromkeys([original, relative]):
            path = (self.root / candidate).resolve()
            if path.is_relative_to(self.root) and path.is_file():
                break
        else:
            return relative, None, "file not found in --media-dir"
        try:
            with path.open("rb") as handle:
                validate_image_upload(File(handle, name=path.name))
        except ValidationError as error:
            return candidate, None, " ".join(error.messages)
        return candidate, path, None


def _uploads_path(url):
    path = unquote(urlsplit(url or "").path)
    marker = "/uploads/"
    if marker not in path:
        return ""
    return path.split(marker, 1)[1].lstrip("/")
