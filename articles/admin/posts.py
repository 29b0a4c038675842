from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from articles import diff
from articles.admin import review
from articles.forms import PostAdminForm
from articles.models import Post
from articles.services import post_save_version, post_send_for_review
from clinic.admin_site import NoHiddenLookupsAdmin


class ReviewFreshnessFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("stale", "Published, review over 12 months old"),
            ("current", "Published, reviewed within 12 months"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.review_due()
        if self.value() == "current":
            return queryset.review_current()
        return queryset


@admin.register(Post)
class PostAdmin(NoHiddenLookupsAdmin):
    form = PostAdminForm
    change_form_template = "admin/articles/post/change_form.html"
    list_display = [
        "title",
        "status_label",
        "review_label",
        "published_at",
        "reviewed_by",
        "preview_link",
    ]
    list_filter = ["status", "review_state", ReviewFreshnessFilter, "topics"]
    list_select_related = ["approval"]
    search_fields = ["title", "excerpt", "body"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["related_picks"]
    filter_horizontal = ["topics"]
    readonly_fields = [
        "patients_see",
        "editorial_history",
        "preview_link",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            "What patients read",
            {
                "fields": ["patients_see"],
                "description": "Saving keeps a new version. Patients keep reading "
                "the approved version until a medical reviewer approves the new one.",
            },
        ),
        (None, {"fields": ["title", "excerpt", "body", "topics", "base_version"]}),
        ("Lead image", {"fields": ["image", "image_alt"]}),
        ("Search engines", {"fields": ["seo_title", "seo_description"]}),
        (
            "Address and publishing",
            {
                "fields": ["slug", "author", "published_at"],
                "description": "A post appears once a version is approved, at the "
                "publication time if one is set.",
            },
        ),
        ("Related posts", {"fields": ["related_picks"]}),
        (
            "Editorial history",
            {
                "fields": [
                    "editorial_history",
                    "preview_link",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("review/", view(self.review_queue), name="articles_post_review_queue"),
            path("<int:pk>/review/", view(self.review), name="articles_post_review"),
            path(
                "<int:pk>/withdraw/", view(self.withdraw), name="articles_post_withdraw"
            ),
            path(
                "<int:pk>/versions/", view(self.versions), name="articles_post_versions"
            ),
            *super().get_urls(),
        ]

    def review_queue(self, request):
        return review.queue(self, request)

    def review(self, request, pk):
        return review.review(self, request, pk)

    def withdraw(self, request, pk):
        return review.withdraw(self, request, pk)

    def versions(self, request, pk):
        return review.versions(self, request, pk)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("approval")

    def has_delete_permission(self, request, obj=None):
        # A post that patients have read is withdrawn (410, reason kept), never
        # deleted with its approvals and history.
        if obj is not None and (obj.live_version_id or obj.approval_id):
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.status != Post.Status.DRAFT:
            fields.append("published_at")  # the first publication stays a fact
        return fields

    def get_changeform_initial_data(self, request):
        return {
            "author": request.user.pk,
            **super().get_changeform_initial_data(request),
        }

    def save_model(self, request, obj, form, change):
        post_save_version(post=obj, by=request.user, save_m2m=form.save_m2m)

    def save_related(self, request, form, formsets, change):
        # The form's topics were saved with the version (save_model).
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def response_add(self, request, obj, post_url_continue=None):
        self._send_if_asked(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        self._send_if_asked(request, obj)
        return super().response_change(request, obj)

    def _send_if_asked(self, request, post):
        if "_send_for_review" not in request.POST:
            return
        try:
            post_send_for_review(post=post, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.WARNING)
        else:
            self.message_user(
                request,
                "Sent for review. Patients see this version once a medical reviewer "
                "approves it.",
                messages.SUCCESS,
            )

    def render_change_form(self, request, context, add=False, change=False, **kw):
        form = context["adminform"].form
        post = context.get("original")
        context["conflict_rows"] = (
            diff.diff_versions(*form.conflict) if form.conflict else None
        )
        context["sent_back"] = (
            post.events.filter(action="sent_back").first()
            if post is not None and post.review_state == Post.Review.SENT_BACK
            else None
        )
        context["may_withdraw"] = (
            post is not None
            and post.status == Post.Status.PUBLISHED
            and request.user.has_perm("articles.withdraw_post")
        )
        return super().render_change_form(request, context, add, change, **kw)

    @admin.display(description="Status", ordering="status")
    def status_label(self, post):
        if post.is_scheduled:
            return "Scheduled"
        return post.get_status_display()

    @admin.display(description="Review", ordering="review_state")
    def review_label(self, post):
        if post.review_state == Post.Review.AWAITING:
            since = timezone.localtime(post.review_requested_at)
            return f"Awaiting review since {since:%Y-%m-%d}"
        return post.get_review_state_display() if post.review_state else "–"

    @admin.display(description="Medically reviewed", ordering="approval__approved_at")
    def reviewed_by(self, post):
        if not post.approval_id:
            return "–"
        approval = post.approval
        return f"{approval.byline}, {timezone.localdate(approval.approved_at):%Y-%m-%d}"

    @admin.display(description="Now on the site")
    def patients_see(self, post):
        if not post.pk:
            return "Nothing yet: a new post appears once a reviewer approves it."
        if post.status == Post.Status.WITHDRAWN:
            return f"Nothing: withdrawn ({post.withdrawn_reason})."
        if post.live is None:
            return "Nothing yet: no version has been approved."
        latest = post.latest_version()
        pending = (
            " Newer changes are not on the site until they are approved."
            if latest and latest.history_id != post.live_version_id
            else ""
        )
        if post.review is None:
            return format_html(
                "A version shown without a medical review (no byline).{}", pending
            )
        return format_html(
            "The version approved by {} on {}.{}",
            post.review.byline,
            timezone.localdate(post.review.approved_at).strftime("%B %-d, %Y"),
            pending,
        )

    @admin.display(description="Editorial history")
    def editorial_history(self, post):
        if not post.pk:
            return "–"
        events = post.events.all()[:50]
        rows = format_html_join(
            "",
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            (
                (
                    timezone.localtime(e.at).strftime("%Y-%m-%d %H:%M"),
                    e.get_action_display(),
                    e.by_name or "–",
                    e.comment,
                )
                for e in events
            ),
        )
        return format_html(
            '<table class="editorial-history"><thead><tr><th scope="col">When</th>'
            '<th scope="col">What</th><th scope="col">Who</th><th scope="col">Note'
            "</th></tr></thead><tbody>{}</tbody></table>"
            '<p><a href="{}">All versions, with what changed and restore</a></p>',
            rows,
            reverse("admin:articles_post_versions", args=[post.pk]),
        )

    @admin.display(description="Preview")
    def preview_link(self, post):
        if not post.pk:
            return "Save the post to preview it."
        return format_html(
            '<a href="{}">Preview as it will look</a>',
            reverse("articles:preview", kwargs={"pk": post.pk}),
        )
