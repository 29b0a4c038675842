"""What was brought in from WordPress, so a second run creates nothing twice."""

from django.db import models


class ImportedPost(models.Model):
    """A WordPress post and the post it became here, with a fingerprint of what
    was imported: a re-run skips it when unchanged and saves a new version when
    the export changed."""

    guid = models.CharField(
        "WordPress GUID",
        max_length=500,
        unique=True,
        help_text="WordPress's permanent identifier of the post; it survives a "
        "change of domain.",
    )
    wordpress_id = models.PositiveBigIntegerField("WordPress post ID", db_index=True)
    wordpress_link = models.CharField("WordPress address", max_length=500)
    post = models.OneToOneField(
        "articles.Post", on_delete=models.CASCADE, related_name="wordpress_import"
    )
    content_hash = models.CharField(
        max_length=64, help_text="SHA-256 of the item as last imported."
    )
    featured_image = models.CharField(
        max_length=500,
        blank=True,
        help_text="The uploads file the lead image was copied from.",
    )
    images_missing = models.BooleanField(
        default=False,
        help_text="Some of its images could not be copied; a run with the uploads "
        "folder tries again.",
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = "imported post"

    def __str__(self):
        return f"WordPress post {self.wordpress_id} → {self.post_id}"


class ImportedImage(models.Model):
    """A file of wp-content/uploads and the body image it became, so posts that
    show the same file, and later runs, share one body image."""

    source = models.CharField(
        max_length=500,
        unique=True,
        help_text="Its path inside wp-content/uploads.",
    )
    body_image = models.ForeignKey(
        "articles.BodyImage", on_delete=models.CASCADE, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["source"]

    def __str__(self):
        return self.source
