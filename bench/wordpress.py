"""Importing a generated WordPress export of about 2,000 posts.

Run through `make bench-wordpress` (a throwaway PostgreSQL cluster, durable
commits). It writes an export in WordPress's format (WXR 1.2) with BENCH_POSTS
(2000) posts of classic and block-editor HTML, categories, tags, Yoast fields,
shortcodes and a featured image on every tenth post (tiny PNGs in a generated
uploads folder), padded to BENCH_EXPORT_MB (0 = no padding) with attachments of
the kind real exports carry, then imports it in this process with
`import_wordpress` in production mode, and imports it again (nothing changes).

It shows that the file is streamed: the parser's own peak (tracemalloc over a
first pass alone) stays small whatever the file's size, and the process's peak
resident memory is printed before and after. The last line is

    wordpress: N posts, S MB export: import Ts (P posts/s), re-run Rs;
    peak RSS M MB (+D MB), parse peak K MB
"""

import os
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from bench.common import exit_on_signals, log, manage, production_env, setup_django

POSTS = int(os.environ.get("BENCH_POSTS", "2000"))
EXPORT_MB = float(os.environ.get("BENCH_EXPORT_MB", "0"))

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
<title>Generated clinic</title><link>https://bench-clinic.example</link>
<wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://bench-clinic.example</wp:base_site_url>
"""
AUTHOR = (
    "<wp:author><wp:author_login><![CDATA[writer{n}]]></wp:author_login>"
    "<wp:author_email><![CDATA[writer{n}@bench-clinic.example]]></wp:author_email>"
    "<wp:author_first_name><![CDATA[Writer]]></wp:author_first_name>"
    "<wp:author_last_name><![CDATA[Number {n}]]></wp:author_last_name></wp:author>\n"
)
ATTACHMENT = """<item><title>Image {n}</title>
<guid isPermaLink="false">https://bench-clinic.example/?attachment_id={id}</guid>
<wp:post_id>{id}</wp:post_id><wp:post_type><![CDATA[attachment]]></wp:post_type>
<wp:status><![CDATA[inherit]]></wp:status>
<wp:attachment_url><![CDATA[https://bench-clinic.example/wp-content/uploads/2020/01/img{n}.png]]></wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attached_file</wp:meta_key><wp:meta_value><![CDATA[2020/01/img{n}.png]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value><![CDATA[Illustration {n}]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_wp_attachment_metadata</wp:meta_key><wp:meta_value><![CDATA[{padding}]]></wp:meta_value></wp:postmeta>
</item>
"""
POST = """<item><title>Spine note {n} &amp;amp; exercises</title>
<link>https://bench-clinic.example/{year}/{month:02d}/spine-note-{n}/</link>
<dc:creator><![CDATA[writer{author}]]></dc:creator>
<guid isPermaLink="false">https://bench-clinic.example/?p={n}</guid>
<content:encoded><![CDATA[{body}]]></content:encoded>
<excerpt:encoded><![CDATA[Short note number {n} about looking after your back.]]></excerpt:encoded>
<wp:post_id>{n}</wp:post_id>
<wp:post_date_gmt><![CDATA[{year}-{month:02d}-10 12:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[spine-note-{n}]]></wp:post_name>
<wp:status><![CDATA[{status}]]></wp:status>
<wp:post_type><![CDATA[post]]></wp:post_type>
<category domain="category" nicename="topic-{topic}"><![CDATA[Topic {topic}]]></category>
<category domain="post_tag" nicename="tag-{tag}"><![CDATA[Tag {tag}]]></category>
<wp:postmeta><wp:meta_key>_yoast_wpseo_title</wp:meta_key><wp:meta_value><![CDATA[%%title%% %%sep%% %%sitename%%]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key>_yoast_wpseo_metadesc</wp:meta_key><wp:meta_value><![CDATA[What to do about back pain, note {n}.]]></wp:meta_value></wp:postmeta>
{thumbnail}</item>
"""
CLASSIC = (
    "Most back pain settles within six weeks with gentle movement.\n\n"
    "<strong>Keep moving</strong>: short walks several times a day help.\n\n"
    "<h2>Exercises</h2>\n<ul><li>Knee to chest</li><li>Pelvic tilt</li></ul>\n\n"
    '[gallery ids="1,2"]\n\n'
)
BLOCK = (
    "<!-- wp:paragraph --><p>Sitting for long hours loads the lower back.</p>"
    "<!-- /wp:paragraph -->\n<!-- wp:heading --><h2>Desk set-up</h2>"
    "<!-- /wp:heading -->\n<!-- wp:list --><ol><li>Screen at eye level</li>"
    "<li>Feet flat</li></ol><!-- /wp:list -->\n"
)
STATUSES = ["publish"] * 16 + ["draft", "future", "private", "trash"]


def write_export(path, uploads):
    """The export, and a tiny PNG per attachment in `uploads`."""
    from PIL import Image

    images = max(1, POSTS // 10)
    padding_each = int(EXPORT_MB * 1_000_000 / images) if EXPORT_MB else 0
    (uploads / "2020/01").mkdir(parents=True)
    with open(path, "w", encoding="utf-8") as out:
        out.write(HEADER)
        for n in range(1, 21):
            out.write(AUTHOR.format(n=n))
        for n in range(images):
            Image.new("RGB", (64, 48), (n % 255, 90, 120)).save(
                uploads / f"2020/01/img{n}.png"
            )
            out.write(
                ATTACHMENT.format(n=n, id=100_000 + n, padding="a:1:{}" * padding_each)
            )
        for n in range(1, POSTS + 1):
            paragraphs = (CLASSIC if n % 2 else BLOCK) * 6
            thumbnail = (
                "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key>"
                f"<wp:meta_value>{100_000 + (n // 10) % images}</wp:meta_value>"
                "</wp:postmeta>\n"
                if n % 10 == 0
                else ""
            )
            out.write(
                POST.format(
                    n=n,
                    year=2015 + n % 10,
                    month=1 + n % 12,
                    author=1 + n % 20,
                    body=paragraphs,
                    status=STATUSES[n % len(STATUSES)],
                    topic=n % 12,
                    tag=n % 40,
                    thumbnail=thumbnail,
                )
            )
        out.write("</channel>\n</rss>\n")


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    exit_on_signals()
    work = Path(tempfile.mkdtemp(prefix="bench-wordpress-"))
    try:
        env = production_env(MEDIA_ROOT=str(work / "media"))
        manage(env, "migrate", "--no-input", "-v0")
        setup_django(env)
        from wordpress.importer import import_wordpress
        from wordpress.wxr import read_export

        export, uploads = work / "export.xml", work / "uploads"
        write_export(export, uploads)
        size_mb = export.stat().st_size / 1_000_000
        log(f"bench: export of {POSTS} posts, {size_mb:.1f} MB")

        tracemalloc.start()
        read_export(export)
        parse_peak = tracemalloc.get_traced_memory()[1] / 1_000_000
        tracemalloc.stop()

        rss_before = peak_rss_mb()
        started = time.perf_counter()
        report = import_wordpress(path=export, media_dir=uploads)
        elapsed = time.perf_counter() - started
        rss_after = peak_rss_mb()
        log(f"bench: {'; '.join(report.lines()[:9])}")

        started = time.perf_counter()
        again = import_wordpress(path=export, media_dir=uploads)
        rerun = time.perf_counter() - started
        if again.imported or again.updated:
            sys.exit("bench: the second run changed posts")
        print(
            f"wordpress: {report.total} posts, {size_mb:.1f} MB export: import "
            f"{elapsed:.1f}s ({report.total / elapsed:.0f} posts/s), re-run "
            f"{rerun:.1f}s; peak RSS {rss_after:.0f} MB "
            f"(+{rss_after - rss_before:.0f} MB), parse peak {parse_peak:.1f} MB"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
