from django.contrib import admin, messages

from clinic.admin_site import NoHiddenLookupsAdmin
from redirects.forms import RedirectAdminForm
from redirects.models import Redirect
from redirects.services import redirect_create, redirect_update


@admin.register(Redirect)
class RedirectAdmin(NoHiddenLookupsAdmin):
    """Old addresses and where they lead; every write goes through the services,
    which keep redirects one hop long and free of circles."""

    form = RedirectAdminForm
    list_display = ["old_path", "new_path", "note", "updated_at"]
    search_fields = ["old_path", "new_path", "note"]
    ordering = ["-updated_at", "-id"]
    fields = ["old_path", "new_path", "note", "created_at", "updated_at"]
    readonly_fields = ["created_at", "updated_at"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        addresses = {"old_path": data["old_path"], "new_path": data["new_path"]}
        if change:
            saved = redirect_update(redirect=obj, note=data["note"], **addresses)
        else:
            saved = redirect_create(note=data["note"], **addresses)
            for field in Redirect._meta.concrete_fields:
                setattr(obj, field.attname, getattr(saved, field.attname))
        if saved.new_path != data["new_path"]:
            messages.info(
                request,
                f"{data['new_path']} already redirects to {saved.new_path}, so "
                f"{saved.old_path} now leads straight to {saved.new_path}.",
            )
