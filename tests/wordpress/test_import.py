"""Importing a WordPress export: what posts, topics, authors and images become."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Approval, BodyImage, Post, PostEvent, Topic
from tests.wordpress.conftest import CLINIC_EXPORT, report_line, run
from wordpress.models import ImportedPost

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(media_dir):
    return run(CLINIC_EXPORT, "--media-dir", media_dir)


def post(wordpress_id):
    return ImportedPost.objects.get(wordpress_id=wordpress_id).post


def test_report_counts_what_was_imported_and_skipped(imported):
    """Four posts in, three skipped by reason, others ignored: all in the report."""
    assert report_line(imported, "Posts in the export") == "7"
    assert report_line(imported, "Imported") == "4"
    assert report_line(imported, "Updated") == "0"
    assert report_line(imported, "Skipped") == ("3 (no title: 1, private: 1, trash: 1)")
    other = "Other items (pages, attachments, menus…) not imported"
    assert report_line(imported, other) == "2"
    assert report_line(imported, "Shortcodes removed") == (
        "2 (contact-form-7: 1, gallery: 1)"
    )
    assert report_line(imported, "Authors") == "2 created, 0 matched"
    assert "Posts: 7/7" in imported
    assert Post.objects.count() == 4
    assert not Post.objects.filter(title__in=["Staff Rota", "Old Opening Hours"])


def test_skipped_bad_item_is_named_with_its_reason(imported):
    """The post without a title is listed among the warnings; the rest imported."""
    assert "WordPress post 107 “(no title)” skipped: no title" in imported


def test_titles_have_their_entities_decoded(imported):
    assert post(101).title == "Knee & Back Pain – What Really Helps"


def test_classic_post_becomes_markdown_with_paragraphs_and_headings(imported):
    """Classic-editor text gets its paragraphs; the heading and list are Markdown."""
    body = post(101).body
    assert body.startswith(
        "Most knee and back pain settles with time & gentle movement.\n\n"
    )
    assert "## When to call us" in body
    assert "- Numbness in both legs" in body
    assert "[sic]" in body
    assert "[gallery" not in body
    # A link to the old site now goes through its redirect here.
    assert "[our stretches](/blog/sciatica-stretches/)" in body


def test_block_editor_post_loses_its_block_comments(imported):
    body = post(102).body
    assert "wp:" not in body and "<!--" not in body
    assert "These stretches ease a *sciatic* nerve that is irritated." in body
    assert "## Knee to chest" in body
    assert "contact-form-7" not in body


def test_script_iframe_and_event_handler_never_reach_a_page(client, imported):
    """The live page shows the post without anything active from the export."""
    response = client.get(post(101).get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "stolen" not in page and "onerror" not in page
    assert "video.example" not in page and "<iframe" not in page
    assert "old-clinic.example" not in page


def test_statuses_follow_wordpress(imported):
    """Published stay live, the future one is scheduled, the draft is a draft."""
    assert post(101).is_live and post(102).is_live
    scheduled = post(103)
    assert scheduled.is_scheduled and scheduled.published_at.year == 2031
    draft = post(104)
    assert draft.status == Post.Status.DRAFT and draft.live_version is None
    assert draft.published_at is None
    assert draft.slug == "draft-desk-setup"
    assert set(Post.objects.published()) == {post(101), post(102)}


def test_imported_posts_show_no_byline_and_all_wait_for_review(client, imported):
    """No approval exists; every imported post is in the reviewers' queue."""
    assert not Approval.objects.exists()
    assert set(Post.objects.awaiting_review()) == set(Post.objects.all())
    live = post(101)
    assert live.review is None and live.live_version == live.latest_version()
    assert live.history.count() == 1
    page = client.get(live.get_absolute_url()).content.decode()
    assert "Medically reviewed by" not in page
    actions = set(live.events.values_list("action", flat=True))
    assert {PostEvent.Action.SAVED, PostEvent.Action.SENT_FOR_REVIEW} <= actions


def test_categories_and_tags_become_topics(imported):
    back = Topic.objects.get(slug="back-pain")
    assert back.name == "Back Pain & Sciatica"
    assert set(post(101).topics.values_list("slug", flat=True)) == {
        "back-pain",
        "posture",
    }
    assert not Topic.objects.filter(slug="uncategorized").exists()


def test_yoast_title_and_description_are_kept_within_limits(imported):
    """Yoast variables are resolved; the long description is cut with a warning."""
    knee = post(101)
    assert knee.seo_title == "Knee & Back Pain – What Really Helps"
    assert len(knee.seo_description) <= 160
    assert knee.seo_description.endswith("…")
    assert "_yoast_wpseo_metadesc shortened to 160 characters" in imported


def test_authors_become_staff_without_a_usable_password(imported):
    robin = get_user_model().objects.get(username="rquill")
    assert robin.is_staff and not robin.has_usable_password()
    assert robin.get_full_name() == "Robin Quill"
    assert robin.email == "rquill@old-clinic.example"
    assert post(101).author == robin
    assert post(102).author.first_name == "Tal Fenn"


def test_featured_image_becomes_the_lead_image_with_its_alt_text(imported):
    knee = post(101)
    assert knee.image.name.startswith("posts/knee")
    assert knee.image_alt == "Plastic model of a knee joint"
    assert knee.image_renditions


def test_body_images_are_copied_and_the_missing_ones_listed(client, imported):
    """The resized image is served from here; the missing file is in the report."""
    image = BodyImage.objects.get()
    assert image.alt_text == "A person lying on a mat, pulling one knee to the chest"
    assert f"![](image:{image.pk})" in post(102).body
    page = client.get(post(102).get_absolute_url()).content.decode()
    assert '<figure class="body-image">' in page
    assert report_line(imported, "Images missing") == "2"
    assert "2022/01/missing.png (file not found in --media-dir)" in imported
    assert "2021/03/ghost.png (file not found in --media-dir)" in imported


def test_without_media_dir_images_are_left_out_and_listed(client):
    output = run(CLINIC_EXPORT)
    assert report_line(output, "Images missing") == "4"
    assert "featured image" in output and "no --media-dir given" in output
    assert not BodyImage.objects.exists()
    assert not post(101).image
    page = reverse("articles:detail", args=[post(102).slug])
    assert client.get(page).status_code == 200
