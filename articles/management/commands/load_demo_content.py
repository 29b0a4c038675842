"""
Load the fictional demo content from the files in articles/demo/ (its README.md
says how they are written): a byline, topics, reviewers and posts. The
condition checker's demo rules are loaded by `load_demo_rules` (checker app).
"""

import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from articles.models import Post, Reviewer, Topic
from articles.services import post_record_past_review

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"


class Command(BaseCommand):
    help = (
        "Load the fictional demo topics, reviewers and posts, only when the database "
        "has no posts yet."
    )

    def handle(self, *args, **options):
        if Post.objects.exists():
            self.stdout.write("Demo content: posts already exist, nothing loaded.")
            return
        content = read_demo_content(DEMO_DIR)
        with transaction.atomic():
            counts = load(content)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo content loaded: {topics} topics, {reviewers} reviewers, "
                "{posts} posts.".format(**counts)
            )
        )


def display_path(path):
    """The path from the project folder, where an editor would look for it."""
    try:
        return str(Path(path).resolve().relative_to(settings.BASE_DIR))
    except ValueError:
        return str(path)


def fail(path, line, message):
    raise CommandError(f"{display_path(path)}, line {line}: {message}")


# Reading the files: `key: value` header lines (between two `---` lines in a
# Markdown file), then the text. Nothing is written until every file has been read.


@dataclass(frozen=True)
class Field:
    """A header key: whether a file must give it, and what its value is."""

    required: bool = True
    kind: type = str  # str, int, or list (comma-separated)


AUTHOR_FIELDS = {"username": Field(), "first_name": Field(), "last_name": Field()}
TOPIC_FIELDS = {"name": Field()}
REVIEWER_FIELDS = {"name": Field(), "credentials": Field(), "specialty": Field()}
POST_FIELDS = {
    "title": Field(),
    "excerpt": Field(),
    "topics": Field(kind=list),
    "reviewer": Field(required=False),
    "reviewed_days_ago": Field(required=False, kind=int),
    "published_days_ago": Field(required=False, kind=int),
    "related": Field(required=False, kind=list),
}
SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


@dataclass
class Entry:
    """A Markdown file: its slug (the file name), header values and their lines,
    and the text after the header."""

    path: Path
    values: dict
    lines: dict
    text: str

    @property
    def slug(self):
        return self.path.stem

    def fail(self, key, message):
        fail(self.path, self.lines[key], message)


def read_fields(path, lines, fields, *, first_line=1):
    """
    Parse `key: value` lines; a line that starts with a space continues the value
    above it. Returns {key: value} and {key: line number}.
    """
    values, where = _header_text(path, lines, fields, first_line=first_line)
    for key, field in fields.items():
        if key in values:
            values[key] = _field_value(path, where[key], key, values[key], field)
        elif field.required:
            fail(path, 1, f"the header has no {key!r}.")
    return values, where


def _header_text(path, lines, fields, *, first_line):
    """Each key's text as the lines give it, continuation lines joined on, and
    the line it is on."""
    values, where = {}, {}
    for number, line in enumerate(lines, start=first_line):
        if not line.strip():
            fail(path, number, "blank line in the header.")
        if line[0].isspace():
            if not values:
                fail(path, number, "indented line with no `key: value` line above.")
            key = next(reversed(values))
            values[key] = f"{values[key]} {line.strip()}"
            continue
        key, colon, value = line.partition(":")
        if not colon or key != key.strip():
            fail(path, number, f"expected `key: value`, found {line!r}.")
        if key not in fields:
            fail(
                path, number, f"unknown key {key!r}; the keys are {', '.join(fields)}."
            )
        if key in values:
            fail(path, number, f"{key!r} is given twice.")
        values[key], where[key] = value.strip(), number
    return values, where


def _field_value(path, number, key, value, field):
    """The value of `key` (text on line `number`) as its field's kind."""
    if not value:
        fail(path, number, f"{key!r} has no value.")
    if field.kind is int:
        if not re.fullmatch(r"-?[0-9]+", value):
            fail(path, number, f"{key!r} must be a whole number, not {value!r}.")
        return int(value)
    if field.kind is list:
        items = [item.strip() for item in value.split(",")]
        if not all(items):
            fail(path, number, f"{key!r} has an empty item in {value!r}.")
        return items
    return value


def read_text(path):
    try:
        return Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CommandError(f"{display_path(path)}: cannot be read: {error}") from None


def read_entry(path, fields):
    """A Markdown file with a `---` header and some text after it."""
    lines = read_text(path).splitlines()
    if not lines or lines[0].rstrip() != "---":
        fail(path, 1, "the file must start with a `---` line, then the header.")
    end = next((n for n, x in enumerate(lines) if n and x.rstrip() == "---"), None)
    if end is None:
        fail(path, 1, "the header has no closing `---` line.")
    values, where = read_fields(path, lines[1:end], fields, first_line=2)
    text = "\n".join(lines[end + 1 :]).strip("\n")
    if not text.strip():
        fail(path, end + 1, "there is no text after the header.")
    if not SLUG.fullmatch(Path(path).stem):
        fail(path, 1, "name the file in lower-case letters, digits and hyphens.")
    return Entry(path=Path(path), values=values, lines=where, text=text + "\n")


