from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from checker.models import CheckerOption, CheckerRule, RuleSet
from checker.services import rule_set_copy, rule_set_make_live
from clinic.admin_site import NoHiddenLookupsAdmin


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
class RuleSetAdmin(NoHiddenLookupsAdmin):
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
            reverse("checker:preview", kwargs={"preview_pk": rule_set.pk}),
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
