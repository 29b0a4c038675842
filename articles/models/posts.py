from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, When
from django.urls import reverse
from django.utils import timezone

from articles.images import image_changed, make_renditions, validate_image_upload
from articles.markup import reading_time_minutes, render_markdown
from articles.models.versions import RenderedContent, post_versions

REVIEW_STALE_AFTER = timedelta(days=365)


# What a post card needs: the post's address and date, the live version's words
# and its byline.
CARD_FIELDS = (
    "slug",
    "published_at",
    "live_version__title",
    "live_version__excerpt",
    "approval__version",
    "approval__approved_at",
    "approval__reviewer_name",
    "approval__credentials",
)
# Addresses under /articles/ that are not posts.
RESERVED_SLUGS = {"feed", "preview"}
# Where the live (approved) version's fields and topics are, seen from a post.
LIVE = "live_version"
LIVE_TOPIC = "live_version__historicalpost_topics__topic"


class PostQuerySet(models.QuerySet):
    def published(self):
        """Posts the public may see: a version to show, and their time has come."""
        return self.filter(
            status=Post.Status.PUBLISHED,
            live_version__isnull=False,
            published_at__lte=timezone.now(),
        )

    def with_live_version(self):
        """Fetch the live version and its byline with the post (one query)."""
        return self.select_related(LIVE, "approval__reviewer")

    def for_cards(self):
        """What a list card shows (title, excerpt, date, reviewer), in one query."""
        return self.select_related(LIVE, "approval").only(*CARD_FIELDS)

    def about(self, topics):
        """Posts whose live version is about any of `topics`, each row annotated
        with the matching `topic_id` (a post about two of them comes twice)."""
        return self.filter(**{f"{LIVE_TOPIC}__in": topics}).annotate(
            topic_id=F(LIVE_TOPIC)
        )

    def reviewed_by(self, reviewer):
        return self.filter(approval__reviewer=reviewer)

    def review_due(self):
        """Published posts whose approved review is more than 12 months old."""
        cutoff = timezone.now() - REVIEW_STALE_AFTER
        return self.filter(
            status=Post.Status.PUBLISHED, approval__approved_at__lt=cutoff
        )

    def review_current(self):
        """Published posts approved within the last 12 months (the rest are
        review_due())."""
        cutoff = timezone.now() - REVIEW_STALE_AFTER
        return self.filter(
            status=Post.Status.PUBLISHED, approval__approved_at__gte=cutoff
        )

    def awaiting_review(self):
        """The reviewers' queue: posts sent for review, oldest request first."""
        return self.filter(review_state=Post.Review.AWAITING).order_by(
            "review_requested_at", "pk"
        )

    def search(self, query):
        """Published posts whose live version matches `query`, best match first."""
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
                SearchVector(f"{LIVE}__title", weight="A", config="english")
                + SearchVector(f"{LIVE}__excerpt", weight="B", config="english")
                + SearchVector(f"{LIVE}__body", weight="C", config="english")
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
                Q(**{f"{LIVE}__title__icontains": word})
                | Q(**{f"{LIVE}__excerpt__icontains": word})
                | Q(**{f"{LIVE}__body__icontains": word})
            )
        rank = Case(
            When(Q.create([(f"{LIVE}__title__icontains", w) for w in words]), then=3),
            When(Q.create([(f"{LIVE}__excerpt__icontains", w) for w in words]), then=2),
            default=1,
        )
        return (
            posts.filter(condition)
            .annotate(rank=rank)
            .order_by("-rank", "-published_at")
        )


