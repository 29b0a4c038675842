from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

handler500 = "clinic.views.server_error"

urlpatterns = [
    # The second step of signing in to the admin (before the admin's own URLs).
    path("admin/second-factor/", include("staffauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("leads.urls")),
    path("", include("attribution.urls")),
    path("", include("articles.urls")),
    path("", include("checker.urls")),
    path("", include("locations.urls")),
]

if settings.SERVE_MEDIA:
    # Uploaded images. In production behind a CDN-less proxy, let the proxy serve
    # MEDIA_ROOT instead and leave SERVE_MEDIA off.
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]