def plain_text(text):
    """Lines of a paragraph joined by spaces; paragraphs kept apart by a blank line."""
    paragraphs = (" ".join(p.split()) for p in re.split(r"\n\s*\n", text))
    return "\n\n".join(p for p in paragraphs if p)


@dataclass
class DemoContent:
    author: dict
    topics: list
    reviewers: list
    posts: list


def read_demo_content(directory):
    """Read every demo file and check that the names in them point to files."""
    directory = Path(directory)
    author_file = directory / "author.txt"
    author, _ = read_fields(
        author_file, read_text(author_file).splitlines(), AUTHOR_FIELDS
    )
    content = DemoContent(
        author=author,
        topics=[
            read_entry(p, TOPIC_FIELDS) for p in sorted(directory.glob("topics/*.md"))
        ],
        reviewers=[
            read_entry(p, REVIEWER_FIELDS)
            for p in sorted(directory.glob("reviewers/*.md"))
        ],
        posts=[
            read_entry(p, POST_FIELDS) for p in sorted(directory.glob("posts/*.md"))
        ],
    )
    if not content.posts:
        raise CommandError(f"{display_path(directory)}: there are no posts/*.md files.")
    topics = {entry.slug for entry in content.topics}
    reviewers = {entry.slug for entry in content.reviewers}
    posts = {entry.slug for entry in content.posts}
    for post in content.posts:
        for slug in post.values["topics"]:
            if slug not in topics:
                post.fail("topics", f"{slug!r} is not a file in topics/.")
        for slug in post.values.get("related", []):
            if slug not in posts:
                post.fail("related", f"{slug!r} is not a file in posts/.")
        values = post.values
        if "reviewer" in values and values["reviewer"] not in reviewers:
            post.fail(
                "reviewer", f"{values['reviewer']!r} is not a file in reviewers/."
            )
        if ("reviewer" in values) != ("reviewed_days_ago" in values):
            post.fail(
                "reviewer" if "reviewer" in values else "reviewed_days_ago",
                "give 'reviewer' and 'reviewed_days_ago' together.",
            )
        if "published_days_ago" in values and "reviewer" not in values:
            post.fail("published_days_ago", "a published post needs a 'reviewer'.")
    return content


# Writing them to the database.


def load(content):
    now = timezone.now()
    User = get_user_model()
    author, created = User.objects.get_or_create(
        username=content.author["username"],
        defaults={
            "first_name": content.author["first_name"],
            "last_name": content.author["last_name"],
            "is_active": False,  # a byline only; cannot log in
        },
    )
    if created:
        author.set_unusable_password()
        author.save()
    topics = {
        entry.slug: Topic.objects.get_or_create(
            slug=entry.slug,
            defaults={
                "name": entry.values["name"],
                "description": plain_text(entry.text),
            },
        )[0]
        for entry in content.topics
    }
    reviewers = {
        entry.slug: Reviewer.objects.get_or_create(
            slug=entry.slug, defaults={**entry.values, "bio": plain_text(entry.text)}
        )[0]
        for entry in content.reviewers
    }
    posts = {}
    for entry in content.posts:
        data = entry.values
        published_days_ago = data.get("published_days_ago")
        published_at = (
            None
            if published_days_ago is None
            else now - timedelta(days=published_days_ago)
        )
        post = Post(
            title=data["title"],
            slug=entry.slug,
            excerpt=data["excerpt"],
            body=entry.text,
            author=author,
        )
        try:
            post.full_clean()
        except ValidationError as error:
            messages = "; ".join(
                f"{k}: {' '.join(v)}" for k, v in error.message_dict.items()
            )
            fail(entry.path, 1, messages)
        post.save()
        post.topics.set([topics[slug] for slug in data["topics"]])
        if published_at is not None:
            post_record_past_review(
                post=post,
                reviewer=reviewers[data["reviewer"]],
                reviewed_at=now - timedelta(days=data["reviewed_days_ago"]),
                published_at=published_at,
            )
        posts[post.slug] = post
    # Demo posts read as if written when they were published, not today.
    for post in posts.values():
        if post.published_at:
            Post.objects.filter(pk=post.pk).update(updated_at=post.published_at)
    for entry in content.posts:
        picks = [posts[slug] for slug in entry.values.get("related", [])]
        if picks:
            posts[entry.slug].related_picks.set(picks)
    return {"topics": len(topics), "reviewers": len(reviewers), "posts": len(posts)}
