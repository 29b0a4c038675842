from django.contrib.sitemaps.views import sitemap
from django.urls import path

from articles import editor_views, views
from articles.feeds import LatestPostsFeed
from articles.sitemaps import SITEMAPS

app_name = "articles"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("articles/", views.PostListView.as_view(), name="list"),
    path("articles/feed/", LatestPostsFeed(), name="feed"),
    path("articles/preview/<int:pk>/", views.PostPreviewView.as_view(), name="preview"),
    path(
        "articles/preview/markdown/",
        editor_views.markdown_preview,
        name="markdown-preview",
    ),
    path(
        "articles/preview/images/",
        editor_views.body_image_choices,
        name="body-image-choices",
    ),
    path("articles/<slug:slug>/", views.PostDetailView.as_view(), name="detail"),
    path("topics/", views.TopicListView.as_view(), name="topics"),
    path("topics/<slug:slug>/", views.TopicDetailView.as_view(), name="topic"),
    path("reviewers/<slug:slug>/", views.ReviewerDetailView.as_view(), name="reviewer"),
    path("search/", views.SearchView.as_view(), name="search"),
]
