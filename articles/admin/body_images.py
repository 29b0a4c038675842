from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from articles.body_image_services import (
    body_image_delete,
    body_image_save,
    live_posts_showing,
)
from articles.models import BodyImage, Post
from articles.models.body_images import uses_image
from clinic.admin_site import NoHiddenLookupsAdmin


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

    actions = None  # no bulk delete: each image's use is checked on its own

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and self._shown_by_approved(obj):
            fields += ["image", "alt_text", "caption"]
        return fields

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self._shown_by_approved(obj):
            return False
        return super().has_delete_permission(request, obj)

    def _shown_by_approved(self, image):
        if not hasattr(image, "_shown_by_approved"):
            image._shown_by_approved = live_posts_showing(image.pk).exists()
        return image._shown_by_approved

    def save_model(self, request, obj, form, change):
        body_image_save(image=obj, by=request.user)

    def delete_model(self, request, obj):
        body_image_delete(image=obj, by=request.user)

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
        if links and self._shown_by_approved(image):
            links = format_html(
                "{}<p>The version of a post that patients read shows this image, so "
                "it cannot be changed or deleted. Upload a new image and place it in "
                "a new version of the post instead.</p>",
                links,
            )
        return links or "No post yet."
