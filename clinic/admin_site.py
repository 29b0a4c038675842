from django.contrib import admin


class ClinicAdminSite(admin.AdminSite):
    site_header = "Clinic administration"
    site_title = "Clinic admin"
    index_title = "What needs doing"
    index_template = "admin/clinic_index.html"
    enable_nav_sidebar = False

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard": dashboard(request)}
        return super().index(request, extra_context)


def dashboard(request):
    """Figures for the admin index, each only for users allowed to see them."""
    from articles.models import Post

    data = {}
    if request.user.has_perm("articles.view_post"):
        data["stale_reviews"] = Post.objects.stale_reviews().count()
    if request.user.has_perm("leads.view_lead"):
        from leads.reports import front_desk_figures

        data["leads"] = front_desk_figures()
    return data
