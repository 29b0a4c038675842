from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, When
from django.urls import reverse
from django.utils import timezone

from articles.body_images import BodyImage  # noqa: F401 (this app's model)
from articles.images import make_renditions, validate_image_upload
from articles.markup import reading_time_minutes, render_markdown

REVIEW_STALE_AFTER = timedelta(days=365)


def validate_review_date(value):
    """A medical review date is a day that has come (posts and rule sets)."""
    if value and value > timezone.localdate():
        raise ValidationError(
            "The review date cannot be in the future.", code="review_in_future"
        )


# What a related-post card needs (title and excerpt link).
CARD_FIELDS = ("title", "slug", "excerpt", "published_at")
# Addresses under /articles/ that are not posts.
RESERVED_SLUGS = {"feed", "preview"}


class Topic(models.Model):
    """A condition or area of the body that posts are grouped under."""

    name = models.CharField(max_length=80, unique=True, help_text="e.g. Sciatica")
    slug = models.SlugField(
        max_length=80, unique=True, help_text="Used in the address /topics/<slug>/."
    )
    description = models.TextField(
        blank=True,
        help_text="One or two plain sentences shown at the top of the topic page "
        "and used as its search-engine description.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("articles:topic", kwargs={"slug": self.slug})


class Reviewer(models.Model):
    """A clinician who medically reviews posts."""

    name = models.CharField(max_length=120, help_text="Full name, e.g. Dana Whitfield")
    slug = models.SlugField(
        max_length=120, unique=True, help_text="Used in the address /reviewers/<slug>/."
    )
    credentials = models.CharField(
        max_length=120, help_text="Degrees and board certifications, e.g. MD, FAAOS"
    )
    specialty = models.CharField(
        max_length=120, help_text="e.g. Orthopedic spine surgery"
    )
    bio = models.TextField(help_text="A short biography in plain text.")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name}, {self.credentials}"

    def get_absolute_url(self):
        return reverse("articles:reviewer", kwargs={"slug": self.slug})


class PostQuerySet(models.QuerySet):
    def published(self):
        """Posts the public may see: published, and their publication time has come."""
        return self.filter(
            status=Post.Status.PUBLISHED, published_at__lte=timezone.now()
        )

    def review_stale(self):
        """Published posts whose last medical review is more than a year old."""
        cutoff = timezone.localdate() - REVIEW_STALE_AFTER
        return self.filter(status=Post.Status.PUBLISHED, reviewed_on__lt=cutoff)

    def review_current(self):
        """Published posts reviewed within the last year (the rest of them are
        review_stale())."""
        cutoff = timezone.localdate() - REVIEW_STALE_AFTER
        return self.filter(status=Post.Status.PUBLISHED, reviewed_on__gte=cutoff)

    def for_cards(self):
        """What a list card shows (title, excerpt, date, reviewer), in one query."""
        return self.select_related("reviewer").defer("body", "body_html", "toc")

    def search(self, query):
        """Published posts matching `query`, best match first."""
        query = (query or "").strip()
        posts = self.published()
        if not query:
            return posts.none()
        from django.db import connection

        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import (
                SearchQuery,
                SearchRank,
                SearchVector,
            )

            vector = (
                SearchVector("title", weight="A", config="english")
                + SearchVector("excerpt", weight="B", config="english")
                + SearchVector("body", weight="C", config="english")
            )
            search_query = SearchQuery(query, search_type="websearch", config="english")
            return (
                posts.annotate(rank=SearchRank(vector, search_query))
                .filter(rank__gt=0)
                .order_by("-rank", "-published_at")
            )
        # Elsewhere (SQLite in development): every word must appear somewhere;
        # posts with the words in the title come first, then in the excerpt.
        words = query.split()[:10]
        condition = Q()
        for word in words:
            condition &= (
                Q(title__icontains=word)
                | Q(excerpt__icontains=word)
                | Q(body__icontains=word)
            )
        rank = Case(
            When(Q.create([("title__icontains", w) for w in words]), then=3),
            When(Q.create([("excerpt__icontains", w) for w in words]), then=2),
            default=1,
        )
        return (
            posts.filter(condition)
            .annotate(rank=rank)
            .order_by("-rank", "-published_at")
        )


