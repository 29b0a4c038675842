"""
Versions of a post's content, kept by django-simple-history: what a version
holds, and how it shows the same way a post does.
"""

from django.apps import apps
from django.db import models
from simple_history.models import HistoricalRecords


class RenderedContent:
    """What a post and each of its versions show the same way."""

    @property
    def lead_image(self):
        """The widest rendition, used as the img src and for social cards."""
        return self.image_renditions[-1] if self.image_renditions else None

    @property
    def srcset(self):
        return ", ".join(f"{r['url']} {r['width']}w" for r in self.image_renditions)

    @property
    def page_title(self):
        return self.seo_title or self.title

    @property
    def page_description(self):
        return self.seo_description or self.excerpt


# Set only by the editorial actions in articles.services, never by a save.
WORKFLOW_FIELDS = (
    "status",
    "approval",
    "live_version",
    "review_state",
    "review_requested_at",
    "withdrawn_at",
    "withdrawn_reason",
)

# Every save of a post keeps a version of its content (django-simple-history);
# articles.records.version_record records one version per save with this recorder.
# The post's address, author, publishing and workflow are not its content.
post_versions = HistoricalRecords(
    excluded_fields=[
        "slug",
        "author",
        "published_at",
        *WORKFLOW_FIELDS,
        "created_at",
        "updated_at",
    ],
    m2m_fields=["topics"],
    bases=[RenderedContent, models.Model],
    user_related_name="+",
)


def version_content_fields():
    """The attribute names a version keeps (what restoring copies back)."""
    model = apps.get_model("articles", "HistoricalPost")
    return [f.attname for f in model.tracked_fields if not f.primary_key]


def version_topics(version):
    """The topics a version of a post was about, by name."""
    rows = version.topics.select_related("topic").order_by("topic__name")
    return [row.topic for row in rows]
