"""The condition checker's models moved to the `checker` app, which copied
their rows first (checker 0002)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('articles', '0006_review_dates_not_in_future'),
        ('checker', '0002_copy_from_articles'),
    ]

    operations = [
        migrations.DeleteModel(
            name='CheckerDay',
        ),
        migrations.RemoveField(
            model_name='checkerrule',
            name='options',
        ),
        migrations.RemoveField(
            model_name='checkerrule',
            name='rule_set',
        ),
        migrations.RemoveField(
            model_name='checkerrule',
            name='topic',
        ),
        migrations.RemoveField(
            model_name='ruleset',
            name='reviewer',
        ),
        migrations.DeleteModel(
            name='CheckerOption',
        ),
        migrations.DeleteModel(
            name='CheckerRule',
        ),
        migrations.DeleteModel(
            name='RuleSet',
        ),
    ]
