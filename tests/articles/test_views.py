import json
import re
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Approval, Post
from articles.services import post_save_version
from locations.selectors import public_locations
from tests.factories import (
    approve,
    make_editor,
    make_post,
    make_reviewer,
    make_reviewer_user,
    make_topic,
    make_user,
    tomorrow,
    yesterday,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    back = make_topic("Back pain", slug="back-pain")
    reviewer = make_reviewer("Dana Whitfield", credentials="MD, FAAOS", slug="dana")
    post = make_post(
        "Easing a stiff lower back",
        topics=[back],
        reviewer=reviewer,
        reviewed_on=timezone.localdate() - timedelta(days=3),
        body="## What helps\n\nGentle walking.\n\n## When to call\n\nIf it gets worse.",
        excerpt="Simple ways to ease a stiff lower back.",
    )
    return post


def review_day(post):
    return timezone.localdate(post.approval.approved_at)


def test_article_page_shows_review_author_dates_reading_time(client, article):
    """The article names its reviewer with credentials, linked to their profile."""
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "Medically reviewed by" in html
    assert f'href="{article.approval.reviewer.get_absolute_url()}"' in html
    assert "Dana Whitfield, MD, FAAOS" in html
    assert review_day(article).strftime("%B") in html
    assert "By Alex Writer" in html
    assert "1 min read" in html
    assert '<h2 id="what-helps">What helps</h2>' in html


def test_article_dates_are_valid_datetime_attributes(client, article):
    """`<time datetime>` stops at seconds: HTML allows no microseconds there."""
    published = timezone.now().replace(microsecond=123456) - timedelta(days=2)
    Post.objects.filter(pk=article.pk).update(published_at=published)
    Approval.objects.filter(pk=article.approval_id).update(
        approved_at=published + timedelta(days=1)
    )
    html = client.get(article.get_absolute_url()).content.decode()
    local = timezone.localtime(published).replace(microsecond=0)
    updated = local + timedelta(days=1)
    assert f'Published <time datetime="{local.isoformat()}">' in html
    assert f'Updated <time datetime="{updated.isoformat()}">' in html
    assert f'on <time datetime="{updated.isoformat()}">' in html
    card = client.get(reverse("articles:list")).content.decode()
    assert f'<time datetime="{local.isoformat()}">' in card


def test_article_page_has_click_to_call_and_contact_block(client, article, settings):
    response = client.get(article.get_absolute_url())
    assert b'href="tel:+12015550142"' in response.content
    assert b'id="contact"' in response.content


def test_article_page_costs_a_fixed_number_of_queries(
    client, article, django_assert_max_num_queries
):
    """At most 4 queries, however many related posts and topics exist."""
    for i in range(8):
        extra_topic = make_topic(f"Extra {i}")
        article.topics.add(extra_topic)
        related = make_post(f"Related {i}", topics=[extra_topic, *article.topics.all()])
        if i % 2:
            article.related_picks.add(related)
    public_locations()  # the footer's, shared by every page (tests/locations)
    with django_assert_max_num_queries(4):
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.content.count(b'class="post-card"') == 3


def test_related_posts_section_lists_three_with_excerpts(client, article):
    topic = article.topics.first()
    for i in range(4):
        make_post(f"Neighbour {i}", topics=[topic], excerpt=f"Neighbour excerpt {i}")
    html = client.get(article.get_absolute_url()).content.decode()
    related = html.split('id="related-heading"')[1]
    assert related.count("Neighbour excerpt") == 3


def test_draft_is_404_to_the_public(client):
    draft = make_post(status=Post.Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_scheduled_post_is_404_until_its_time(client, time_machine):
    post = make_post(published_at=timezone.now() + timedelta(hours=5))
    assert client.get(post.get_absolute_url()).status_code == 404
    time_machine.move_to(timezone.now() + timedelta(hours=6))
    assert client.get(post.get_absolute_url()).status_code == 200


def test_unknown_slugs_are_branded_404(client):
    for url in ["/articles/nope/", "/topics/nope/", "/reviewers/nope/", "/nope/"]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert b"We could not find that page" in response.content


@pytest.mark.parametrize("page", ["abc", "0", "999", "-1", "1.5", "%00"])
def test_invalid_page_numbers_are_404_not_500(client, page):
    make_post()
    assert client.get(f"/articles/?page={page}").status_code == 404


def test_article_list_paginates_newest_first(client):
    for i in range(12):
        make_post(f"Numbered {i:02}", published_at=yesterday() - timedelta(hours=i))
    first = client.get(reverse("articles:list")).content.decode()
    assert "Numbered 00" in first and "Numbered 09" in first
    assert "Numbered 10" not in first
    assert first.index("Numbered 00") < first.index("Numbered 01")
    second = client.get(reverse("articles:list") + "?page=2").content.decode()
    assert "Numbered 10" in second and "Numbered 11" in second


def test_list_page_query_count_does_not_grow_with_posts(
    client, django_assert_max_num_queries
):
    topic = make_topic()
    for _ in range(10):
        make_post(topics=[topic])
    with django_assert_max_num_queries(4):
        client.get(reverse("articles:list"))


def test_home_shows_newest_posts_and_call_to_action(client):
    make_post("Fresh post")
    make_post("Hidden draft", status=Post.Status.DRAFT)
    response = client.get("/")
    assert b"Fresh post" in response.content
    assert b"Hidden draft" not in response.content
    assert b'href="tel:' in response.content


def test_topic_page_lists_only_its_published_posts(client):
    back, knee = make_topic("Back"), make_topic("Knee")
    make_post("Back one", topics=[back])
    make_post("Knee one", topics=[knee])
    make_post("Back scheduled", topics=[back], published_at=tomorrow())
    html = client.get(back.get_absolute_url()).content.decode()
    assert "Back one" in html
    assert "Knee one" not in html and "Back scheduled" not in html


def test_reviewer_profile_lists_reviewed_posts(client, article):
    response = client.get(article.approval.reviewer.get_absolute_url())
    assert response.status_code == 200
    assert b"Dana Whitfield, MD, FAAOS" in response.content
    assert article.title.encode() in response.content


def test_search_ranks_and_escapes(client):
    make_post("Sciatica explained", body="Nerve pain.")
    make_post("Knee care", body="Mentions sciatica once.")
    response = client.get(reverse("articles:search"), {"q": "sciatica"})
    html = response.content.decode()
    assert "2 results" in html
    assert html.index("Sciatica explained") < html.index("Knee care")
    response = client.get(reverse("articles:search"), {"q": "<script>x</script>"})
    assert b"<script>x</script>" not in response.content
    assert b"&lt;script&gt;" in response.content


@pytest.mark.parametrize(
    "query",
    ["a" * 5000, "\x00", "' OR 1=1 --", "&|!():*", "\\", "😀 ü ß", "%", "a & !b"],
)
def test_odd_or_long_searches_answer_normally(client, query):
    make_post("Sciatica explained")
    response = client.get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200


@settings(
    max_examples=40,
    deadline=None,  # timing on a busy 2-core machine is not what this tests
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(query=st.text(max_size=300))
def test_search_never_fails_on_arbitrary_text(query):
    response = Client().get(reverse("articles:search"), {"q": query})
    assert response.status_code == 200


def test_seo_tags_and_json_ld(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert f"<title>{article.title} · " in html
    assert f'<meta name="description" content="{article.excerpt}">' in html
    assert (
        f'<link rel="canonical" href="http://testserver{article.get_absolute_url()}">'
        in html
    )
    assert '<meta property="og:type" content="article">' in html
    assert '<meta name="twitter:card"' in html
    blocks = re.findall(
        r'<script type="application/ld\+json">(.*?)</script>', html, re.S
    )
    data = [json.loads(b) for b in blocks]
    page = next(d for d in data if d["@type"] == "MedicalWebPage")
    assert page["reviewedBy"]["@type"] == "Person"
    assert page["reviewedBy"]["honorificSuffix"] == "MD, FAAOS"
    assert page["lastReviewed"] == review_day(article).isoformat()
    assert page["datePublished"] and page["dateModified"]
    assert page["author"]["name"] == "Alex Writer"
    assert page["publisher"]["@type"] == "MedicalClinic"
    assert page["publisher"]["telephone"] == "+12015550142"
    assert page["publisher"]["address"]["@type"] == "PostalAddress"
    crumbs = next(d for d in data if d["@type"] == "BreadcrumbList")
    assert crumbs["itemListElement"][-1]["name"] == article.title


def test_json_ld_cannot_break_out_of_its_script(client):
    post = make_post("</script><script>alert(1)</script>")
    html = client.get(post.get_absolute_url()).content.decode()
    assert "</script><script>alert(1)" not in html


def test_titles_are_unique_per_page(client, article):
    titles = set()
    for url in [
        "/",
        "/articles/",
        article.get_absolute_url(),
        "/topics/",
        article.topics.first().get_absolute_url(),
        article.approval.reviewer.get_absolute_url(),
        "/search/",
    ]:
        html = client.get(url).content.decode()
        titles.add(re.search(r"<title>(.*?)</title>", html, re.S).group(1))
    assert len(titles) == 7


def test_sitemap_lists_published_posts_topics_reviewers_with_lastmod(client, article):
    draft = make_post("Secret draft", status=Post.Status.DRAFT, slug="secret-draft")
    scheduled = make_post("Later", published_at=tomorrow(), slug="later-post")
    xml = client.get("/sitemap.xml").content.decode()
    assert article.get_absolute_url() in xml
    assert article.topics.first().get_absolute_url() in xml
    assert article.approval.reviewer.get_absolute_url() in xml
    assert draft.slug not in xml and scheduled.slug not in xml
    assert "<lastmod>" in xml


def test_robots_txt_names_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()


def test_feed_lists_published_posts_only(client, article):
    make_post("Feed draft", status=Post.Status.DRAFT)
    make_post("Feed scheduled", published_at=tomorrow())
    xml = client.get(reverse("articles:feed")).content.decode()
    assert article.title in xml
    assert "Feed draft" not in xml and "Feed scheduled" not in xml


def test_preview_shows_draft_to_editors_only(client):
    draft = make_post("Draft to preview", status=Post.Status.DRAFT)
    url = reverse("articles:preview", kwargs={"pk": draft.pk})
    assert client.get(url).status_code == 302  # to the admin login
    client.force_login(make_user(is_staff=False))
    assert client.get(url).status_code == 302
    client.force_login(make_editor())
    response = client.get(url)
    assert response.status_code == 200
    assert b"Draft to preview" in response.content
    assert b"It is not approved yet: the public cannot see it." in response.content
    assert "no-cache" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_staff_without_post_permission_cannot_preview(client):
    draft = make_post(status=Post.Status.DRAFT)
    client.force_login(make_user(is_staff=True))
    response = client.get(reverse("articles:preview", kwargs={"pk": draft.pk}))
    assert response.status_code == 403


def test_security_headers_on_every_response(client, article):
    for url in ["/", article.get_absolute_url(), "/nope/"]:
        response = client.get(url)
        csp = response["Content-Security-Policy"]
        assert "default-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert "camera=()" in response["Permissions-Policy"]
        assert response["X-Frame-Options"] == "DENY"


def test_pages_load_nothing_from_other_origins(client, article):
    """Every src/href for a resource is same-origin (no CDN, no trackers)."""
    html = client.get(article.get_absolute_url()).content.decode()
    for attr in re.findall(
        r'<(?:script|link|img|iframe)[^>]*(?:src|href)="([^"]+)"', html
    ):
        assert attr.startswith("/") or attr.startswith("http://testserver"), attr


def test_page_has_skip_link_first_and_one_h1(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    body = html.split("<body>", 1)[1]
    first_link = re.search(r"<a [^>]*>", body).group(0)
    assert 'href="#main"' in first_link
    assert html.count("<h1") == 1
    assert '<main id="main"' in html


def test_repeat_views_are_served_from_the_page_cache_with_fresh_tokens(
    django_assert_num_queries,
):
    """The second view costs no queries; each visitor still gets their own tokens."""
    post = make_post("Cached article")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    html_a = first.get(post.get_absolute_url()).content.decode()
    with django_assert_num_queries(0):
        html_b = second.get(post.get_absolute_url()).content.decode()
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    form_token = re.compile(r'name="form_token" value="([^"]+)"')
    assert "__clinic_" not in html_a + html_b
    assert token.search(html_a).group(1) != token.search(html_b).group(1)
    assert form_token.search(html_a).group(1) != form_token.search(html_b).group(1)
    # The cached page's form is accepted with that visitor's CSRF cookie.
    response = second.post(
        "/contact/",
        {
            "csrfmiddlewaretoken": token.search(html_b).group(1),
            "form_token": form_token.search(html_b).group(1),
            "name": "Robin Vale",
            "phone": "2015550177",
            "preferred_contact": "call",
            "message": "Question about my knee.",
            "consent": "on",
        },
    )
    assert response.status_code == 303


def test_editing_a_live_post_changes_the_page_only_once_approved(client):
    """Patients read the approved version until a reviewer approves the edit;
    then the page (cached or not) switches at once."""
    post = make_post("Before the edit")
    reviewer = make_reviewer_user()
    client.get(post.get_absolute_url())
    post.title = "After the edit"
    post_save_version(post=post, by=make_editor())
    html = client.get(post.get_absolute_url()).content
    assert b"Before the edit" in html and b"After the edit" not in html
    approve(post, reviewer)
    html = client.get(post.get_absolute_url()).content
    assert b"After the edit" in html and b"Before the edit" not in html
    assert b"Medically reviewed by <a href=" in html


def test_renaming_a_topic_or_reviewer_shows_on_cached_articles(client, article):
    client.get(article.get_absolute_url())
    topic, reviewer = article.topics.get(), article.approval.reviewer
    topic.name = "Lower back pain"
    topic.save()
    assert b"Lower back pain" in client.get(article.get_absolute_url()).content
    # A signed review keeps the credentials it was signed with.
    reviewer.credentials = "MD, PhD"
    reviewer.save()
    html = client.get(article.get_absolute_url()).content
    assert b"Dana Whitfield, MD, FAAOS" in html and b"MD, PhD" not in html
