"""Our own small WordPress exports, a copy of uploads/ and a way to run the command."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from PIL import Image

EXPORTS = Path(__file__).parent / "exports"
CLINIC_EXPORT = EXPORTS / "clinic.xml"


def png(path, size=(40, 30), colour=(200, 60, 60)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "PNG")


@pytest.fixture
def media_dir(tmp_path):
    """A copy of wp-content/uploads with the export's images but one."""
    uploads = tmp_path / "uploads"
    png(uploads / "2021/03/knee.png")
    png(uploads / "2022/01/stretch.png", colour=(60, 60, 200))
    return uploads


def run(*args):
    """Run import_wordpress; its output (progress and report)."""
    out = StringIO()
    call_command("import_wordpress", *[str(a) for a in args], stdout=out)
    return out.getvalue()


def report_line(output, label):
    """The value after "label: " in the report."""
    for line in output.splitlines():
        line = line.split("\r")[-1]
        if line.startswith(f"{label}: "):
            return line.removeprefix(f"{label}: ")
    raise AssertionError(f"no “{label}” line in:\n{output}")


def edited_export(tmp_path, *replacements):
    """A copy of the clinic export with (old, new) text replaced."""
    text = CLINIC_EXPORT.read_text()
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "edited.xml"
    path.write_text(text)
    return path
