"""
What the post editor's script asks for: the live preview of a body, and the
body images an editor can insert. Staff only, never cached.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from articles.markup import render_markdown
from articles.models import BodyImage

# A long article is some tens of kilobytes; this leaves room for encoding.
MAX_PREVIEW_BYTES = 256 * 1024
CHOOSER_LIMIT = 60
POST_PERMISSIONS = ("articles.view_post", "articles.change_post", "articles.add_post")


def _staff_with(user, *perms):
    """Signed-in, active staff holding one of `perms` (else a 403, not a login
    redirect: these are called by a script on an admin page)."""
    if not (user.is_active and user.is_staff):
        return False
    return any(user.has_perm(perm) for perm in perms)


@require_POST
@never_cache
def markdown_preview(request):
    """The body's HTML exactly as the public page will show it (a fragment)."""
    if not _staff_with(request.user, *POST_PERMISSIONS):
        raise PermissionDenied
    # Django refuses bodies over DATA_UPLOAD_MAX_MEMORY_SIZE before this; the
    # preview takes less, so rendering one stays quick.
    body = request.POST.get("body", "")
    if _content_length(request) > MAX_PREVIEW_BYTES or len(body) > MAX_PREVIEW_BYTES:
        return HttpResponse(
            "Too long to preview here.",
            status=413,
            content_type="text/plain; charset=utf-8",
        )
    body_html, _toc = render_markdown(body)
    response = HttpResponse(body_html, content_type="text/html; charset=utf-8")
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _content_length(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


@require_GET
@never_cache
def body_image_choices(request):
    """
    The newest body images (or those whose alt text or caption contains `q`)
    as JSON, for the editor's image chooser.
    """
    if not _staff_with(request.user, "articles.view_bodyimage"):
        raise PermissionDenied
    query = request.GET.get("q", "").strip()[:100]
    images = BodyImage.objects.only("alt_text", "caption", "image_renditions")
    if query:
        images = images.filter(
            Q(alt_text__icontains=query) | Q(caption__icontains=query)
        )
    found = list(images[: CHOOSER_LIMIT + 1])
    return JsonResponse(
        {
            "images": [
                {
                    "id": image.pk,
                    "alt_text": image.alt_text,
                    "caption": image.caption,
                    "markdown": image.markdown,
                    "thumbnail": image.thumbnail,
                }
                for image in found[:CHOOSER_LIMIT]
            ],
            "more": len(found) > CHOOSER_LIMIT,
        }
    )
