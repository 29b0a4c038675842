"""Files that are not a WordPress export stop the command at once, writing nothing."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management.base import CommandError

from articles.models import Post
from redirects.models import Redirect
from tests.wordpress.conftest import CLINIC_EXPORT, report_line, run

pytestmark = pytest.mark.django_db

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss><channel><title>&lol9;</title></channel></rss>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel>
<wp:wxr_version>1.2</wp:wxr_version>
<item><title>&secret;</title><wp:post_type>post</wp:post_type></item>
</channel></rss>
"""
NOT_WXR = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>A podcast feed</title>
<item><title>Episode 1</title></item></channel></rss>
"""
NOT_RSS = '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>'

HOSTILE = {
    "bomb": (BOMB, "declares a DTD or entities"),
    "xxe": (XXE, "declares a DTD or entities"),
    "not-xml": ("PK\x03\x04 this is a zip file, not XML", "not a complete XML file"),
    "empty": ("", "not a complete XML file"),
    "truncated": (CLINIC_EXPORT.read_text()[:6000], "not a complete XML file"),
    "not-wxr": (NOT_WXR, "not a WordPress export"),
    "not-rss": (NOT_RSS, "not a WordPress export"),
}


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_file_stops_with_one_line_and_writes_nothing(tmp_path, name):
    text, message = HOSTILE[name]
    path = tmp_path / f"{name}.xml"
    path.write_text(text)
    started = time.monotonic()
    with pytest.raises(CommandError) as error:
        run(path)
    assert time.monotonic() - started < 5
    assert message in str(error.value)
    assert "\n" not in str(error.value)
    assert not Post.objects.exists() and not Redirect.objects.exists()


def test_missing_file_is_one_line(tmp_path):
    with pytest.raises(CommandError, match="cannot be read"):
        run(tmp_path / "nowhere.xml")


def test_command_line_exits_with_status_1_and_one_line(tmp_path):
    """As an administrator runs it: exit status 1, one line on stderr."""
    path = tmp_path / "bomb.xml"
    path.write_text(BOMB)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tests.settings"}
    started = time.monotonic()
    finished = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "import_wordpress", str(path)],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert time.monotonic() - started < 30
    assert finished.returncode == 1
    assert len(finished.stderr.strip().splitlines()) == 1
    assert "declares a DTD or entities" in finished.stderr


def test_bad_item_is_skipped_and_the_rest_import(tmp_path):
    """A post with an impossible date is skipped with its reason."""
    text = (
        CLINIC_EXPORT.read_text()
        .replace("2022-01-10 13:30:00", "yesterday-ish")
        .replace("2022-01-10 08:30:00", "not a date")
    )
    path = tmp_path / "bad-item.xml"
    path.write_text(text)
    output = run(path)
    assert report_line(output, "Imported") == "3"
    assert "no valid date: 1" in report_line(output, "Skipped")
    assert "WordPress post 102 “Three Gentle Sciatica Stretches” skipped" in output


def test_image_outside_the_uploads_folder_is_never_read(tmp_path, media_dir):
    """A path that climbs out of --media-dir counts as missing."""
    secret = tmp_path / "secret.png"
    secret.write_bytes((media_dir / "2021/03/knee.png").read_bytes())
    text = CLINIC_EXPORT.read_text().replace(
        "uploads/2022/01/stretch-300x200.png", "uploads/../secret.png"
    )
    path = tmp_path / "climb.xml"
    path.write_text(text)
    output = run(path, "--media-dir", media_dir)
    assert "../secret.png (file not found in --media-dir)" in output
