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

    def get_readonly_fields(self, request, obj=None):
        # Linking a login to a profile lets that login sign with its name:
        # superusers only.
        if request.user.is_superuser:
            return []
        return ["user"]
