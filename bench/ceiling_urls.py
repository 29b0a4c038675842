"""One constant page of BENCH_CEILING_BYTES bytes, through the site's middleware.

It answers at the article address too, so both servers get identical requests.
"""

import os

from django.http import HttpResponse
from django.urls import path

BODY = b"x" * int(os.environ.get("BENCH_CEILING_BYTES") or 10_000)


def constant(request, slug=None):
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


urlpatterns = [
    path("", constant),
    path("articles/<slug:slug>/", constant),
]
