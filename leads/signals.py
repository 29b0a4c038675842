"""What a lead records when the topic or article it points at is deleted, and
forgetting which offices have teams when a team changes."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import receiver

from articles.models import Post, Topic
from clinic.pagecache import forget_value
from leads.models import Lead, LeadEvent, Team
from leads.routing import TEAM_LOCATIONS


@receiver(pre_delete, sender=Topic, dispatch_uid="leads-topic-deleted")
def topic_deleted(sender, instance, **kwargs):
    _record(
        Lead.objects.filter(topic=instance),
        f"The topic “{instance.name}” was deleted; the lead keeps its name.",
    )


@receiver(pre_delete, sender=Post, dispatch_uid="leads-article-deleted")
def article_deleted(sender, instance, **kwargs):
    _record(
        Lead.objects.filter(article=instance),
        f"The article “{instance.public_title}” was deleted; the lead keeps its title.",
    )


def _record(leads, text):
    LeadEvent.objects.bulk_create(
        LeadEvent(lead_id=pk, kind=LeadEvent.Kind.RECORD, text=text)
        for pk in leads.values_list("pk", flat=True)
    )


@receiver(post_save, sender=Team, dispatch_uid="leads-team-saved")
@receiver(post_delete, sender=Team, dispatch_uid="leads-team-deleted")
@receiver(m2m_changed, sender=Team.locations.through, dispatch_uid="leads-team-offices")
def team_changed(**kwargs):
    forget_value(TEAM_LOCATIONS)
    # Again once committed: a lead routed meanwhile must not keep the old set.
    transaction.on_commit(lambda: forget_value(TEAM_LOCATIONS))
