"""
The admin pages of medical review: the reviewers' queue, a version's review
(diff, approve, send back), withdrawal, and the list of versions with restore.
They are thin: rules and permissions live in articles.services.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from articles import diff
from articles.forms import ApproveForm, SendBackForm, WithdrawForm
from articles.models import Post
from articles.services import (
    VersionChanged,
    post_approve,
    post_restore,
    post_send_back,
    post_withdraw,
)


def _render(model_admin, request, template, title, **context):
    return TemplateResponse(
        request,
        f"admin/articles/post/{template}",
        {
            **model_admin.admin_site.each_context(request),
            "opts": Post._meta,
            "title": title,
            **context,
        },
    )


def _post(model_admin, request, pk):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    return get_object_or_404(
        Post.objects.select_related("approval", "live_version"), pk=pk
    )


def queue(model_admin, request):
    if not model_admin.has_view_permission(request):
        raise PermissionDenied
    posts = Post.objects.awaiting_review().select_related("approval")
    return _render(
        model_admin,
        request,
        "review_queue.html",
        "Posts awaiting medical review",
        posts=posts,
    )


def review(model_admin, request, pk):
    post = _post(model_admin, request, pk)
    may_approve = request.user.has_perm("articles.approve_post")
    approve_form = ApproveForm()
    send_back_form = SendBackForm()
    if request.method == "POST":
        if not may_approve:
            raise PermissionDenied
        if "send_back" in request.POST:
            send_back_form = SendBackForm(request.POST)
            if send_back_form.is_valid():
                post_send_back(
                    post=post,
                    by=request.user,
                    comment=send_back_form.cleaned_data["comment"],
                )
                messages.success(request, f"“{post}” was sent back to its editors.")
                return redirect("admin:articles_post_review_queue")
        else:
            approve_form = ApproveForm(request.POST)
            if approve_form.is_valid():
                try:
                    post_approve(
                        post=post,
                        version_id=approve_form.cleaned_data["version"],
                        by=request.user,
                    )
                except VersionChanged:
                    messages.error(
                        request,
                        "The post was changed after you opened it, so nothing was "
                        "approved. Below is what changed in the newest version.",
                    )
                    post.refresh_from_db()
                except ValidationError as error:
                    messages.error(request, " ".join(error.messages))
                else:
                    if post.status == Post.Status.WITHDRAWN:
                        messages.info(request, "Nothing changed.")
                        return redirect("admin:articles_post_review_queue")
                    messages.success(
                        request,
                        f"Approved. Patients now read this version of “{post}” "
                        "(or will, at its publication time).",
                    )
                    return redirect("admin:articles_post_review_queue")
            else:
                messages.error(
                    request, "That was not a version of this post; nothing approved."
                )
    latest = post.latest_version()
    approved = post.live if post.review else None
    already_approved = approved is not None and approved == latest
    due = already_approved and post.review.is_due
    awaiting = post.review_state == Post.Review.AWAITING
    return _render(
        model_admin,
        request,
        "review.html",
        f"Review “{post}”",
        post=post,
        latest=latest,
        approved=approved,
        already_approved=already_approved,
        due=due,
        show_actions=bool(
            may_approve and latest and (due or (awaiting and not already_approved))
        ),
        awaiting=awaiting,
        rows=diff.diff_versions(approved, latest) if latest else [],
        may_approve=may_approve,
        approve_form=ApproveForm(initial={"version": latest.history_id})
        if latest
        else approve_form,
        send_back_form=send_back_form,
    )


def withdraw(model_admin, request, pk):
    post = _post(model_admin, request, pk)
    if not request.user.has_perm("articles.withdraw_post"):
        raise PermissionDenied
    if post.status != Post.Status.PUBLISHED:
        messages.warning(request, "Only a published post can be withdrawn.")
        return redirect("admin:articles_post_change", post.pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        post_withdraw(post=post, by=request.user, reason=form.cleaned_data["reason"])
        messages.success(
            request, f"“{post}” was withdrawn: its address now answers 410 Gone."
        )
        return redirect("admin:articles_post_change", post.pk)
    return _render(
        model_admin,
        request,
        "withdraw.html",
        f"Withdraw “{post}”",
        post=post,
        form=form,
    )


def versions(model_admin, request, pk):
    post = _post(model_admin, request, pk)
    may_restore = model_admin.has_change_permission(request, post)
    if request.method == "POST":
        if not may_restore:
            raise PermissionDenied
        version = _selected(list(post.history.all()), request.POST.get("version"))
        if version is None:
            raise Http404("No such version of this post.")
        post_restore(post=post, version=version, by=request.user)
        messages.success(
            request,
            "The old version is now the working copy, as a new version. Send it "
            "for review to put it on the site.",
        )
        return redirect("admin:articles_post_change", post.pk)
    history = list(post.history.select_related("history_user").order_by("-history_id"))
    compare = _selected(history, request.GET.get("version"))
    rows = None
    if compare is not None:
        older = [v for v in history if v.history_id < compare.history_id]
        rows = diff.diff_versions(older[0] if older else None, compare)
    return _render(
        model_admin,
        request,
        "versions.html",
        f"Versions of “{post}”",
        post=post,
        history=history,
        approved_id=post.review.version_id if post.review else None,
        compare=compare,
        rows=rows,
        may_restore=may_restore,
        change_url=reverse("admin:articles_post_change", args=[post.pk]),
    )


def _selected(history, value):
    try:
        wanted = int(value)
    except (TypeError, ValueError):
        return None
    return next((v for v in history if v.history_id == wanted), None)
