from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, TemplateView

from articles import seo
from articles.forms import SearchForm
from articles.models import Post, Reviewer, Topic, version_topics
from clinic.links import absolute_url
from clinic.pagecache import cached_page


class PublishedPostsMixin:
    """Lists and pages that show posts use the one visibility rule."""

    def get_post_queryset(self):
        return Post.objects.published().for_cards()


class HomeView(PublishedPostsMixin, TemplateView):
    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["latest_posts"] = self.get_post_queryset()[:6]
        context["topics"] = Topic.objects.all()
        return context


class PostListView(PublishedPostsMixin, ListView):
    paginate_by = 10
    template_name = "articles/post_list.html"
    context_object_name = "posts"

    def get_queryset(self):
        return self.get_post_queryset()


@method_decorator(cached_page, name="get")
class PostDetailView(DetailView):
    """A post as patients read it: the version a clinician approved."""

    template_name = "articles/post_detail.html"
    context_object_name = "post"
    preview = False

    def get_queryset(self):
        return Post.objects.published().with_live_version().select_related("author")

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            slug = kwargs.get("slug")
            if (
                slug
                and Post.objects.filter(
                    slug=slug, status=Post.Status.WITHDRAWN
                ).exists()
            ):
                return render(request, "410.html", status=410)
            raise

    def get_content(self):
        """The version shown, and its review (None: no byline)."""
        return self.object.live, self.object.review

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = self.object
        content, review = self.get_content()
        topics = (
            version_topics(content) if content is not post else list(post.topics.all())
        )
        context.update(
            content=content,
            approval=review,
            topics=topics,
            primary_topic=topics[0] if topics else None,
            related_posts=post.related_posts(topics),
            preview=self.preview,
        )
        context["structured_data"] = seo.post_structured_data(
            self.request, post, content, context["approval"], topics
        )
        return context


@method_decorator([staff_member_required, never_cache], name="dispatch")
class PostPreviewView(PostDetailView):
    """The latest version exactly as it will look (what a reviewer approves),
    for staff only. The review byline shows only when it is the approved one."""

    preview = True

    def get_queryset(self):
        return Post.objects.with_live_version().select_related("author")

    def get_object(self, queryset=None):
        if not self.request.user.has_perm("articles.view_post"):
            raise PermissionDenied
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_content(self):
        post = self.object
        latest = post.latest_version() or post
        shown = post.live is not None and post.live == latest
        return latest, post.review if shown else None

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"  # never_cache also applies
        return response


class TopicDetailView(PublishedPostsMixin, ListView):
    paginate_by = 10
    template_name = "articles/topic_detail.html"
    context_object_name = "posts"

    def get_queryset(self):
        self.topic = get_object_or_404(Topic, slug=self.kwargs["slug"])
        return self.get_post_queryset().about([self.topic])

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class ReviewerDetailView(PublishedPostsMixin, ListView):
    paginate_by = 10
    template_name = "articles/reviewer_detail.html"
    context_object_name = "posts"

    def get_queryset(self):
        self.reviewer = get_object_or_404(Reviewer, slug=self.kwargs["slug"])
        return self.get_post_queryset().reviewed_by(self.reviewer)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(reviewer=self.reviewer, **kwargs)
        context["structured_data"] = seo.reviewer_structured_data(
            self.request, self.reviewer
        )
        return context


class TopicListView(ListView):
    template_name = "articles/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        return Topic.objects.all()


class SearchView(PublishedPostsMixin, ListView):
    paginate_by = 10
    template_name = "articles/search.html"
    context_object_name = "posts"

    def get_queryset(self):
        self.form = SearchForm(self.request.GET)
        self.query = self.form.cleaned_data["q"] if self.form.is_valid() else ""
        return Post.objects.search(self.query).for_cards()

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, query=self.query, **kwargs)


def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": absolute_url(request, "/sitemap.xml")},
        content_type="text/plain; charset=utf-8",
    )
