"""What a careless import would get wrong: brackets in medical text, a draft
import taken live later, an export link that is an address of this site, a
topic without Latin letters, a dry run's warnings, an author named admin."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from articles.models import Post, Topic
from tests.factories import make_user
from tests.wordpress.conftest import (
    CLINIC_EXPORT,
    edited_export,
    report_line,
    run,
)
from wordpress.convert import remove_shortcodes

pytestmark = pytest.mark.django_db


def test_brackets_in_the_text_are_kept_and_real_shortcodes_go():
    """A dose in brackets is the author's text; WordPress shows it, so do we."""
    html, found = remove_shortcodes(
        '<p>Take 5 mg [max 10 mg]. [citation needed] [contact-form-7 id="4"] '
        '[gallery ids="1,2"] [button]Book[/button] [video]</p>'
    )
    assert "[max 10 mg]" in html and "[citation needed]" in html
    assert "contact-form-7" not in html and "Book" in html
    assert found == ["contact-form-7", "gallery", "button", "video"]


def test_a_later_run_never_takes_live_what_was_imported_as_a_draft(tmp_path):
    run(CLINIC_EXPORT, "--as-drafts")
    assert not Post.objects.published().exists()
    changed = edited_export(tmp_path, ("Keep walking every day.", "Walk daily."))
    output = run(changed)
    assert report_line(output, "Updated") == "1"
    assert not Post.objects.published().exists()
    assert Post.objects.filter(body__contains="Walk daily.").exists()


def test_an_export_link_that_is_an_address_here_makes_no_redirect(tmp_path):
    """An old permalink /articles/ must not take over this site's list."""
    export = edited_export(
        tmp_path,
        (
            "<link>https://old-clinic.example/blog/sciatica-stretches/</link>",
            "<link>https://old-clinic.example/articles/</link>",
        ),
    )
    output = run(export)
    assert "it is an address of this site" in output
    client = Client()
    response = client.get("/articles")
    assert response.status_code == 301 and response["Location"] == "/articles/"
    assert client.get("/articles/?page=999").status_code == 404


def test_a_topic_without_latin_letters_is_kept_with_a_warning(tmp_path):
    export = edited_export(
        tmp_path,
        (
            '<category domain="post_tag" nicename="posture"><![CDATA[Posture]]>',
            '<category domain="post_tag" nicename="%d0%b7%d0%b4"><![CDATA[Здоровье]]>',
        ),
    )
    output = run(export)
    topic = Topic.objects.get(name="Здоровье")
    assert topic.slug.startswith("topic-")
    assert f"/topics/{topic.slug}/" in output
    assert Client().get("/tag/%d0%b7%d0%b4/")["Location"] == topic.get_absolute_url()


def test_a_dry_run_reports_the_same_warnings(tmp_path, media_dir):
    dry = run(CLINIC_EXPORT, "--media-dir", media_dir, "--dry-run")
    real = run(CLINIC_EXPORT, "--media-dir", media_dir)
    assert report_line(dry, "Warnings") == report_line(real, "Warnings")


def test_wordpress_admin_is_not_this_sites_administrator(tmp_path):
    """A WordPress login that matches a real account here, without the same
    e-mail, gets an account of its own."""
    make_user("rquill", is_superuser=True)  # e-mail user<n>@example.test
    run(CLINIC_EXPORT)
    authors = {p.author.get_username() for p in Post.objects.all()}
    assert "rquill" not in authors and "wp-rquill" in authors
    assert not get_user_model().objects.get(username="wp-rquill").is_superuser


def test_a_post_id_address_with_campaign_tags_still_leads_to_the_post():
    run(CLINIC_EXPORT)
    post = Post.objects.get(title__startswith="Knee")
    for query in ("p=101&utm_source=mail", "utm_source=mail&p=101"):
        response = Client().get(f"/?{query}")
        assert response.status_code == 301
        assert response["Location"] == f"{post.get_absolute_url()}?utm_source=mail"
