from django.apps import apps
from django.contrib import admin
from django.core.exceptions import PermissionDenied


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

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard": dashboard(request)}
        return super().index(request, extra_context)


def dashboard(request):
    """
    Figures for the admin index: each app whose config has a
    `dashboard_figures(request)` adds those the user may see.
    """
    data = {}
    for config in apps.get_app_configs():
        figures = getattr(config, "dashboard_figures", None)
        if figures is not None:
            data.update(figures(request))
    return data
