from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django.views.generic import DetailView, ListView, TemplateView

from articles import checker, seo
from articles.forms import SearchForm
from articles.models import Post, Reviewer, RuleSet, Topic
from clinic.links import absolute_url
from clinic.pagecache import cached_page, fill


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
    template_name = "articles/post_detail.html"
    context_object_name = "post"
    preview = False

    def get_queryset(self):
        return (
            Post.objects.published()
            .select_related("reviewer", "author")
            .prefetch_related("topics")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = self.object
        context["topics"] = list(post.topics.all())
        context["primary_topic"] = post.primary_topic
        context["related_posts"] = post.related_posts()
        context["structured_data"] = seo.post_structured_data(self.request, post)
        context["preview"] = self.preview
        return context


@method_decorator([staff_member_required, never_cache], name="dispatch")
class PostPreviewView(PostDetailView):
    """A draft or scheduled post exactly as it will look, for staff only."""

    preview = True

    def get_queryset(self):
        return Post.objects.select_related("reviewer", "author").prefetch_related(
            "topics"
        )

    def get_object(self, queryset=None):
        if not self.request.user.has_perm("articles.view_post"):
            raise PermissionDenied
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

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
        return self.get_post_queryset().filter(topics=self.topic)

    def get_context_data(self, **kwargs):
        return super().get_context_data(topic=self.topic, **kwargs)


class ReviewerDetailView(PublishedPostsMixin, ListView):
    paginate_by = 10
    template_name = "articles/reviewer_detail.html"
    context_object_name = "posts"

    def get_queryset(self):
        self.reviewer = get_object_or_404(Reviewer, slug=self.kwargs["slug"])
        return self.get_post_queryset().filter(reviewer=self.reviewer)

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


@never_cache
@require_http_methods(["GET", "POST"])
def condition_checker(request, preview_pk=None):
    """One question per screen; answers travel in a signed field, never stored."""
    if preview_pk is not None:
        if not (
            request.user.is_active
            and request.user.is_staff
            and request.user.has_perm("articles.view_ruleset")
        ):
            raise PermissionDenied
        rule_set = get_object_or_404(
            RuleSet.objects.prefetch_related("options"), pk=preview_pk
        )
    else:
        rule_set = checker.live_rule_set()
    context = {"rule_set": rule_set, "preview": preview_pk is not None}
    if rule_set is None:
        return render(request, "articles/checker.html", {"mode": "unavailable"})

    if request.method == "GET":
        state = checker.State(rule_set.version, preview=preview_pk)
        return _checker_step(request, context, state, 0)

    action = request.POST.get("action", "next")
    if action not in ("next", "back", "restart"):
        return _checker_problem(request, context, "changed")
    if action == "restart":
        return HttpResponseRedirect(request.path, status=303)
    try:
        state = checker.State.loads(request.POST.get("state"))
        step = int(request.POST.get("step", ""))
    except (checker.InvalidState, ValueError):
        return _checker_problem(request, context, "changed")
    if state.version != rule_set.version or state.preview != preview_pk:
        return _checker_problem(request, context, "outdated")
    # `step` is the question being answered; from the result page (one past the
    # last question) only Back is possible.
    last = len(checker.STEPS) - 1 if action == "next" else len(checker.STEPS)
    if not 0 <= step <= last or any(
        question not in state.answers for question in checker.STEPS[:step]
    ):
        return _checker_problem(request, context, "skipped")

    codes = [code for code in request.POST.getlist("answer") if code]
    if step < len(checker.STEPS):
        question = checker.STEPS[step]
        valid = {
            option.code
            for option in rule_set.options.all()
            if option.question == question
        }
        if any(code not in valid for code in codes):
            return _checker_problem(request, context, "unknown")
        if codes and action == "back":
            state.answers[question] = codes  # what was ticked is kept on Back

    if action == "back":
        return _checker_step(request, context, state, max(step - 1, 0))

    if not codes or (question not in checker.MULTIPLE and len(codes) > 1):
        return _checker_step(
            request, context, state, step, error="Please choose an answer to go on."
        )
    state.answers[question] = codes
    # Answers after this step may no longer fit; they are kept for Back only.
    if checker.has_red_flag(rule_set, state.answers):
        if not context["preview"]:
            checker.record(red_flag=True)
        return render(request, "articles/checker.html", {**context, "mode": "red_flag"})
    if step + 1 < len(checker.STEPS):
        return _checker_step(request, context, state, step + 1)

    outcome = checker.evaluate(rule_set, state.answers)
    if not context["preview"]:
        checker.record(red_flag=False)
    # The contact form's tokens are filled in for this visitor (never cached).
    return fill(
        request,
        render(
            request,
            "articles/checker.html",
            {
                **context,
                "mode": "result",
                "outcome": outcome,
                "state": state.dumps(),
                "step": len(checker.STEPS),
            },
        ),
    )


def _checker_step(request, context, state, step, error=""):
    question = checker.STEPS[step]
    options = checker.options_by_question(context["rule_set"]).get(question, [])
    return render(
        request,
        "articles/checker.html",
        {
            **context,
            "mode": "step",
            "state": state.dumps(),
            "step": step,
            "step_number": step + 1,
            "step_count": len(checker.STEPS),
            "question": question.label,
            "hint": checker.STEP_HINTS.get(question, ""),
            "multiple": question in checker.MULTIPLE,
            "options": options,
            "selected": state.answers.get(question, []),
            "error": error,
        },
        status=400 if error else 200,
    )


CHECKER_PROBLEMS = {
    "changed": "This page was changed or has expired, so we cannot go on from it.",
    "outdated": "The checker's questions were updated since you started.",
    "skipped": "A question was skipped, so we cannot show a result.",
    "unknown": "One of the answers is not one we offer.",
}


def _checker_problem(request, context, code):
    return render(
        request,
        "articles/checker.html",
        {**context, "mode": "problem", "problem": CHECKER_PROBLEMS[code]},
        status=400,
    )
