"""
Moving a WordPress site in: posts, authors, topics, images and every old
address (the import_wordpress command only parses its arguments and prints).
Posts are saved through articles.services.post_import_version: one version
each, in the reviewers' queue, without a review claim. Each post has its own
transaction, so a bad one is skipped with its reason; a dry run is one
transaction that is rolled back, and copies no files.
"""

import hashlib
import re
from urllib.parse import unquote, urlsplit

from django.contrib.auth import get_user_model
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils.text import slugify

from articles.models import RESERVED_SLUGS, BodyImage, Post, Topic
from articles.services import post_import_version
from redirects.models import Redirect
from wordpress.addresses import redirect_old_address
from wordpress.convert import excerpt_from, html_to_markdown, plain_text, shorten
from wordpress.media import MediaFolder
from wordpress.models import ImportedImage, ImportedPost
from wordpress.report import ImportReport, describe
from wordpress.wxr import item_date, item_fingerprint, iter_posts, read_export

GO_LIVE = {"publish", "future"}
DRAFT = {"draft", "pending"}
SKIP = {"private", "trash", "auto-draft"}
NO_TOPIC = {"uncategorized"}  # WordPress's "none", not a topic
TOPIC_PREFIX = {"category": "/category/", "post_tag": "/tag/"}
USERNAME_UNSAFE = re.compile(r"[^\w.@+-]")
YOAST_VARIABLE = re.compile(r"%%[^%\s]*%%")


class SkipItem(Exception):
    """This post cannot be imported: the reason, for the report."""


def import_wordpress(
    *, path, media_dir=None, dry_run=False, as_drafts=False, progress=None
):
    """
    Import the posts of the WordPress export at `path` and return an
    ImportReport. `progress(done, total)` is called after each post. Raises
    wxr.ExportError, before writing anything, when the file cannot be imported.
    """
    export = read_export(path)
    report = ImportReport(
        dry_run=dry_run, total=export.post_count, not_posts=export.other_count
    )
    importer = Importer(export, report, media_dir, dry_run, as_drafts)
    if dry_run:
        with transaction.atomic():
            importer.run(path, progress)
            transaction.set_rollback(True)
    else:
        importer.run(path, progress)
    return report


