from django.contrib.sitemaps import Sitemap
from django.db.models import Max, Q
from django.urls import reverse

from articles.models import Post, Reviewer, Topic


class PostSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.8

    def items(self):
        return (
            Post.objects.published()
            .select_related("approval", "live_version")
            .only(
                "slug",
                "approval__approved_at",
                "approval__version",
                "live_version__history_date",
            )
            .order_by("pk")
        )

    def lastmod(self, post):
        return post.live_since


class TopicSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return Topic.objects.annotate(
            latest_post=Max(
                "posts__approval__approved_at",
                filter=Q(posts__in=Post.objects.published()),
            )
        ).order_by("pk")

    def lastmod(self, topic):
        return max(filter(None, [topic.updated_at, topic.latest_post]))


class ReviewerSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.4

    def items(self):
        return Reviewer.objects.order_by("pk")

    def lastmod(self, reviewer):
        return reviewer.updated_at


class StaticSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return ["articles:home", "articles:list", "articles:topics"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {
    "static": StaticSitemap,
    "posts": PostSitemap,
    "topics": TopicSitemap,
    "reviewers": ReviewerSitemap,
}
