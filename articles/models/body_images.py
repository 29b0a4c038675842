"""
Images shown inside post bodies: the BodyImage model and its <figure>.

An editor uploads one in the admin and places it in a body with
`![](image:ID)` on a line of its own (articles/markdown_images.py). Its alt text
and caption live here, once, and are used wherever the image appears.

articles.markup reads the figures from here; changing an image (what may
change, and rendering the posts that use it again) is in
articles.body_image_services.
"""

import re

from django.conf import settings
from django.db import models
from django.utils.html import format_html

from articles.images import image_changed, make_renditions, validate_image_upload

SIZES = "(min-width: 992px) 720px, 100vw"  # as the lead image in post_detail.html
# A rendition URL is a path under MEDIA_URL made of these characters only.
SAFE_PATH = re.compile(r"/[A-Za-z0-9._~/%-]+")


class BodyImageQuerySet(models.QuerySet):
    def figures(self, ids):
        """{id: <figure> HTML} for the images among `ids`, in one query."""
        images = self.filter(pk__in=ids).only("alt_text", "caption", "image_renditions")
        return {image.pk: image.figure() for image in images}


class BodyImage(models.Model):
    """An image shown inside post bodies, placed with `![](image:ID)`."""

    image = models.ImageField(
        upload_to="posts/body/",
        validators=[validate_image_upload],
        help_text="A JPEG, PNG or WebP image. Large files are refused. To show it "
        "in a post, put ![](image:ID) on a line of its own in the body.",
    )
    alt_text = models.CharField(
        max_length=250,
        help_text="Describe what the image shows for people who cannot see it, as "
        "it matters to the article, e.g. “Side view of the lower spine with a "
        "bulging disc between L4 and L5”. Used wherever the image appears.",
    )
    caption = models.CharField(
        max_length=300,
        blank=True,
        help_text="Optional text shown under the image for everyone, e.g. what to "
        "notice or where the image comes from.",
    )
    # Derived when saved, never edited by hand.
    image_renditions = models.JSONField(editable=False, default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="body_images",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = BodyImageQuerySet.as_manager()

    class Meta:
        app_label = "articles"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Image {self.pk}: {self.alt_text}"

    def save(self, *args, **kwargs):
        new_image = image_changed(self)
        super().save(*args, **kwargs)
        if new_image:
            self.image_renditions = make_renditions(self.image) if self.image else []
            super().save(update_fields=["image_renditions"])

    @property
    def markdown(self):
        """What an editor types in a post's body to show this image."""
        return f"![](image:{self.pk})"

    @property
    def renditions(self):
        """The stored renditions that are this site's own files, narrowest first."""
        return [r for r in self.image_renditions or [] if _is_own_rendition(r)]

    @property
    def thumbnail(self):
        renditions = self.renditions
        return renditions[0] if renditions else None

    def figure(self):
        """The <figure> shown in a post's body, or "" without a usable rendition."""
        renditions = self.renditions
        if not renditions:
            return ""
        widest = renditions[-1]
        img = format_html(
            '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" '
            'loading="lazy" decoding="async">',
            widest["url"],
            ", ".join(f"{r['url']} {r['width']}w" for r in renditions),
            SIZES,
            widest["width"],
            widest["height"],
            self.alt_text,
        )
        caption = (
            format_html("<figcaption>{}</figcaption>", self.caption)
            if self.caption
            else ""
        )
        return format_html('<figure class="body-image">{}{}</figure>', img, caption)


def _is_own_rendition(rendition):
    """A rendition dict whose URL is a plain path under this site's MEDIA_URL."""
    if not isinstance(rendition, dict):
        return False
    url, media_url = rendition.get("url"), settings.MEDIA_URL
    return (
        isinstance(url, str)
        and media_url.startswith("/")
        and url.startswith(media_url)
        and SAFE_PATH.fullmatch(url) is not None
        and "//" not in url
        and all(
            type(rendition.get(key)) is int and rendition[key] > 0
            for key in ("width", "height")
        )
    )


def uses_image(image_id):
    """A `body__regex` value matching bodies that name image `image_id`
    (image:12 but not image:123), the same on PostgreSQL and SQLite."""
    return rf"image:{int(image_id)}([^0-9]|$)"
