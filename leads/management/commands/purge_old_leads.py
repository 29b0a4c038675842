from django.conf import settings
from django.core.management.base import BaseCommand

from leads.retention import leads_purge_expired


class Command(BaseCommand):
    help = (
        "Delete leads older than LEADS_RETENTION_MONTHS, and spam a person filed or "
        "confirmed older than LEADS_SPAM_RETENTION_DAYS. The audit log records the "
        "deletion. The worker (run_worker) does this once a day by itself."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Only count what would go."
        )

    def handle(self, *args, dry_run=False, **options):
        old, spam = leads_purge_expired(dry_run=dry_run)
        verb = "Would delete" if dry_run else "Deleted"
        self.stdout.write(
            f"{verb} {old} lead(s) older than {settings.LEADS_RETENTION_MONTHS} months "
            f"and {spam} spam lead(s) older than {settings.LEADS_SPAM_RETENTION_DAYS} "
            "days."
        )
