from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from articles import demo_content
from articles.models import Post, Reviewer, Topic


class Command(BaseCommand):
    help = (
        "Load the fictional demo topics, reviewers and posts, only when the database "
        "has no posts yet."
    )

    def handle(self, *args, **options):
        if Post.objects.exists():
            self.stdout.write("Demo content: posts already exist, nothing loaded.")
            return
        with transaction.atomic():
            counts = load()
        self.stdout.write(
            self.style.SUCCESS(
                "Demo content loaded: {topics} topics, {reviewers} reviewers, "
                "{posts} posts.".format(**counts)
            )
        )


def load():
    now = timezone.now()
    today = timezone.localdate()
    User = get_user_model()
    author, created = User.objects.get_or_create(
        username=demo_content.AUTHOR["username"],
        defaults={
            "first_name": demo_content.AUTHOR["first_name"],
            "last_name": demo_content.AUTHOR["last_name"],
            "is_active": False,  # a byline only; cannot log in
        },
    )
    if created:
        author.set_unusable_password()
        author.save()
    topics = {
        t["slug"]: Topic.objects.get_or_create(slug=t["slug"], defaults=t)[0]
        for t in demo_content.TOPICS
    }
    reviewers = {
        r["slug"]: Reviewer.objects.get_or_create(slug=r["slug"], defaults=r)[0]
        for r in demo_content.REVIEWERS
    }
    posts = {}
    for data in demo_content.POSTS:
        published_days_ago = data.get("published_days_ago")
        if published_days_ago is None:
            status, published_at = Post.Status.DRAFT, None
        else:
            status = Post.Status.PUBLISHED
            published_at = now - timedelta(days=published_days_ago)
        reviewer = reviewers.get(data.get("reviewer"))
        reviewed_days_ago = data.get("reviewed_days_ago")
        post = Post.objects.create(
            title=data["title"],
            slug=data["slug"],
            excerpt=data["excerpt"],
            body=data["body"],
            author=author,
            reviewer=reviewer,
            reviewed_on=(
                today - timedelta(days=reviewed_days_ago)
                if reviewed_days_ago is not None
                else None
            ),
            status=status,
            published_at=published_at,
        )
        post.topics.set([topics[slug] for slug in data["topics"]])
        posts[post.slug] = post
    # Demo posts read as if written when they were published, not today.
    for post in posts.values():
        if post.published_at:
            Post.objects.filter(pk=post.pk).update(updated_at=post.published_at)
    for data in demo_content.POSTS:
        picks = [posts[slug] for slug in data.get("related", [])]
        if picks:
            posts[data["slug"]].related_picks.set(picks)
    return {"topics": len(topics), "reviewers": len(reviewers), "posts": len(posts)}
