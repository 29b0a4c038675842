from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy

from articles.models import Post


class LatestPostsFeed(Feed):
    title = f"{settings.CLINIC_NAME}: articles"
    link = reverse_lazy("articles:list")
    description = "New medically reviewed articles from our clinicians."

    def items(self):
        return (
            Post.objects.published().with_live_version().select_related("author")[:20]
        )

    def item_title(self, item):
        return item.live.title

    def item_description(self, item):
        return item.live.excerpt

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.live_since

    def item_author_name(self, item):
        return item.author_name
