from django.contrib import admin

from articles.models import Reviewer, Topic
from clinic.admin_site import NoHiddenLookupsAdmin


@admin.register(Topic)
class TopicAdmin(NoHiddenLookupsAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Reviewer)
class ReviewerAdmin(NoHiddenLookupsAdmin):
    list_display = ["name", "credentials", "specialty", "user"]
    list_select_related = ["user"]
    search_fields = ["name", "credentials", "specialty"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = []

    def get_prepopulated_fields(self, request, obj=None):
        if "slug" in self.get_readonly_fields(request, obj):
            return {}
        return super().get_prepopulated_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        # Linking a login to a profile lets that login sign with its name, and
        # a linked profile's name and credentials are what its approvals sign:
        # superusers only.
        if request.user.is_superuser:
            return []
        if obj is not None and obj.user_id is not None:
            return ["name", "slug", "credentials", "user"]
        return ["user"]
