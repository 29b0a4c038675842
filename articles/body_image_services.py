"""
Changing the images shown inside post bodies: the rule on what may change, and
the posts rendered again. The admin changes body images only through these.

Patients read a post's live version exactly as it went live, figures included,
so an image that a live version shows can no longer change or go: an editor
uploads a new one and places it in a new version of the post instead. Any other
change to an image shows at once in the working copies that use it.
"""

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet

from articles.markup import render_markdown
from articles.models import BodyImage, Post
from articles.models.body_images import uses_image
from clinic.permissions import permission_require

# What a figure shows of its image, so what a live version keeps as it was.
SHOWN_FIELDS = ("image", "alt_text", "caption")


def live_posts_showing(image_id: int) -> QuerySet[Post]:
    """Posts whose live version shows body image `image_id`: the image may then
    not change or go."""
    return Post.objects.filter(
        status=Post.Status.PUBLISHED,
        live_version__body__regex=uses_image(image_id),
    )


def body_image_save(*, image: BodyImage, by: User) -> BodyImage:
    """
    Store a new body image (uploaded by `by`) or a change to one, and render
    again the working copies that show it when its figure changed. A change
    to what a figure shows is refused while a live version shows the image
    (ValidationError, code "shown_to_patients").
    """
    created = image.pk is None
    permission_require(
        by, "articles.add_bodyimage" if created else "articles.change_bodyimage"
    )
    with transaction.atomic():
        if created:
            image.uploaded_by = by
        # A new image is in no post yet; a save that leaves its figure as it was
        # changes no post either.
        changed = not created and _changes_figure(image)
        if changed:
            _refuse_if_shown_to_patients(image)
        image.save()
        if changed:
            post_bodies_rerender(image_id=image.pk)
    return image


def body_image_delete(*, image: BodyImage, by: User) -> None:
    """
    Delete a body image and render again the working copies that placed it
    (its figure leaves them). Refused while a live version shows the image
    (ValidationError, code "shown_to_patients").
    """
    permission_require(by, "articles.delete_bodyimage")
    with transaction.atomic():
        _refuse_if_shown_to_patients(image)
        image_id = image.pk
        image.delete()
        post_bodies_rerender(image_id=image_id)


def _changes_figure(image: BodyImage) -> bool:
    """Whether `image` differs from the stored row in what its figure shows."""
    stored = BodyImage.objects.filter(pk=image.pk).values_list(*SHOWN_FIELDS)
    return stored.first() != (image.image.name or "", image.alt_text, image.caption)


def _refuse_if_shown_to_patients(image: BodyImage) -> None:
    if live_posts_showing(image.pk).exists():
        raise ValidationError(
            "The version of a post that patients read shows this image, so it "
            "cannot be changed or deleted. Upload a new image and place it in a "
            "new version of the post instead.",
            code="shown_to_patients",
        )


def post_bodies_rerender(*, image_id: int) -> None:
    """
    Render again the working copies whose body uses body image `image_id`, so
    a changed alt text, caption or file, or a deleted image, shows in previews.
    Only `body_html` is written (an update, not a save: no new version, the
    post's "updated" date stays). Live versions are never touched: an image
    they show cannot be changed (articles.body_image_services).
    """
    for post in Post.objects.filter(body__regex=uses_image(image_id)).only("body"):
        body_html, _toc = render_markdown(post.body)
        Post.objects.filter(pk=post.pk).update(body_html=body_html)