class Post(models.Model):
    """A medically reviewed article."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200, help_text="The article's headline.")
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="Used in the address /articles/<slug>/. Filled in from the title.",
    )
    excerpt = models.CharField(
        max_length=300,
        help_text="One or two sentences shown in lists and used as the search-engine "
        "description. Plain text.",
    )
    body = models.TextField(
        help_text="The article in Markdown: ## for section headings, - for lists, "
        "[text](https://…) for links. To show an uploaded body image, put "
        "![](image:ID) on a line of its own, with the ID from the Body images list; "
        "the image's own alt text and caption are used. Other images and HTML are "
        "removed."
    )
    topics = models.ManyToManyField(
        Topic,
        related_name="posts",
        help_text="The conditions this post is about. The first (alphabetically) is "
        "its main topic.",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="posts",
        help_text="The staff member who wrote the post.",
    )
    reviewer = models.ForeignKey(
        Reviewer,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="posts",
        help_text="The clinician who medically reviewed this version. Required to "
        "publish.",
    )
    reviewed_on = models.DateField(
        null=True,
        blank=True,
        validators=[validate_review_date],
        help_text="The date of the last medical review. Required to publish.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        help_text="Drafts are never shown to the public.",
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When a published post appears. A future time schedules it; "
        "leave empty to publish now.",
    )
    related_picks = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="picked_by",
        help_text="Posts to show first under “Related posts”. The rest are filled "
        "with the newest posts sharing a topic.",
    )
    image = models.ImageField(
        upload_to="posts/",
        blank=True,
        validators=[validate_image_upload],
        help_text="Optional lead image (JPEG, PNG or WebP). Large files are refused.",
    )
    image_alt = models.CharField(
        max_length=250,
        blank=True,
        help_text="Describe the image for people who cannot see it. Required with "
        "an image.",
    )
    # Derived when saved, never edited by hand.
    body_html = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)
    reading_minutes = models.PositiveSmallIntegerField(editable=False, default=1)
    image_renditions = models.JSONField(editable=False, default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "-published_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html, self.toc = render_markdown(self.body)
        self.reading_minutes = reading_time_minutes(self.body)
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        image_changed = self._image_changed()
        super().save(*args, **kwargs)
        if image_changed:
            self.image_renditions = make_renditions(self.image) if self.image else []
            super().save(update_fields=["image_renditions"])

    def get_absolute_url(self):
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = ValidationError(
                "“%(slug)s” is used by another page of the site; choose another slug.",
                code="reserved_slug",
                params={"slug": self.slug},
            )
        if self.status == self.Status.PUBLISHED:
            if not self.reviewer_id:
                errors["reviewer"] = ValidationError(
                    "A post cannot be published without a medical reviewer.",
                    code="reviewer_required",
                )
            if not self.reviewed_on:
                errors["reviewed_on"] = ValidationError(
                    "A post cannot be published without the date of its medical "
                    "review.",
                    code="review_date_required",
                )
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = ValidationError(
                "Describe the image for people who cannot see it.",
                code="alt_required",
            )
        if errors:
            raise ValidationError(errors)

    def _image_changed(self):
        name = self.image.name if self.image else ""
        if self.pk is None:
            return bool(name)
        previous = Post.objects.filter(pk=self.pk).values_list("image", flat=True)
        return (previous.first() or "") != name

    @property
    def is_live(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        """Published, but its publication time is still to come."""
        return self.status == self.Status.PUBLISHED and not self.is_live

    @property
    def was_updated(self):
        """True when the post changed on a later day than it was published."""
        return bool(
            self.published_at
            and timezone.localdate(self.updated_at)
            > timezone.localdate(self.published_at)
        )

    @property
    def primary_topic(self):
        topics = list(self.topics.all())
        return topics[0] if topics else None

    @property
    def lead_image(self):
        """The widest rendition, used as the img src and for social cards."""
        return self.image_renditions[-1] if self.image_renditions else None

    @property
    def srcset(self):
        return ", ".join(f"{r['url']} {r['width']}w" for r in self.image_renditions)

    @property
    def author_name(self):
        return self.author.get_full_name() or self.author.get_username()

    def related_posts(self, limit=3):
        """
        Up to `limit` published posts: the editor's picks first, then the newest
        posts sharing a topic. One query, whatever the number of topics.
        """
        topic_ids = [topic.pk for topic in self.topics.all()]
        picked = Post.related_picks.through.objects.filter(
            from_post=self.pk, to_post=OuterRef("pk")
        )
        shares_topic = Post.topics.through.objects.filter(
            post=OuterRef("pk"), topic__in=topic_ids
        )
        return list(
            Post.objects.published()
            .exclude(pk=self.pk)
            .annotate(is_pick=Exists(picked))
            .filter(Q(is_pick=True) | Exists(shares_topic))
            .only(*CARD_FIELDS)
            .order_by("-is_pick", "-published_at")[:limit]
        )
