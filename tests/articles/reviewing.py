"""What the medical-review tests share: signed-in clients, the admin's review
actions as a person takes them, and reading the review claims off a page."""

import json
import re

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from articles.models import Post
from articles.services import post_save_version, post_send_for_review
from tests.factories import make_editor, make_post, post_form_data

QUEUE = reverse("admin:articles_post_review_queue")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def in_review(title="Heel pain in the morning", **extra):
    """A new post whose first version waits in the reviewers' queue."""
    editor = extra.pop("editor", None) or make_editor()
    post = make_post(title, status=Post.Status.DRAFT, author=editor, **extra)
    post_save_version(post=post, by=editor)
    post_send_for_review(post=post, by=editor)
    post.refresh_from_db()
    return post


def written(title, *, by, body="First words.", topics=()):
    """A draft an editor wrote and saved once (one version, theirs)."""
    post = Post(
        title=title,
        slug=title.lower().replace(" ", "-"),
        excerpt=f"About {title}.",
        body=body,
        author=by,
    )
    post_save_version(post=post, by=by, save_m2m=lambda: post.topics.set(topics))
    return post


def edit(post, by=None, **changes):
    """An editor saves a change to the post (a new version, not yet approved)."""
    for name, value in changes.items():
        setattr(post, name, value)
    return post_save_version(post=post, by=by or make_editor())


def change_url(post):
    return reverse("admin:articles_post_change", args=[post.pk])


def review_url(post):
    return reverse("admin:articles_post_review", args=[post.pk])


def withdraw_url(post):
    return reverse("admin:articles_post_withdraw", args=[post.pk])


def versions_url(post):
    return reverse("admin:articles_post_versions", args=[post.pk])


def save_in_admin(client, post, **changes):
    """An editor saves the post's change form (opened just now) with changes."""
    return client.post(change_url(post), post_form_data(post, **changes))


def approve_in_admin(client, post, version=None):
    """A reviewer presses “Approve” on the review page of `version` (the latest)."""
    version = version or post.latest_version()
    return client.post(review_url(post), {"version": version.history_id})


def byline(html):
    """The review line of an article page, as one line of text."""
    found = re.search(r'<p class="reviewed-by">(.*?)</p>', html, re.S)
    return " ".join(re.sub(r"<[^>]+>", "", found.group(1)).split()) if found else None


def medical_web_page(html):
    """The page's schema.org MedicalWebPage, or None."""
    for block in re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    ):
        data = json.loads(block)
        if data["@type"] == "MedicalWebPage":
            return data
    return None


def day(moment):
    """A moment's date as article pages write it: March 3, 2027."""
    return f"{timezone.localdate(moment):%B %-d, %Y}"
