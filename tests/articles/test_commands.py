"""The demo content files in articles/demo/ and the command that loads them."""

import shutil

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from articles.management.commands import load_demo_content
from articles.management.commands.load_demo_content import (
    DEMO_DIR,
    POST_FIELDS,
    read_demo_content,
    read_fields,
)
from articles.models import Post, Reviewer, Topic


@pytest.fixture
def demo_dir(tmp_path, monkeypatch):
    """A copy of the demo files that a test may break; the command reads it."""
    copy = tmp_path / "demo"
    shutil.copytree(DEMO_DIR, copy)
    monkeypatch.setattr(load_demo_content, "DEMO_DIR", copy)
    return copy


def test_every_demo_file_reads_and_names_things_that_exist():
    """Each post has a title, slug, excerpt, body and topics that are files; a
    published one has a reviewer that is a file."""
    content = read_demo_content(DEMO_DIR)
    topics = {entry.slug for entry in content.topics}
    reviewers = {entry.slug for entry in content.reviewers}
    assert len(content.posts) >= 8 and len(topics) >= 3 and reviewers
    for post in content.posts:
        assert post.slug and post.values["title"] and post.values["excerpt"]
        assert post.text.startswith("## ") and post.text.endswith(".\n")
        assert post.values["topics"] and set(post.values["topics"]) <= topics
        if "published_days_ago" in post.values:
            assert post.values["reviewer"] in reviewers
    for entry in content.topics + content.reviewers:
        assert entry.values["name"] and entry.text.strip()
    assert content.author["username"]


@pytest.mark.django_db
def test_demo_content_loads_as_written(capsys):
    """The text in the files reaches the site unchanged: headers, bodies, bios."""
    call_command("load_demo_content")
    post = Post.objects.get(slug="low-back-pain-first-days")
    source = (DEMO_DIR / "posts" / "low-back-pain-first-days.md").read_text()
    assert source.endswith(post.body) and post.body.startswith("## Why it hurts")
    assert post.title == "Low back pain: what to do in the first few days"
    assert post.excerpt.startswith("A sudden flare of low back pain is scary, but")
    assert "  " not in post.excerpt and "\n" not in post.excerpt
    assert post.approval.reviewer.slug == "miriam-castellane"
    assert post.approval.carried_over and post.approval.reviewer_user is None
    assert post.live.title == post.title and post.is_live
    assert [t.slug for t in post.topics.all()] == ["back-pain"]
    assert post.related_picks.count() == 2
    bio = Reviewer.objects.get(slug="miriam-castellane").bio
    assert bio.startswith("Dr. Castellane is") and "\n" not in bio
    assert Topic.objects.get(slug="back-pain").description == (
        "Low back pain: why it happens, how to ease it at home, and when it needs "
        "a closer look."
    )
    assert Post.objects.count() == len(list(DEMO_DIR.glob("posts/*.md")))
    assert "Demo content loaded:" in capsys.readouterr().out


BROKEN_POSTS = [
    ("title Low back pain\n", 2, "expected `key: value`"),
    ("colour: blue\n", 2, "unknown key 'colour'"),
    ("topics: back-pain, knees\n", 2, "'knees' is not a file in topics/"),
    ("published_days_ago: soon\n", 2, "'published_days_ago' must be a whole"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("line", "number", "message"), BROKEN_POSTS)
def test_a_malformed_post_stops_the_load_naming_file_and_line(
    demo_dir, line, number, message
):
    """The editor learns which file and line to fix, and nothing is half loaded."""
    path = demo_dir / "posts" / "bunions-what-helps.md"
    lines = path.read_text().splitlines(keepends=True)
    header = [n for n, text in enumerate(lines) if text.startswith("---")]
    key = line.split(":")[0]
    kept = [x for x in lines[1 : header[1]] if not x.startswith(f"{key}:")]
    path.write_text("".join([lines[0], line, *kept, *lines[header[1] :]]))
    with pytest.raises(CommandError) as raised:
        call_command("load_demo_content")
    assert str(raised.value).startswith(f"{path}, line {number}: {message}")
    assert not Post.objects.exists() and not Topic.objects.exists()


@pytest.mark.django_db
def test_a_header_without_its_end_or_a_required_key_is_an_error(demo_dir):
    """The error says what is missing, and where the header starts."""
    path = demo_dir / "posts" / "bunions-what-helps.md"
    path.write_text("---\ntitle: Bunions\n\n## Body\n")
    with pytest.raises(CommandError, match=r"bunions-what-helps.md, line 1: .*closing"):
        call_command("load_demo_content")
    path.write_text("---\ntitle: Bunions\ntopics: knee-pain\n---\n\n## Body\n")
    with pytest.raises(CommandError, match=r"line 1: the header has no 'excerpt'"):
        call_command("load_demo_content")


def test_header_values_are_read_as_their_kind_and_continue_on_indented_lines():
    """Text, whole numbers and comma-separated lists; a key left out is absent."""
    lines = [
        "title: Low back pain",
        "excerpt: Why it hurts",
        "  and what helps.",
        "topics: back-pain,  knees",
        "reviewed_days_ago: -3",
    ]
    values, where = read_fields("post.md", lines, POST_FIELDS, first_line=2)
    assert values == {
        "title": "Low back pain",
        "excerpt": "Why it hurts and what helps.",
        "topics": ["back-pain", "knees"],
        "reviewed_days_ago": -3,
    }
    assert where == {"title": 2, "excerpt": 3, "topics": 5, "reviewed_days_ago": 6}


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["title: A", "", "excerpt: B"], "line 2: blank line in the header."),
        (["  title: A"], "line 1: indented line with no `key: value` line above."),
        (["title: A", "title: B"], "line 2: 'title' is given twice."),
        (["title:", "excerpt: B", "topics: x"], "line 1: 'title' has no value."),
        (["title: A", "excerpt: B", "topics: x,,y"], "line 3: 'topics' has an empty"),
        (["title: A", "topics: x"], "line 1: the header has no 'excerpt'."),
    ],
)
def test_a_malformed_header_line_is_named_with_its_problem(lines, message):
    with pytest.raises(CommandError) as raised:
        read_fields("post.md", lines, POST_FIELDS)
    assert str(raised.value).startswith(f"post.md, {message}")
