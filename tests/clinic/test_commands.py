import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import Post, Reviewer, Topic
from campaigns.models import AdSpend
from checker.models import CheckerOption, RuleSet
from leads.models import Lead
from tests.factories import make_topic

pytestmark = pytest.mark.django_db

# What `make run` runs before serving the site.
MAKE_RUN = [
    "load_demo_content",
    "load_demo_rules",
    "load_demo_leads",
    "load_demo_spend",
    "create_demo_users",
]


def load_demo():
    """The demo content and the demo checker rules, as `make run` loads them."""
    call_command("load_demo_content")
    call_command("load_demo_rules")


def counts():
    return {
        "posts": Post.objects.count(),
        "topics": Topic.objects.count(),
        "reviewers": Reviewer.objects.count(),
        "rule_sets": RuleSet.objects.count(),
        "options": CheckerOption.objects.count(),
        "leads": Lead.objects.count(),
        "spend": AdSpend.objects.count(),
        "users": get_user_model().objects.count(),
    }


def test_make_run_set_up_twice_duplicates_nothing(capsys, settings):
    """`make run` may be run again and again: the demo data is loaded once."""
    settings.DEBUG = True  # as in development, where `make run` is used
    for command in MAKE_RUN:
        call_command(command)
    first = counts()
    assert first["posts"] >= 8 and first["topics"] >= 3 and first["leads"] > 0
    assert first["spend"] > 0
    assert first["rule_sets"] == 1
    for command in MAKE_RUN:
        call_command(command)
    assert counts() == first
    out = capsys.readouterr().out
    assert "username: editor" in out and "username: frontdesk" in out
    assert "username: admin" in out and "username: marketing" in out


def test_demo_content_has_a_scheduled_post_a_draft_and_related_picks():
    load_demo()
    assert Post.objects.filter(status="draft").count() == 1
    published = Post.objects.filter(status="published")
    assert published.count() - Post.objects.published().count() == 1  # scheduled
    assert Post.objects.filter(related_picks__isnull=False).exists()
    assert RuleSet.objects.live().get().reviewer is not None


def test_demo_logins_refuse_to_exist_in_production(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("create_demo_users")
    assert not get_user_model().objects.filter(username="admin").exists()


def test_demo_content_loads_whole_when_only_topics_exist(capsys):
    """A database with topics but no posts gets the demo once: one live rule set
    that points at every demo topic, no error about a missing reviewer."""
    make_topic("Sciatica", slug="sciatica")
    load_demo()
    assert Post.objects.exists()
    live = RuleSet.objects.get()
    assert live.status == RuleSet.Status.LIVE
    assert Topic.objects.filter(checker_rules__rule_set=live).count() >= 3


def test_checker_is_added_to_demo_content_loaded_before_it_existed():
    call_command("load_demo_content")
    assert not RuleSet.objects.exists()
    call_command("load_demo_content")
    call_command("load_demo_rules")
    assert RuleSet.objects.get().status == RuleSet.Status.LIVE


def test_demo_spend_refuses_to_exist_in_production(settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("load_demo_spend")
    assert not AdSpend.objects.exists()


def test_demo_spend_meets_the_demo_leads_campaigns(settings):
    """The demo's ad spend is for the campaigns the demo leads came from, so
    the campaign report has cost per lead on `make run`."""
    settings.DEBUG = True
    call_command("load_demo_content")
    call_command("load_demo_leads")
    call_command("load_demo_spend")
    spent = set(AdSpend.objects.values_list("source", "campaign").distinct())
    from_ads = set(
        Lead.objects.exclude(first_touch={})
        .filter(utm_medium="cpc", utm_source__in=["google", "bing"])
        .values_list("utm_source", "utm_campaign")
        .distinct()
    )
    assert spent == from_ads and len(spent) == 3
