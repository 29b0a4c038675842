"""Every old WordPress address answers 301 to the new one, in one hop."""

import pytest

from redirects.models import Redirect
from tests.wordpress.conftest import CLINIC_EXPORT, report_line, run
from wordpress.models import ImportedPost

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(media_dir):
    return run(CLINIC_EXPORT, "--media-dir", media_dir)


def address(wordpress_id):
    return ImportedPost.objects.get(wordpress_id=wordpress_id).post.get_absolute_url()


@pytest.mark.parametrize(
    "old",
    [
        "/2021/03/15/knee-back-pain/",
        "/2021/03/15/knee-back-pain",
        "/?p=101",
    ],
)
def test_dated_permalink_and_post_id_lead_to_the_post(client, imported, old):
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == address(101)
    assert client.get(response["Location"]).status_code == 200  # one hop


@pytest.mark.parametrize(
    "old", ["/blog/sciatica-stretches/", "/blog/sciatica-stretches"]
)
def test_other_permalink_structures_lead_to_the_post(client, imported, old):
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == address(102)


def test_category_tag_and_feed_pages_lead_to_topic_and_feed(client, imported):
    assert client.get("/category/back-pain/")["Location"] == "/topics/back-pain/"
    assert client.get("/category/back-pain")["Location"] == "/topics/back-pain/"
    assert client.get("/tag/posture/")["Location"] == "/topics/posture/"
    response = client.get("/feed/")
    assert response.status_code == 301 and response["Location"] == "/articles/feed/"
    assert client.get("/topics/back-pain/").status_code == 200


def test_redirects_are_ordinary_entries_one_per_address(imported):
    """Both slash forms share one entry; the report counts them."""
    assert Redirect.objects.filter(old_path__startswith="/2021/03/15/").count() == 1
    assert Redirect.objects.filter(new_path="/articles/feed/").count() == 1
    assert report_line(imported, "Redirects created") == str(Redirect.objects.count())
    # 4 posts × (permalink + ?p=), less the draft's ?p= link counted once,
    # 2 topic pages and the feed.
    assert Redirect.objects.count() == 10


def test_unknown_old_address_still_answers_the_branded_404(client, imported):
    response = client.get("/2019/01/01/never-existed/")
    assert response.status_code == 404
    assert "Cedar Ridge" in response.content.decode() or response.templates
    assert client.get("/?p=999").status_code == 200  # the home page, as before


def test_private_and_trashed_posts_get_no_redirect(client, imported):
    assert not Redirect.objects.filter(old_path__in=["/?p=105", "/?p=106"]).exists()
