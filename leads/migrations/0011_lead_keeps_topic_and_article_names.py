"""Leads keep the topic's name and the article's title they were sent with."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_names(apps, schema_editor):
    Lead = apps.get_model("leads", "Lead")
    Topic = apps.get_model("articles", "Topic")
    Post = apps.get_model("articles", "Post")
    Lead.objects.filter(topic__isnull=False).update(
        topic_name=Subquery(Topic.objects.filter(pk=OuterRef("topic_id")).values("name"))
    )
    Lead.objects.filter(article__isnull=False).update(
        article_title=Subquery(
            Post.objects.filter(pk=OuterRef("article_id")).values("title")
        )
    )


class Migration(migrations.Migration):

    dependencies = [
        ('leads', '0010_notifications_queued_at_submit'),
        ('articles', '0007_condition_checker_moved'),
    ]

    operations = [
        migrations.AddField(
            model_name='lead',
            name='article_title',
            field=models.CharField(blank=True, help_text="The article's title when the lead was sent.", max_length=200),
        ),
        migrations.AddField(
            model_name='lead',
            name='topic_name',
            field=models.CharField(blank=True, help_text="The topic's name when the lead was sent.", max_length=80),
        ),
        migrations.RunPython(copy_names, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='leadevent',
            name='kind',
            field=models.CharField(choices=[('status', 'Status change'), ('assign', 'Assignment'), ('note', 'Note'), ('record', 'Change to what the lead points at')], max_length=10),
        ),
    ]
