from typing import Any

from django.contrib import admin
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.db.models.constants import LOOKUP_SEP
from django.http import Http404, HttpRequest
from django.urls import path

from clinic.hooks import site_configs


class ClinicAdminSite(admin.AdminSite):
    site_header = "Clinic administration"
    site_title = "Clinic admin"
    index_title = "What needs doing"
    index_template = "admin/clinic_index.html"
    enable_nav_sidebar = False

    def app_index(self, request, app_label, extra_context=None):
        # Staff without access to an app get a 403 (as on every model URL),
        # not the 404 Django's admin gives by default.
        if not request.user.has_module_perms(app_label):
            raise PermissionDenied
        return super().app_index(request, app_label, extra_context)

    def get_urls(self):
        # "View on site" (/admin/r/<content type>/<id>/) answers only for models
        # the user may view: a redirect for an existing lead and a 404 for a
        # missing one would tell an editor which leads exist.
        urls = [
            url
            for url in super().get_urls()
            if getattr(url, "name", None) != "view_on_site"
        ]
        return [
            path(
                "r/<int:content_type_id>/<path:object_id>/",
                self.admin_view(self.view_on_site),
                name="view_on_site",
            ),
            *urls,
        ]

    def view_on_site(self, request, content_type_id, object_id):
        try:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
        except ContentType.DoesNotExist as error:
            raise Http404 from error
        if model is None or not may_view(request.user, model):
            raise Http404
        return shortcut(request, content_type_id, object_id)

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard": dashboard(request)}
        return super().index(request, extra_context)


def dashboard(request: HttpRequest) -> dict[str, Any]:
    """
    Figures for the admin index: each app's `dashboard_figures(request)`
    (clinic.hooks.SiteAppConfig) adds those the user may see.
    """
    data: dict[str, Any] = {}
    for config in site_configs():
        data.update(config.dashboard_figures(request))
    return data


def may_view(user, model):
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.{get_permission_codename('view', opts)}")


class NoHiddenLookupsAdmin(admin.ModelAdmin):
    """
    A model admin whose list cannot be filtered through a relation to rows the
    user may not see: `?leads=1` on topics or `?leads__isnull=False` on posts
    would tell an editor which of them brought leads.
    """

    def lookup_allowed(self, lookup, value, request):
        model = self.model
        for part in lookup.split(LOOKUP_SEP):
            try:
                field = model._meta.get_field(part)
            except FieldDoesNotExist:
                break
            if not field.is_relation:
                break
            model = field.related_model
            if not may_view(request.user, model):
                return False
        return super().lookup_allowed(lookup, value, request)


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records the system writes: nobody adds, changes or deletes them here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SuperuserOnlyAdmin(ReadOnlyAdmin):
    """Read-only records that only superusers see (logs of the system itself)."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
