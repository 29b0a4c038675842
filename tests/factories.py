"""Small helpers that build test data (no JSON fixtures)."""

import itertools
from datetime import datetime, time, timedelta
from io import BytesIO

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image

from articles.models import BodyImage, Post, Reviewer, Topic
from clinic.roles import (
    CLINIC_DETAILS,
    EDITORS,
    FRONT_DESK,
    MARKETING,
    MEDICAL_REVIEWERS,
    sync_roles,
)

_seq = itertools.count(1)
PASSWORD = "correct-horse-battery-staple"


def now():
    return timezone.now()


def yesterday():
    return timezone.now() - timedelta(days=1)


def tomorrow():
    return timezone.now() + timedelta(days=1)


def make_user(username=None, *, groups=(), is_staff=True, is_superuser=False, **extra):
    n = next(_seq)
    user = get_user_model().objects.create_user(
        username=username or f"user{n}",
        password=PASSWORD,
        email=f"user{n}@example.test",
        is_staff=is_staff,
        is_superuser=is_superuser,
        **extra,
    )
    if groups:
        # Groups come from a data migration; tests that flush the database
        # (live-server tests) rebuild them the same way.
        if Group.objects.filter(name__in=groups).count() != len(groups):
            sync_roles(apps)
        user.groups.set(Group.objects.filter(name__in=groups))
    return user


def make_editor(username=None):
    return make_user(username, groups=[EDITORS])


def make_front_desk(username=None):
    return make_user(username, groups=[FRONT_DESK])


def make_marketing(username=None):
    return make_user(username, groups=[MARKETING])


def make_lead_viewer(username=None):
    """Staff who may look at leads but not change them (no such role yet)."""
    user = make_user(username)
    user.user_permissions.set(
        Permission.objects.filter(content_type__app_label="leads", codename="view_lead")
    )
    return user


def make_topic(name=None, **extra):
    n = next(_seq)
    name = name or f"Topic {n}"
    slug = extra.pop("slug", None) or f"{name.lower().replace(' ', '-')}-{n}"
    return Topic.objects.create(name=name, slug=slug, **extra)


def make_reviewer(name=None, **extra):
    n = next(_seq)
    values = {
        "name": name or f"Dr Reviewer {n}",
        "slug": f"reviewer-{n}",
        "credentials": "MD",
        "specialty": "Orthopedic surgery",
        "bio": "A fictional clinician.",
        **extra,
    }
    return Reviewer.objects.create(**values)


def make_post(title=None, *, topics=(), status=Post.Status.PUBLISHED, **extra):
    """A post; a published one has an approved version (a review carried over,
    dated `reviewed_on`, by `reviewer`)."""
    from articles.services import post_record_past_review

    n = next(_seq)
    title = title or f"Post number {n}"
    if "author" not in extra:
        extra["author"] = make_user(f"author{n}", first_name="Alex", last_name="Writer")
    reviewer = extra.pop("reviewer", None)
    reviewed_on = extra.pop("reviewed_on", None)
    published_at = extra.pop("published_at", None)
    post = Post.objects.create(
        title=title,
        slug=extra.pop("slug", f"post-{n}"),
        excerpt=extra.pop("excerpt", f"Excerpt of post {n}."),
        body=extra.pop("body", f"## Section {n}\n\nSome words about post {n}."),
        **extra,
    )
    if topics:
        post.topics.set(topics)
    if status == Post.Status.PUBLISHED:
        reviewed_on = reviewed_on or timezone.localdate() - timedelta(days=10)
        post_record_past_review(
            post=post,
            reviewer=reviewer or make_reviewer(),
            reviewed_at=timezone.make_aware(datetime.combine(reviewed_on, time(12))),
            published_at=published_at or yesterday(),
        )
        post.refresh_from_db()
    elif published_at:
        Post.objects.filter(pk=post.pk).update(published_at=published_at)
        post.refresh_from_db()
    return post


def make_reviewer_user(username=None, **profile):
    """A login in the Medical reviewers group, linked to a reviewer profile."""
    user = make_user(username, groups=[MEDICAL_REVIEWERS], first_name="Dana")
    make_reviewer(user=user, **profile)
    return user


def approve(post, reviewer_user):
    """Send the post's latest version for review (unless it waits already) and
    approve it as `reviewer_user`, as an editor and a reviewer would."""
    from articles.services import post_approve, post_send_for_review

    renewing = post.review is not None and post.live == post.latest_version()
    if post.review_state != Post.Review.AWAITING and not renewing:
        post_send_for_review(post=post, by=make_editor())
    approval = post_approve(
        post=post, version_id=post.latest_version().history_id, by=reviewer_user
    )
    post.refresh_from_db()
    return approval


def make_lead(**extra):
    from leads.models import Lead, response_deadlines

    n = next(_seq)
    values = {
        "name": f"Patient {n}",
        "phone": "+12015550199",
        "email": f"patient{n}@example.test",
        "preferred_contact": "call",
        "message": "My back hurts.",
        "consent_version": settings.LEADS_CONSENT_VERSION,
        "consented_at": timezone.now(),
        "client_hash": "x" * 64,
        "form_token": f"token{n}",
        "fingerprint": f"fp{n}",
        **extra,
    }
    if values.get("topic") and "topic_name" not in extra:
        values["topic_name"] = values["topic"].name
    if values.get("article") and "article_title" not in extra:
        values["article_title"] = values["article"].title
    if "respond_by" not in values:
        # As leads.services.lead_create sets them.
        values["respond_by"], values["escalate_by"] = response_deadlines(
            values.get("created_at") or timezone.now(), values.get("location")
        )
    return Lead.objects.create(**values)