class Post(RenderedContent, models.Model):
    """
    An article. Its fields are the editors' working copy; every save keeps a
    version (`history`). Patients read `live_version`, never the working copy:
    the version a clinician approved (`approval`), or one brought in without a
    review claim (an import), which shows no byline.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Review(models.TextChoices):
        NONE = "", "Not sent for review"
        AWAITING = "awaiting", "Awaiting review"
        SENT_BACK = "sent_back", "Sent back"

    # The content: kept in every version.
    title = models.CharField(max_length=200, help_text="The article's headline.")
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
        "articles.Topic",
        related_name="posts",
        help_text="The conditions this post is about. The first (alphabetically) is "
        "its main topic.",
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
    seo_title = models.CharField(
        "search-engine title",
        max_length=70,
        blank=True,
        help_text="Optional title for search results and the browser tab (up to 70 "
        "characters). Empty: the headline.",
    )
    seo_description = models.CharField(
        "search-engine description",
        max_length=160,
        blank=True,
        help_text="Optional description for search results (up to 160 characters). "
        "Empty: the excerpt.",
    )
    # Derived when saved, never edited by hand; versioned with the content, so an
    # approved version is shown exactly as it was approved.
    body_html = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)
    reading_minutes = models.PositiveSmallIntegerField(editable=False, default=1)
    image_renditions = models.JSONField(editable=False, default=list, blank=True)

    # The address and publishing: not part of a version.
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="Used in the address /articles/<slug>/. Filled in from the title. "
        "Changing it on a published post keeps the old address working (301).",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="posts",
        help_text="The staff member who wrote the post.",
    )
    status = models.CharField(
        max_length=10,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
        help_text="Set by approval (published) and withdrawal, never by hand.",
    )
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        db_index=True,
        help_text="When the post first appears once a version is approved. A future "
        "time schedules it; leave empty to publish on approval.",
    )
    related_picks = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="picked_by",
        help_text="Posts to show first under “Related posts”. The rest are filled "
        "with the newest posts sharing a topic.",
    )
    live_version = models.ForeignKey(
        "articles.HistoricalPost",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The version patients read.",
    )
    approval = models.ForeignKey(
        "articles.Approval",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text="The latest approval; its byline shows only while patients read "
        "the version it approved (`review`).",
    )
    review_state = models.CharField(
        max_length=10, choices=Review.choices, default=Review.NONE, editable=False
    )
    review_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(null=True, blank=True, editable=False)
    withdrawn_reason = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PostQuerySet.as_manager()
    history = post_versions
    # Read and added by django-simple-history (articles.records records each
    # version); declared for type checkers.
    skip_history_when_saving: bool
    _history_user: AbstractBaseUser | None
    _change_reason: str
    save_without_historical_record: Callable[..., None]

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            models.Index(fields=["review_state", "review_requested_at"]),
        ]
        permissions = [
            ("approve_post", "Can approve a version of a post for patients"),
            ("withdraw_post", "Can withdraw a post from the site"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.body_html, self.toc = render_markdown(self.body)
        self.reading_minutes = reading_time_minutes(self.body)
        new_image = image_changed(self)
        if new_image:
            # The renditions are versioned with the image: make them first.
            super().save(*args, **kwargs)
            self.image_renditions = make_renditions(self.image) if self.image else []
            kwargs = {"update_fields": ["image_renditions"]}
        super().save(*args, **kwargs)

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
        if self.image and not self.image_alt.strip():
            errors["image_alt"] = ValidationError(
                "Describe the image for people who cannot see it.",
                code="alt_required",
            )
        if errors:
            raise ValidationError(errors)

    @property
    def live(self):
        """The version patients read, or None before the post went live."""
        return self.live_version

    @property
    def review(self):
        """The approval behind the byline: only that of the version patients
        read. None for a version shown without review (an imported one)."""
        approval = self.approval
        if approval is None or approval.version_id != self.live_version_id:
            return None
        return approval

    @property
    def live_since(self):
        """When the version patients read became theirs."""
        if self.review is not None:
            return self.review.approved_at
        return self.live.history_date if self.live else None

    @property
    def public_title(self):
        """The title patients see (the working title before any approval)."""
        return self.live.title if self.live else self.title

    @property
    def is_live(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.live_version_id is not None
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self):
        """Approved, but its publication time is still to come."""
        return self.status == self.Status.PUBLISHED and not self.is_live

    @property
    def was_updated(self):
        """True when the version shown became live on a later day than the post."""
        since = self.live_since
        return bool(
            self.published_at
            and since
            and timezone.localdate(since) > timezone.localdate(self.published_at)
        )

    @property
    def author_name(self):
        return self.author.get_full_name() or self.author.get_username()

    def latest_version(self):
        return self.history.order_by("-history_id").first()

    def related_posts(self, topics, limit=3):
        """
        Up to `limit` published posts: the editor's picks first, then the newest
        posts sharing one of `topics` (those of the version shown). One query.
        """
        picked = Post.related_picks.through.objects.filter(
            from_post=self.pk, to_post=OuterRef("pk")
        )
        topic_ids = [topic.pk for topic in topics]
        shares_topic = Post.objects.filter(pk=OuterRef("pk")).about(topic_ids)
        return list(
            Post.objects.published()
            .exclude(pk=self.pk)
            .annotate(is_pick=Exists(picked))
            .filter(Q(is_pick=True) | Exists(shares_topic))
            .for_cards()
            .order_by("-is_pick", "-published_at")[:limit]
        )
