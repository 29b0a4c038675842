"""What an import did, in the words the command prints."""

from collections import Counter
from dataclasses import dataclass, field

from wordpress.convert import plain_text


@dataclass
class ImportReport:
    dry_run: bool = False
    total: int = 0
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason → count
    not_posts: int = 0
    images_copied: int = 0
    images_missing: list = field(default_factory=list)  # "post: file (why)"
    shortcodes: Counter = field(default_factory=Counter)  # name → count
    redirects_created: int = 0
    authors_created: int = 0
    authors_matched: int = 0
    topics_created: int = 0
    warnings: list = field(default_factory=list)

    def skip(self, item, reason):
        self.skipped[reason] += 1
        if reason not in PLAIN_REASONS:
            self.warnings.append(f"{describe(item)} skipped: {reason}")

    def warn(self, item, message):
        self.warnings.append(f"{describe(item)}: {message}")

    def lines(self):
        """The report, one line each, then the lists."""
        lines = []
        if self.dry_run:
            lines.append("Dry run: nothing was written; this is what a real run does.")
        lines += [
            f"Posts in the export: {self.total}",
            f"Imported: {self.imported}",
            f"Updated: {self.updated}",
            f"Unchanged: {self.unchanged}",
            f"Skipped: {sum(self.skipped.values())}{_by(self.skipped)}",
            f"Images copied: {self.images_copied}",
            f"Images missing: {len(self.images_missing)}",
        ]
        lines += [f"  - {entry}" for entry in self.images_missing]
        lines += [
            f"Shortcodes removed: {sum(self.shortcodes.values())}"
            f"{_by(self.shortcodes)}",
            f"Redirects created: {self.redirects_created}",
            f"Authors: {self.authors_created} created, {self.authors_matched} matched",
            f"Topics created: {self.topics_created}",
            f"Other items (pages, attachments, menus…) not imported: {self.not_posts}",
            f"Warnings: {len(self.warnings)}",
        ]
        lines += [f"  - {warning}" for warning in self.warnings]
        return lines


# Skips that are a post's WordPress status, not a problem with it.
PLAIN_REASONS = {"private", "trash", "auto-draft", "password-protected"}


def describe(item):
    title = plain_text(item.title) or "(no title)"
    return f"WordPress post {item.post_id or '?'} “{title[:60]}”"


def _by(counter):
    if not counter:
        return ""
    parts = ", ".join(f"{key}: {count}" for key, count in sorted(counter.items()))
    return f" ({parts})"
