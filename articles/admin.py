from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from articles.forms import PostAdminForm
from articles.models import (
    CheckerOption,
    CheckerRule,
    Post,
    Reviewer,
    RuleSet,
    Topic,
)
from articles.services import rule_set_copy, rule_set_make_live


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Reviewer)
class ReviewerAdmin(admin.ModelAdmin):
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
class PostAdmin(admin.ModelAdmin):
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


class CheckerOptionInline(admin.TabularInline):
    model = CheckerOption
    extra = 0
    fields = ["question", "position", "code", "label", "is_red_flag"]


class CheckerRuleInline(admin.TabularInline):
    model = CheckerRule
    extra = 0
    fields = ["topic", "options", "min_matches"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "options":
            # Only this rule set's own options (they are saved before the rules).
            object_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = CheckerOption.objects.filter(
                rule_set_id=object_id or 0
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(RuleSet)
class RuleSetAdmin(admin.ModelAdmin):
    """Drafts are edited and previewed; one goes live; live versions never change."""

    list_display = ["version", "name", "status", "reviewer", "reviewed_on", "preview"]
    list_select_related = ["reviewer"]  # nullable: the admin would not join it
    list_display_links = ["version", "name"]
    list_filter = ["status"]
    readonly_fields = ["version", "status", "went_live_at", "preview"]
    fields = [
        "version",
        "name",
        "status",
        "reviewer",
        "reviewed_on",
        "red_flag_message",
        "went_live_at",
        "preview",
    ]
    inlines = [CheckerOptionInline, CheckerRuleInline]
    actions = ["make_live", "copy_to_draft"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return False
        return super().has_delete_permission(request, obj)

    @admin.display(description="Preview")
    def preview(self, rule_set):
        if not rule_set.pk:
            return "Save to preview."
        return format_html(
            '<a href="{}">Try this version of the checker</a>',
            reverse("articles:checker-preview", kwargs={"preview_pk": rule_set.pk}),
        )

    @admin.action(
        description="Make live (replaces the live version)", permissions=["change"]
    )
    def make_live(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Choose exactly one rule set.", messages.ERROR)
            return
        try:
            rule_set = rule_set_make_live(rule_set=queryset.get())
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return
        self.message_user(request, f"Version {rule_set.version} is now live.")

    @admin.action(description="Copy to a new draft", permissions=["add"])
    def copy_to_draft(self, request, queryset):
        for rule_set in queryset:
            copy = rule_set_copy(rule_set=rule_set)
            self.message_user(
                request, f"Version {copy.version} was created as a draft to edit."
            )
