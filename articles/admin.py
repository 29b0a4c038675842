from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles.body_images import uses_image
from articles.forms import PostAdminForm
from articles.models import BodyImage, Post, Reviewer, Topic
from clinic.admin_site import NoHiddenLookupsAdmin


@admin.register(Topic)
class TopicAdmin(NoHiddenLookupsAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Reviewer)
class ReviewerAdmin(NoHiddenLookupsAdmin):
    list_display = ["name", "credentials", "specialty"]
    search_fields = ["name", "credentials", "specialty"]
    prepopulated_fields = {"slug": ["name"]}


class ReviewFreshnessFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("stale", "Published, over 12 months old"),
            ("current", "Published, within 12 months"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.review_stale()
        if self.value() == "current":
            return queryset.review_current()
        return queryset


@admin.register(Post)
class PostAdmin(NoHiddenLookupsAdmin):
    form = PostAdminForm
    list_display = [
        "title",
        "status_label",
        "published_at",
        "reviewer",
        "reviewed_on",
        "preview_link",
    ]
    list_filter = ["status", ReviewFreshnessFilter, "topics", "reviewer"]
    list_select_related = ["reviewer"]
    search_fields = ["title", "excerpt", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related_picks"]
    filter_horizontal = ["topics"]
    readonly_fields = ["preview_link", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "excerpt", "body", "topics", "author"]}),
        (
            "Medical review and publishing",
            {
                "fields": ["reviewer", "reviewed_on", "status", "published_at"],
                "description": "A post needs a reviewer and a review date before it "
                "can be published. A publication time in the future schedules it.",
            },
        ),
        ("Lead image", {"fields": ["image", "image_alt"]}),
        ("Related posts", {"fields": ["related_picks"]}),
        ("History", {"fields": ["preview_link", "created_at", "updated_at"]}),
    ]

    def get_changeform_initial_data(self, request):
        return {
            "author": request.user.pk,
            **super().get_changeform_initial_data(request),
        }

    @admin.display(description="Status", ordering="status")
    def status_label(self, post):
        if post.is_scheduled:
            return "Scheduled"
        return post.get_status_display()

    @admin.display(description="Preview")
    def preview_link(self, post):
        if not post.pk:
            return "Save the post to preview it."
        return format_html(
            '<a href="{}">Preview as it will look</a>',
            reverse("articles:preview", kwargs={"pk": post.pk}),
        )


@admin.register(BodyImage)
class BodyImageAdmin(NoHiddenLookupsAdmin):
    """Images placed in post bodies; each row shows the text that places it."""

    list_display = [
        "thumbnail",
        "alt_text",
        "snippet",
        "caption",
        "uploaded_by",
        "created_at",
    ]
    list_display_links = ["alt_text"]
    search_fields = ["alt_text", "caption"]
    date_hierarchy = "created_at"
    fields = [
        "image",
        "alt_text",
        "caption",
        "snippet",
        "shown_as",
        "used_in",
        "uploaded_by",
        "created_at",
    ]
    readonly_fields = ["snippet", "shown_as", "used_in", "uploaded_by", "created_at"]
    list_select_related = ["uploaded_by"]

    class Media:
        css = {"all": ["articles/admin-body-images.css"]}

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="Image")
    def thumbnail(self, image):
        rendition = image.thumbnail
        if not rendition:
            return "–"
        width = min(rendition["width"], 120)
        return format_html(
            '<img src="{}" width="{}" height="{}" alt="" loading="lazy">',
            rendition["url"],
            width,
            round(rendition["height"] * width / rendition["width"]),
        )

    @admin.display(description="In a post's body, on a line of its own")
    def snippet(self, image):
        if not image.pk:
            return "Save the image to get its ID."
        return format_html("<code>{}</code>", image.markdown)

    @admin.display(description="Shown as")
    def shown_as(self, image):
        return image.figure() or "–"

    @admin.display(description="Used in")
    def used_in(self, image):
        if not image.pk:
            return "–"
        posts = Post.objects.filter(body__regex=uses_image(image.pk)).only("title")
        links = format_html_join(
            mark_safe("<br>"),  # noqa: S308 (a constant)
            '<a href="{}">{}</a>',
            (
                (reverse("admin:articles_post_change", args=[post.pk]), post.title)
                for post in posts
            ),
        )
        return links or "No post yet."
