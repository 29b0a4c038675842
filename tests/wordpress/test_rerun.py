"""Running the import again, a dry run, and importing everything as drafts."""

import pytest
from django.contrib.auth import get_user_model

from articles.models import BodyImage, Post, Topic
from articles.services import post_approve
from redirects.models import Redirect
from tests.factories import make_reviewer, make_user
from tests.wordpress.conftest import (
    CLINIC_EXPORT,
    edited_export,
    report_line,
    run,
)
from wordpress.models import ImportedPost

pytestmark = pytest.mark.django_db

NEW_POST = """
	<item>
		<title>Sleeping Positions for a Sore Back</title>
		<link>https://old-clinic.example/blog/sleeping-positions/</link>
		<dc:creator><![CDATA[rquill]]></dc:creator>
		<guid isPermaLink="false">https://old-clinic.example/?p=108</guid>
		<content:encoded><![CDATA[<p>Use a pillow.</p>]]></content:encoded>
		<wp:post_id>108</wp:post_id>
		<wp:post_date_gmt><![CDATA[2023-02-01 12:00:00]]></wp:post_date_gmt>
		<wp:post_name><![CDATA[sleeping-positions]]></wp:post_name>
		<wp:status><![CDATA[publish]]></wp:status>
		<wp:post_type><![CDATA[post]]></wp:post_type>
	</item>
</channel>"""


def counts():
    User = get_user_model()
    return (
        Post.objects.count(),
        Post.history.count(),
        Topic.objects.count(),
        User.objects.count(),
        Redirect.objects.count(),
        BodyImage.objects.count(),
        ImportedPost.objects.count(),
    )


def post(wordpress_id):
    return ImportedPost.objects.get(wordpress_id=wordpress_id).post


def test_second_run_creates_nothing_and_says_so(media_dir):
    run(CLINIC_EXPORT, "--media-dir", media_dir)
    before = counts()
    output = run(CLINIC_EXPORT, "--media-dir", media_dir)
    assert counts() == before
    assert report_line(output, "Imported") == "0"
    assert report_line(output, "Updated") == "0"
    assert report_line(output, "Unchanged") == "4"
    assert report_line(output, "Redirects created") == "0"


def test_changed_post_becomes_a_new_version_and_new_post_is_added(tmp_path, media_dir):
    """A newer export: the edited post gets a second version (live, since no
    clinician approved it here), the new one is added, its author matched."""
    run(CLINIC_EXPORT, "--media-dir", media_dir)
    newer = edited_export(
        tmp_path,
        ("A plan for the coming year.", "A plan for the coming year, revised."),
        ("These stretches ease", "These three stretches ease"),
        ("</channel>", NEW_POST),
    )
    output = run(newer, "--media-dir", media_dir)
    assert report_line(output, "Imported") == "1"
    assert report_line(output, "Updated") == "2"
    assert report_line(output, "Authors") == "0 created, 1 matched"
    stretches = post(102)
    assert stretches.history.count() == 2
    assert "These three stretches ease" in stretches.live_version.body
    assert post(108).author.username == "rquill"
    assert get_user_model().objects.filter(username="rquill").count() == 1


def test_update_of_an_approved_post_waits_for_review(tmp_path, media_dir):
    """Patients keep the approved version; the imported change is in the queue."""
    run(CLINIC_EXPORT, "--media-dir", media_dir)
    clinician = make_user(groups=["Medical reviewers"])
    make_reviewer(user=clinician)
    stretches = post(102)
    approval = post_approve(
        post=stretches, version_id=stretches.latest_version().history_id, by=clinician
    )
    newer = edited_export(tmp_path, ("These stretches ease", "Stretches ease"))
    run(newer, "--media-dir", media_dir)
    stretches = post(102)
    assert stretches.live_version_id == approval.version_id
    assert stretches.review == approval
    assert stretches.body.startswith("Stretches ease")
    assert stretches.review_state == Post.Review.AWAITING


def test_authors_are_matched_by_email(media_dir):
    """An existing staff account with the author's e-mail is used, not copied."""
    robin = make_user("robin")
    robin.email = "RQuill@old-clinic.example"
    robin.save()
    run(CLINIC_EXPORT, "--media-dir", media_dir)
    assert post(101).author == robin
    assert not get_user_model().objects.filter(username="rquill").exists()


def test_dry_run_prints_the_report_and_writes_nothing(media_dir, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "site-media"
    before = counts()
    output = run(CLINIC_EXPORT, "--media-dir", media_dir, "--dry-run")
    assert "\nDry run: nothing was written" in output
    assert report_line(output, "Imported") == "4"
    assert report_line(output, "Redirects created") == "10"
    assert report_line(output, "Images copied") == "2"
    assert counts() == before
    assert not any(settings.MEDIA_ROOT.rglob("*.*"))  # no file copied


def test_as_drafts_imports_every_post_as_a_draft(media_dir):
    output = run(CLINIC_EXPORT, "--media-dir", media_dir, "--as-drafts")
    assert report_line(output, "Imported") == "4"
    assert not Post.objects.exclude(status=Post.Status.DRAFT).exists()
    assert not Post.objects.filter(live_version__isnull=False).exists()
    assert Post.objects.awaiting_review().count() == 4
