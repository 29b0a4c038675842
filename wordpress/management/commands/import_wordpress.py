"""
python manage.py import_wordpress EXPORT.xml [--media-dir DIR] [--dry-run] [--as-drafts]

Imports the posts of a WordPress export (Tools → Export) and keeps every old
address working; wordpress/importer.py does the work. Never touches the network.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from wordpress.importer import import_wordpress
from wordpress.wxr import ExportError


class Command(BaseCommand):
    help = (
        "Import the posts of a WordPress export (WXR): each becomes a post waiting "
        "for medical review, and its old addresses redirect to the new one."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", metavar="EXPORT.xml", type=Path)
        parser.add_argument(
            "--media-dir",
            type=Path,
            help="A copy of the site's wp-content/uploads folder: images are copied "
            "from it. Without it, images are left out and listed.",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print the report of an import and write nothing.",
        )
        parser.add_argument(
            "--as-drafts",
            action="store_true",
            help="Import every post as a draft, even those published on WordPress.",
        )

    def handle(self, *args, export, media_dir, dry_run, as_drafts, **options):
        if media_dir is not None and not media_dir.is_dir():
            raise CommandError(f"{media_dir}: --media-dir is not a folder.")
        try:
            report = import_wordpress(
                path=export,
                media_dir=media_dir,
                dry_run=dry_run,
                as_drafts=as_drafts,
                progress=self.progress,
            )
        except ExportError as error:
            raise CommandError(str(error)) from None
        if report.total:
            self.stdout.write("")
        self.stdout.write("\n".join(report.lines()))

    def progress(self, done, total):
        self.stdout.write(f"\rPosts: {done}/{total}", ending="")
        self.stdout.flush()
