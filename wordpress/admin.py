"""What was moved in from WordPress: read-only lists for superusers and editors."""

from django.contrib import admin

from clinic.admin_site import ReadOnlyAdmin
from wordpress.models import ImportedImage, ImportedPost


class ImportRecordAdmin(ReadOnlyAdmin):
    """Rows the import writes: staff who edit posts may look, nobody changes them."""

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_view_permission(self, request, obj=None):
        user = request.user
        return user.is_active and (
            user.is_superuser or user.has_perm("articles.change_post")
        )


@admin.register(ImportedPost)
class ImportedPostAdmin(ImportRecordAdmin):
    list_display = (
        "wordpress_id",
        "post",
        "wordpress_link",
        "images_missing",
        "updated_at",
    )
    list_filter = ("images_missing",)
    search_fields = ("wordpress_link", "guid", "post__title", "post__slug")
    date_hierarchy = "updated_at"
    list_select_related = ("post",)
    fields = (
        "guid",
        "wordpress_id",
        "wordpress_link",
        "post",
        "content_hash",
        "featured_image",
        "images_missing",
        "imported_at",
        "updated_at",
    )
    readonly_fields = fields


@admin.register(ImportedImage)
class ImportedImageAdmin(ImportRecordAdmin):
    list_display = ("source", "body_image", "imported_at")
    search_fields = ("source",)
    list_select_related = ("body_image",)
    fields = ("source", "body_image", "imported_at")
    readonly_fields = fields
