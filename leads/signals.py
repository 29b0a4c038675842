"""What a lead records when the topic or article it points at is deleted."""

from django.db.models.signals import pre_delete
from django.dispatch import receiver

from articles.models import Post, Topic
from leads.models import Lead, LeadEvent


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