class Importer:
    def __init__(self, export, report, media_dir, dry_run, as_drafts):
        self.export = export
        self.report = report
        self.media = MediaFolder(media_dir)
        self.dry_run = dry_run
        self.as_drafts = as_drafts
        self.site_hosts = export.site_hosts
        # Alt text of uploads files, by their path inside uploads/.
        self.alt_by_file = {
            a["file"]: a["alt"] for a in export.attachments.values() if a["file"]
        }
        self.authors_seen = {}  # login → created (True) or matched (False)
        self.topic_pages = {}  # old topic page address → topic address
        self.dry_images = {}

    def run(self, path, progress):
        redirects_before = Redirect.objects.count()
        for done, item in enumerate(iter_posts(path), start=1):
            pages = {}
            try:
                with transaction.atomic():
                    self.import_item(item, pages)
            except SkipItem as reason:
                self.report.skip(item, str(reason))
            except Exception as error:  # a bad item must not stop the others
                self.report.skip(item, "could not be saved")
                self.report.warn(item, f"{type(error).__name__}: {error}")
            else:
                self.topic_pages.update(pages)
            if progress:
                progress(done, self.report.total)
        for old, new in sorted(self.topic_pages.items()):
            redirect_old_address(self.report, None, old, new)
        redirect_old_address(self.report, None, "/feed/", "/articles/feed/")
        self.report.redirects_created = Redirect.objects.count() - redirects_before
        for created in self.authors_seen.values():
            if created:
                self.report.authors_created += 1
            else:
                self.report.authors_matched += 1

    def import_item(self, item, pages):
        """Import one post of the export, unless it is unchanged since the last
        run (or SkipItem says why not); `pages` as for topics()."""
        title = self.importable_title(item)
        guid = (item.guid or item.link or f"wordpress-post-{item.post_id}")[:500]
        fingerprint = item_fingerprint(item)
        mapping = ImportedPost.objects.select_related("post").filter(guid=guid).first()
        same = mapping is not None and mapping.content_hash == fingerprint
        if same and not (mapping.images_missing and self.media.root):
            self.report.unchanged += 1
            return
        go_live, published_at = self.publishing(item, mapping)
        post = mapping.post if mapping else Post(slug=self.free_slug(item, title))
        body_before = post.body
        if mapping is None:
            post.author = self.author(item.creator)
        missing_before = len(self.report.images_missing)
        self.fill_content(item, post, title)
        featured = self.featured_image(item, post, mapping, title)
        if same and post.body == body_before and featured == mapping.featured_image:
            # Tried again for its missing images, which are still missing.
            self.report.unchanged += 1
            return
        if go_live and post.review is None:
            post.published_at = published_at
        elif post.pk is None:
            post.published_at = None  # publish when a clinician approves it
        verb = "Updated" if mapping else "Imported"
        post_import_version(
            post=post,
            topics=self.topics(item, pages),
            go_live=go_live,
            reason=f"{verb} from WordPress (post {item.post_id}).",
        )
        values = {
            "wordpress_id": int(item.post_id),
            "wordpress_link": item.link[:500],
            "post": post,
            "content_hash": fingerprint,
            "featured_image": featured,
            "images_missing": len(self.report.images_missing) > missing_before,
        }
        ImportedPost.objects.update_or_create(guid=guid, defaults=values)
        if mapping:
            self.report.updated += 1
        else:
            self.report.imported += 1
        self.redirect_old_addresses(item, post.get_absolute_url())

    def importable_title(self, item):
        """The item's title, or SkipItem with the reason it is not imported."""
        status = item.status
        if status in SKIP:
            raise SkipItem(status)
        if status not in GO_LIVE | DRAFT:
            raise SkipItem(f"unknown status “{status[:20]}”")
        if item.password:
            raise SkipItem("password-protected")
        if not item.post_id.isdigit():
            raise SkipItem("no post ID")
        title = plain_text(item.title)
        if not title:
            raise SkipItem("no title")
        return title

    def publishing(self, item, mapping):
        """Whether the post goes live here, and its publication time there."""
        # A new post goes live as it was there; a later run never takes live
        # a post that is not live here (imported as a draft, or withdrawn).
        go_live = (
            item.status in GO_LIVE
            and not self.as_drafts
            and (mapping is None or mapping.post.status == Post.Status.PUBLISHED)
        )
        published_at = item_date(item) if item.status in GO_LIVE else None
        if item.status in GO_LIVE and published_at is None:
            raise SkipItem("no valid date")
        return go_live, published_at

    def fill_content(self, item, post, title):
        """The post's title, body (its images copied), excerpt and search-engine
        texts from the item."""
        report = self.report
        if len(title) > 200:
            report.warn(item, "title shortened to 200 characters")
        post.title = shorten(title, 200)
        converted = html_to_markdown(
            item.content,
            place_image=lambda src, alt: self.body_image(item, title, src, alt),
            site_hosts=self.site_hosts,
        )
        post.body = converted.markdown
        if not post.body.strip():
            report.warn(item, "the body is empty")
        for name in converted.shortcodes:
            report.shortcodes[name] += 1
        post.excerpt = shorten(
            plain_text(item.excerpt) or excerpt_from(post.body) or post.title, 300
        )
        post.seo_title = self.yoast(item, "_yoast_wpseo_title", title, 70)
        post.seo_description = self.yoast(item, "_yoast_wpseo_metadesc", title, 160)

    def redirect_old_addresses(self, item, new_path):
        """The item's address there, and WordPress's /?p=ID, lead to `new_path`."""
        parts = urlsplit(item.link)
        if parts.path or parts.query:
            old = parts.path or "/"
            old = f"{old}?{parts.query}" if parts.query else old
            redirect_old_address(self.report, item, old, new_path)
        redirect_old_address(self.report, item, f"/?p={int(item.post_id)}", new_path)

    # Parts of a post.

    def free_slug(self, item, title):
        base = slugify(unquote(item.post_name)) or slugify(title)
        base = (base or f"post-{item.post_id}")[:190].strip("-")
        slug, n = base, 1
        while slug in RESERVED_SLUGS or Post.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        if slug != base:
            self.report.warn(item, f"its address is /articles/{slug}/ ({base} taken)")
        return slug

    def author(self, login):
        """The staff account for a WordPress login: matched by login or e-mail,
        else created without a usable password (an administrator sets one)."""
        info = self.export.authors.get(login, {})
        username = USERNAME_UNSAFE.sub("_", login)[:150] or "wordpress"
        email = info.get("author_email", "").strip()[:254]
        User = get_user_model()
        match = Q(username__iexact=username)
        if email:
            match |= Q(email__iexact=email)
        candidates = list(User.objects.filter(match)[:5])
        # The same e-mail is the same person; the same login only when it is
        # an account an import made (no usable password): WordPress's "admin"
        # is not this site's administrator.
        user = next(
            (u for u in candidates if email and u.email.lower() == email.lower()),
            None,
        ) or next(
            (
                u
                for u in candidates
                if u.get_username().lower() == username.lower()
                and not u.has_usable_password()
            ),
            None,
        )
        if user is not None:
            if login not in self.authors_seen:
                self.report.warnings.append(
                    f"Author {login[:40]}: posts signed by the account "
                    f"{user.get_username()} here"
                )
            self.authors_seen.setdefault(login, False)
            return user
        while User.objects.filter(username__iexact=username).exists():
            username = f"wp-{username}"[:150]
        first = info.get("author_first_name", "")
        last = info.get("author_last_name", "")
        if not (first or last):
            first = info.get("author_display_name", "") or login
        user = User(
            username=username,
            email=email,
            first_name=plain_text(first)[:150],
            last_name=plain_text(last)[:150],
            is_staff=bool(login),
            is_active=bool(login),
        )
        user.set_unusable_password()
        user.save()
        self.authors_seen[login] = True
        return user

    def topics(self, item, pages):
        """Topics for the item's categories and tags, created when missing;
        `pages` gets the old category and tag pages that lead to them."""
        topics = []
        for domain, nicename, name in item.categories:
            if domain not in TOPIC_PREFIX:
                continue
            slug = slugify(unquote(nicename)) or slugify(plain_text(name))
            slug = slug[:80].strip("-")
            if slug in NO_TOPIC:
                continue
            if not slug:
                label = plain_text(name) or unquote(nicename)
                if not label:
                    continue
                # Addresses here are Latin letters and digits: name it by a number.
                digest = hashlib.sha1(label.encode(), usedforsecurity=False)
                slug = f"topic-{digest.hexdigest()[:8]}"
                self.report.warn(
                    item, f"topic “{label[:40]}” has no Latin letters: /topics/{slug}/"
                )
            name = (plain_text(name) or slug)[:80]
            topic = (
                Topic.objects.filter(slug=slug).first()
                or Topic.objects.filter(name__iexact=name).first()
            )
            if topic is None:
                topic = Topic.objects.create(slug=slug, name=name)
                self.report.topics_created += 1
            topics.append(topic)
            if nicename:
                pages[f"{TOPIC_PREFIX[domain]}{nicename}/"] = topic.get_absolute_url()
        return topics

    def yoast(self, item, key, title, limit):
        value = item.meta.get(key, "")
        if not value.strip():
            return ""
        text = YOAST_VARIABLE.sub(" ", value.replace("%%title%%", title))
        text = plain_text(text).strip(" -|–—·:")
        if len(text) > limit:
            self.report.warn(item, f"{key} shortened to {limit} characters")
            text = shorten(text, limit)
        return text

    # Images.

    def body_image(self, item, title, src, alt):
        """The Markdown that shows image `src` from this site, or ""."""
        source, path, problem = self.media.find(url=src)
        if problem:
            self.report.images_missing.append(f"{describe(item)}: {src} ({problem})")
            return ""
        known = ImportedImage.objects.filter(source=source).first()
        if known is not None:
            return f"![](image:{known.body_image_id})"
        alt = alt or self.alt_by_file.get(source, "")
        if not alt:
            alt = title
            self.report.warn(item, f"{source}: no alt text, the title used; check it")
        if self.dry_run:
            if source not in self.dry_images:
                self.report.images_copied += 1
                self.dry_images[source] = "![](image:0)"
            return self.dry_images[source]
        image = BodyImage(alt_text=shorten(alt, 250))
        with path.open("rb") as handle:
            image.image.save(path.name, File(handle), save=False)
        image.save()
        ImportedImage.objects.create(source=source, body_image=image)
        self.report.images_copied += 1
        return image.markdown

    def featured_image(self, item, post, mapping, title):
        """Set the post's lead image from its WordPress featured image; returns
        the uploads file it came from ("" without one)."""
        thumbnail = item.meta.get("_thumbnail_id", "").strip()
        if not thumbnail:
            return mapping.featured_image if mapping else ""
        attachment = self.export.attachments.get(thumbnail)
        if attachment is None:
            self.report.images_missing.append(
                f"{describe(item)}: featured image (attachment {thumbnail[:20]} is "
                "not in the export)"
            )
            return ""
        source, path, problem = self.media.find(
            file=attachment["file"], url=attachment["url"]
        )
        if problem:
            self.report.images_missing.append(
                f"{describe(item)}: featured image {attachment['url']} ({problem})"
            )
            return ""
        if mapping and mapping.featured_image == source and post.image:
            return source
        self.report.images_copied += 1
        alt = shorten(attachment["alt"], 250)
        if not alt:
            alt = shorten(title, 250)
            self.report.warn(
                item, "the lead image has no alt text, the title is used; check it"
            )
        if self.dry_run:
            return source
        with path.open("rb") as handle:
            post.image.save(path.name, File(handle), save=False)
        post.image_alt = alt
        return source
