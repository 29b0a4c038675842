"""
Each post's current text becomes its first version. A published post's typed-in
reviewer and date become an approval of that version, marked as carried over from
before sign-off existed (no login approved it), so nothing live loses its byline.
"""

from datetime import datetime, time

from django.db import migrations
from django.utils import timezone


UNREVIEWED = "Was published without a recorded review; now waits for one."


def carry_over(apps, schema_editor):
    Post = apps.get_model("articles", "Post")
    HistoricalPost = apps.get_model("articles", "HistoricalPost")
    HistoricalTopics = apps.get_model("articles", "HistoricalPost_topics")
    Approval = apps.get_model("articles", "Approval")
    PostEvent = apps.get_model("articles", "PostEvent")
    content = [
        "id", "title", "excerpt", "body", "image", "image_alt", "seo_title",
        "seo_description", "body_html", "toc", "reading_minutes", "image_renditions",
    ]  # fmt: skip
    for post in Post.objects.select_related("reviewer").order_by("pk"):
        version = HistoricalPost.objects.create(
            history_date=post.updated_at,
            history_type="+",
            history_change_reason="The text when sign-off began",
            **{name: getattr(post, name) for name in content},
        )
        HistoricalTopics.objects.bulk_create(
            HistoricalTopics(
                history=version, id=row.id, post_id=post.pk, topic_id=row.topic_id
            )
            for row in Post.topics.through.objects.filter(post_id=post.pk)
        )
        if post.status != "published":
            if post.reviewer_id and post.reviewed_on:
                # Kept as a note, not as a claim: the post was not published.
                PostEvent.objects.create(
                    post=post,
                    action="carried",
                    version=version,
                    comment=f"Typed in before sign-off: reviewed by "
                    f"{post.reviewer.name} on {post.reviewed_on:%Y-%m-%d}. Not "
                    "carried over, since the post was not published.",
                )
            continue
        if post.reviewer_id is None or post.reviewed_on is None:
            # Publishing always needed both; should one be missing, the post
            # waits for a clinician rather than claim a review it never had.
            post.status = "draft"
            post.review_state = "awaiting"
            post.review_requested_at = timezone.now()
            post.save(update_fields=["status", "review_state", "review_requested_at"])
            PostEvent.objects.create(
                post=post, action="sent", version=version, comment=UNREVIEWED
            )
            continue
        reviewed_at = timezone.make_aware(datetime.combine(post.reviewed_on, time(12)))
        approval = Approval.objects.create(
            post=post,
            version=version,
            reviewer=post.reviewer,
            reviewer_name=post.reviewer.name,
            credentials=post.reviewer.credentials,
            approved_at=reviewed_at,
            carried_over=True,
        )
        Post.objects.filter(pk=post.pk).update(approval=approval, live_version=version)
        PostEvent.objects.create(
            post=post,
            action="carried",
            version=version,
            at=reviewed_at,
            comment=f"Reviewed by {post.reviewer.name} on {post.reviewed_on:%Y-%m-%d}, "
            "as typed in before sign-off existed.",
        )


def back_to_typed_reviews(apps, schema_editor):
    Post = apps.get_model("articles", "Post")
    Post.objects.filter(events__comment=UNREVIEWED, status="draft").update(
        status="published"
    )
    for post in Post.objects.select_related("approval").exclude(approval=None):
        post.reviewer_id = post.approval.reviewer_id
        post.reviewed_on = timezone.localdate(post.approval.approved_at)
        post.save(update_fields=["reviewer", "reviewed_on"])


class Migration(migrations.Migration):
    dependencies = [("articles", "0008_versions_and_approvals")]

    operations = [migrations.RunPython(carry_over, back_to_typed_reviews)]
