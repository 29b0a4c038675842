from datetime import timedelta
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from articles.models import Post
from tests.factories import make_editor, make_post, make_reviewer, make_topic, make_user

pytestmark = pytest.mark.django_db


def png_upload(name="photo.png", size=(1600, 900)):
    buffer = BytesIO()
    Image.new("RGB", size, (30, 120, 130)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def post_form_data(**overrides):
    topic = overrides.pop("topic", None) or make_topic()
    data = {
        "title": "Heel pain in the morning",
        "slug": "heel-pain-in-the-morning",
        "excerpt": "Why the first steps hurt.",
        "body": "## Why\n\nBecause.",
        "topics": [topic.pk],
        "author": overrides.pop("author").pk,
        "published_at_0": "",
        "published_at_1": "",
        "image_alt": "",
        "related_picks": [],
    }
    data.update(overrides)
    return data


@pytest.fixture
def editor_client(client):
    editor = make_editor("elena")
    client.force_login(editor)
    client.editor = editor
    return client


def test_editor_sees_posts_topics_reviewers_in_admin(editor_client):
    html = editor_client.get(reverse("admin:index")).content.decode()
    for name in ("Posts", "Topics", "Reviewers"):
        assert name in html


def test_staff_without_permissions_cannot_open_posts(client):
    client.force_login(make_user(is_staff=True))
    assert client.get(reverse("admin:articles_post_changelist")).status_code == 403
    assert client.get(reverse("admin:articles_post_add")).status_code == 403


def test_editor_creates_draft_with_rendered_body(editor_client):
    data = post_form_data(author=editor_client.editor)
    response = editor_client.post(reverse("admin:articles_post_add"), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    post = Post.objects.get(slug="heel-pain-in-the-morning")
    assert post.status == "draft"
    assert '<h2 id="why">Why</h2>' in post.body_html


def test_a_forged_publish_from_the_post_form_is_ignored(editor_client):
    """Status and review fields are not on the editors' form: posting them
    publishes nothing and claims no review."""
    reviewer = make_reviewer()
    data = post_form_data(
        author=editor_client.editor,
        status="published",
        reviewer=reviewer.pk,
        reviewed_on=timezone.localdate().isoformat(),
    )
    response = editor_client.post(reverse("admin:articles_post_add"), data)
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.status == Post.Status.DRAFT and post.approval is None
    assert not post.is_live


def test_editor_saves_and_sends_for_review(editor_client):
    """“Save and send for review” keeps one version and puts it in the queue."""
    data = post_form_data(author=editor_client.editor, _send_for_review="1")
    response = editor_client.post(reverse("admin:articles_post_add"), data)
    assert response.status_code == 302
    post = Post.objects.get()
    assert post.review_state == Post.Review.AWAITING
    assert post.history.count() == 1
    assert post.latest_version().topics.count() == 1  # the topics are in it
    assert list(post.events.values_list("action", flat=True)) == ["sent", "saved"]
    queue = editor_client.get(reverse("admin:articles_post_review_queue"))
    assert "Heel pain in the morning" in queue.content.decode()


def test_slug_must_be_unique(editor_client):
    make_post(slug="heel-pain-in-the-morning")
    data = post_form_data(author=editor_client.editor)
    response = editor_client.post(reverse("admin:articles_post_add"), data)
    assert response.status_code == 200
    assert "Post with this Slug already exists." in response.content.decode()


def test_lead_image_is_resized_into_widths(editor_client):
    data = post_form_data(
        author=editor_client.editor, image=png_upload(), image_alt="A sketch of a heel"
    )
    response = editor_client.post(reverse("admin:articles_post_add"), data)
    assert response.status_code == 302
    post = Post.objects.get()
    assert [r["width"] for r in post.image_renditions] == [480, 800, 1200]
    assert post.image_renditions[0]["height"] == 270
    assert "480w" in post.srcset and "1200w" in post.srcset


def test_image_without_alt_text_is_refused(editor_client):
    data = post_form_data(author=editor_client.editor, image=png_upload())
    response = editor_client.post(reverse("admin:articles_post_add"), data)
    assert response.status_code == 200
    assert (
        "Describe the image for people who cannot see it." in response.content.decode()
    )


def test_upload_that_is_not_an_image_is_refused(editor_client):
    fake = SimpleUploadedFile("x.png", b"<?php echo 1; ?>", content_type="image/png")
    data = post_form_data(author=editor_client.editor, image=fake, image_alt="x")
    response = editor_client.post(reverse("admin:articles_post_add"), data)
    assert response.status_code == 200
    assert not Post.objects.exists()


def test_oversized_image_is_refused(editor_client, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000
    data = post_form_data(
        author=editor_client.editor, image=png_upload(), image_alt="x"
    )
    response = editor_client.post(reverse("admin:articles_post_add"), data)
    assert response.status_code == 200
    assert "the limit is" in response.content.decode()


def test_stale_review_filter_and_dashboard_count(editor_client):
    make_post("Old review", reviewed_on=timezone.localdate() - timedelta(days=400))
    make_post("Fresh review")
    changelist = reverse("admin:articles_post_changelist")
    make_post("Draft never reviewed", status=Post.Status.DRAFT)
    html = editor_client.get(changelist + "?review=stale").content.decode()
    assert "Old review" in html and "Fresh review" not in html
    html = editor_client.get(changelist + "?review=current").content.decode()
    assert "Fresh review" in html and "Old review" not in html
    # The two choices split the published posts; drafts are in neither.
    assert "Draft never reviewed" not in html
    index = editor_client.get(reverse("admin:index")).content.decode()
    assert "approved over 12 months ago</a></th>\n      <td>1</td>" in index


def test_changelist_shows_scheduled_status_and_preview_link(editor_client):
    post = make_post("Later", published_at=timezone.now() + timedelta(days=2))
    html = editor_client.get(reverse("admin:articles_post_changelist")).content.decode()
    assert "Scheduled" in html
    assert reverse("articles:preview", kwargs={"pk": post.pk}) in html


def test_changelist_query_count_does_not_grow_with_posts(editor_client):
    """The post list costs the same number of queries for 2 posts or 20."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = reverse("admin:articles_post_changelist")
    counts = []
    for batch in (2, 18):
        for _ in range(batch):
            make_post()
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] <= 14


def test_rule_set_list_query_count_does_not_grow(editor_client):
    """The rule-set list costs the same for 1 reviewed version or 6."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from checker.models import RuleSet

    url = reverse("admin:checker_ruleset_changelist")
    counts = []
    for batch in (1, 5):
        for _ in range(batch):
            RuleSet.objects.create(
                name="Draft",
                reviewer=make_reviewer(),
                reviewed_on=timezone.localdate() - timedelta(days=5),
            )
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_review_dates_in_the_future_are_refused(editor_client):
    """A rule set may not claim a review that has not happened."""
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = editor_client.post(
        reverse("admin:checker_ruleset_add"),
        {
            "name": "Next version",
            "reviewer": make_reviewer().pk,
            "reviewed_on": tomorrow,
            "red_flag_message": "Call now.",
            "options-TOTAL_FORMS": "0",
            "options-INITIAL_FORMS": "0",
            "rules-TOTAL_FORMS": "0",
            "rules-INITIAL_FORMS": "0",
        },
    )
    assert "The review date cannot be in the future." in response.content.decode()


def test_reserved_slug_is_refused(editor_client):
    data = post_form_data(author=editor_client.editor, slug="feed")
    response = editor_client.post(reverse("admin:articles_post_add"), data)
    assert response.status_code == 200
    assert "is used by another page of the site" in response.content.decode()


def test_gif_upload_is_refused(editor_client):
    buffer = BytesIO()
    Image.new("RGB", (50, 50)).save(buffer, "GIF")
    gif = SimpleUploadedFile("x.gif", buffer.getvalue(), content_type="image/gif")
    data = post_form_data(author=editor_client.editor, image=gif, image_alt="x")
    response = editor_client.post(reverse("admin:articles_post_add"), data)
    assert response.status_code == 200
    assert not Post.objects.exists()


@pytest.mark.parametrize(
    "query",
    [
        "admin:articles_topic_changelist|leads=1",
        "admin:articles_topic_changelist|leads__name__icontains=a",
        "admin:articles_post_changelist|leads__isnull=False",
        "admin:articles_post_changelist|call_clicks__isnull=False",
    ],
)
def test_editors_cannot_filter_their_lists_by_leads(editor_client, query):
    """Which topics and posts brought leads is the front desk's business."""
    from tests.factories import make_lead

    topic = make_topic("Sciatica")
    make_lead(topic=topic, article=make_post("Sciatica", topics=[topic]))
    name, params = query.split("|")
    editor_client.raise_request_exception = False
    response = editor_client.get(reverse(name) + "?" + params)
    assert response.status_code == 400
    assert b"Sciatica" not in response.content


def test_editors_still_filter_by_what_they_may_see(editor_client):
    topic = make_topic("Sciatica")
    make_post("About sciatica", topics=[topic])
    url = reverse("admin:articles_post_changelist") + f"?topics__id__exact={topic.pk}"
    response = editor_client.get(url)
    assert response.status_code == 200 and b"About sciatica" in response.content


def test_view_on_site_tells_an_editor_nothing_about_leads(editor_client):
    """The same 404 for an existing and a missing lead."""
    from django.contrib.contenttypes.models import ContentType

    from leads.models import Lead
    from tests.factories import make_lead

    lead = make_lead()
    content_type = ContentType.objects.get_for_model(Lead)
    for object_id in (lead.pk, lead.pk + 1000):
        url = reverse("admin:view_on_site", args=[content_type.pk, object_id])
        assert editor_client.get(url).status_code == 404


def test_view_on_site_still_works_for_posts(editor_client):
    from django.contrib.contenttypes.models import ContentType

    post = make_post("Open me")
    content_type = ContentType.objects.get_for_model(Post)
    url = reverse("admin:view_on_site", args=[content_type.pk, post.pk])
    response = editor_client.get(url)
    assert (
        response.status_code == 302 and post.get_absolute_url() in response["Location"]
    )
