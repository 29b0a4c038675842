from datetime import timedelta
from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpRequest

from clinic import hooks


class ArticlesConfig(hooks.SiteAppConfig):
    name = "articles"
    verbose_name = "Articles"

    def dashboard_figures(self, request: HttpRequest) -> dict[str, Any]:
        """Editors' and reviewers' figures on the admin index (clinic.admin_site)."""
        if not request.user.has_perm("articles.view_post"):
            return {}
        from articles.models import Post

        return {
            "reviews_due": Post.objects.review_due().count(),
            "awaiting_review": Post.objects.awaiting_review().count(),
        }

    def periodic_jobs(self) -> list[hooks.Job]:
        """The weekly reviews-due e-mails, looked for hourly: each reviewer gets
        one a week (articles.reminders keeps count), so once an hour is enough."""
        from articles.reminders import queue_review_reminders

        return [
            hooks.Job(
                name="articles.review_reminders",
                cadence=timedelta(hours=1),
                run=queue_review_reminders,
            )
        ]

    def ready(self):
        from articles.models import BodyImage, Post, Reviewer, Topic
        from clinic.pagecache import clear_on_change

        # Working copies showing a body image are rendered again by
        # articles.body_image_services, which every change goes through.
        for model in (Post, Topic, Reviewer, BodyImage):
            post_save.connect(
                clear_on_change, sender=model, dispatch_uid=f"pages-{model}"
            )
            post_delete.connect(
                clear_on_change, sender=model, dispatch_uid=f"pages-del-{model}"
            )
        for through in (Post.topics.through, Post.related_picks.through):
            m2m_changed.connect(
                clear_on_change, sender=through, dispatch_uid=f"pages-m2m-{through}"
            )