def make_checker(**extra):
    """The demo condition checker rules (live), with the topics they point to."""
    import json

    from articles.management.commands.load_demo_content import (
        DEMO_DIR,
        REVIEWER_FIELDS,
        plain_text,
        read_entry,
    )
    from checker.management.commands.load_demo_rules import (
        RULES_FILE,
        load_checker_rules,
    )
    from checker.models import RuleSet

    checker = json.loads(RULES_FILE.read_text(encoding="utf-8"))
    for rule in checker["rules"]:
        slug = rule["topic"]
        if not Topic.objects.filter(slug=slug).exists():
            Topic.objects.create(name=slug.replace("-", " ").capitalize(), slug=slug)
    reviewer = read_entry(
        DEMO_DIR / "reviewers" / f"{checker['reviewer']}.md", REVIEWER_FIELDS
    )
    Reviewer.objects.get_or_create(
        slug=reviewer.slug,
        defaults={**reviewer.values, "bio": plain_text(reviewer.text)},
    )
    load_checker_rules(RULES_FILE)
    return RuleSet.objects.live().get()


def publish_edit(post, **changes):
    """Edit a post, save the version and have a reviewer approve it, as the
    site does it (signals, page cache and all)."""
    from articles.services import post_save_version

    for name, value in changes.items():
        setattr(post, name, value)
    post_save_version(post=post, by=make_editor())
    return approve(post, make_reviewer_user())


def png_bytes(size=(1600, 900), colour=(30, 120, 130)):
    buffer = BytesIO()
    Image.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def make_body_image(alt_text="A diagram of the lower spine", **extra):
    """A stored body image with its renditions (480, 800 and 1200 px wide)."""
    n = next(_seq)
    upload = SimpleUploadedFile(f"body-{n}.png", png_bytes(), content_type="image/png")
    return BodyImage.objects.create(image=upload, alt_text=alt_text, **extra)


def post_form_data(post=None, **overrides):
    """What the admin's post form sends: a post's current values (or those of a
    new post), changed by `overrides`. `base_version` is the version the form
    was opened on, as the change form fills it in."""
    if post is None:
        values = {
            "title": "Heel pain in the morning",
            "slug": "heel-pain-in-the-morning",
            "excerpt": "Why the first steps hurt.",
            "body": "## Why\n\nBecause.",
            "topics": [],
            "author": "",
            "published_at": None,
            "image_alt": "",
            "seo_title": "",
            "seo_description": "",
            "related_picks": [],
            "base_version": "",
        }
    else:
        latest = post.latest_version()
        values = {
            "title": post.title,
            "slug": post.slug,
            "excerpt": post.excerpt,
            "body": post.body,
            "topics": [t.pk for t in post.topics.all()],
            "author": post.author_id,
            "published_at": post.published_at,
            "image_alt": post.image_alt,
            "seo_title": post.seo_title,
            "seo_description": post.seo_description,
            "related_picks": [p.pk for p in post.related_picks.all()],
            "base_version": latest.history_id if latest else "",
        }
    values.update(overrides)
    published_at = values.pop("published_at")
    local = timezone.localtime(published_at) if published_at else None
    values["published_at_0"] = f"{local:%Y-%m-%d}" if local else ""
    values["published_at_1"] = f"{local:%H:%M:%S}" if local else ""
    return values


def make_location(name=None, *, hours=None, **extra):
    """A location (after the one migrating made from the settings, order 0),
    open Mon–Fri 9 am – 5 pm unless `hours` [(weekday, opens, closes)] says."""
    from locations.models import Location, OpeningHours

    n = next(_seq)
    name = name or f"Office {n}"
    values = {
        "name": name,
        "slug": slugify(name),
        "street": f"{n} Test Street",
        "city": "Testville",
        "region": "NJ",
        "postal_code": "07990",
        "phone": f"+120155501{n % 100:02d}",
        "order": 10 + n,
        **extra,
    }
    location = Location.objects.create(**values)
    for weekday, opens, closes in (
        hours if hours is not None else [(d, time(9), time(17)) for d in range(5)]
    ):
        OpeningHours.objects.create(
            location=location, weekday=weekday, opens=opens, closes=closes
        )
    return location


def make_clinic_details_user(username=None):
    return make_user(username, groups=[CLINIC_DETAILS])


def backdate(lead, minutes):
    """Make `lead` arrive `minutes` ago, its targets counted in plain time (as
    if its office were open all along)."""
    from leads.models import Lead

    created = timezone.now() - timedelta(minutes=minutes)
    target = timedelta(minutes=settings.LEADS_RESPONSE_TARGET_MINUTES)
    Lead.objects.filter(pk=lead.pk).update(
        created_at=created,
        respond_by=created + target,
        escalate_by=created + 2 * target,
    )
    lead.refresh_from_db()
    return lead
