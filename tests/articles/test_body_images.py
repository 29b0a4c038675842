"""Images inside a post's body: `![](image:ID)`, their figure, uploads and admin."""

from io import BytesIO
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.db.models.signals import post_delete, post_save
from django.test import Client
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from articles.body_image_services import body_image_delete, body_image_save
from articles.markup import render_markdown
from articles.models import BodyImage, Post
from articles.models.body_images import uses_image
from tests.clinic.test_html import html_problems
from tests.factories import (
    make_body_image,
    make_editor,
    make_front_desk,
    make_post,
    png_bytes,
)

pytestmark = pytest.mark.django_db


def html_of(body):
    return render_markdown(body)[0]


def test_image_syntax_renders_a_figure_like_the_lead_image():
    """srcset of every width, the widest as src with its size, the stored alt text."""
    image = make_body_image(
        'Side view of the "lower" spine <L4>', caption="Between L4 and L5"
    )
    html = html_of(f"Intro.\n\n![what the author typed](image:{image.pk})\n\nAfter.")
    urls = {r["width"]: r["url"] for r in image.image_renditions}
    assert all(url.startswith("/media/posts/renditions/") for url in urls.values())
    expected = (
        f'<figure class="body-image"><img src="{urls[1200]}" '
        f'srcset="{urls[480]} 480w, {urls[800]} 800w, {urls[1200]} 1200w" '
        'sizes="(min-width: 992px) 720px, 100vw" width="1200" height="675" '
        'alt="Side view of the &quot;lower&quot; spine &lt;L4&gt;" '
        'loading="lazy" decoding="async">'
        "<figcaption>Between L4 and L5</figcaption></figure>"
    )
    assert parse_html(expected) in parse_html(html)
    assert html.startswith("<p>Intro.</p>\n<figure") and "<p>After.</p>" in html
    assert "what the author typed" not in html


def test_figure_without_caption_has_no_figcaption():
    image = make_body_image()
    html = html_of(f"![](image:{image.pk})")
    assert html.startswith('<figure class="body-image"><img ')
    assert "<figcaption" not in html


def test_figure_stands_alone_in_a_list_item_but_not_inside_a_sentence():
    image = make_body_image()
    html = html_of(
        f"- ![](image:{image.pk})\n- Second\n\nSee ![](image:{image.pk}) here."
    )
    assert '<li><figure class="body-image">' in html
    assert html.count("<figure") == 1
    assert "<p>See  here.</p>" in html


def test_image_syntax_in_code_stays_code():
    image = make_body_image()
    html = html_of(f"`![](image:{image.pk})`\n\n    ![](image:{image.pk})")
    assert "<figure" not in html
    assert html.count(f"![](image:{image.pk})") == 2


@pytest.mark.parametrize(
    "body",
    [
        "![x-ray](https://elsewhere.test/xray.png)",
        "![](//elsewhere.test/protocol-relative.png)",
        "![](data:image/png;base64,iVBORw0KGgo=)",
        "![ref][r]\n\n[r]: https://elsewhere.test/ref.png",
        '<img src="https://elsewhere.test/raw.png" alt="raw">',
        '<img srcset="https://elsewhere.test/set.png 2x">',
        '<picture><source srcset="https://elsewhere.test/s.webp">'
        '<img src="https://elsewhere.test/p.png"></picture>',
        '<figure><img src="https://elsewhere.test/f.png"></figure>',
        "[![](https://elsewhere.test/linked.png)](https://example.test/)",
        '<div markdown="1">![](https://elsewhere.test/md-in-html.png)</div>',
        '<video poster="https://elsewhere.test/v.png"></video>',
        '<p style="background:url(https://elsewhere.test/bg.png)">x</p>',
        '![](https://elsewhere.test/a.png){: onerror="alert(1)" }',
    ],
)
def test_images_from_anywhere_else_never_reach_the_page(body):
    """Public pages load nothing from other origins: only our own figures."""
    html = html_of(f"Text.\n\n{body}\n\nMore text.")
    assert "elsewhere.test" not in html
    assert "data:" not in html
    for banned in ("<img", "<picture", "<source", "<figure", "<video", "srcset"):
        assert banned not in html, banned
    assert "More text." in html


def test_an_image_inside_a_link_is_dropped_even_when_it_is_ours():
    image = make_body_image()
    html = html_of(f"[![](image:{image.pk})](https://example.test/)")
    assert "<img" not in html


def test_unknown_image_id_renders_nothing(client):
    """A deleted or mistyped image leaves no trace and breaks nothing."""
    html = html_of("Before.\n\n![](image:987654321)\n\nAfter.")
    assert html == "<p>Before.</p>\n\n<p>After.</p>"
    assert "bodyimage" not in html
    post = make_post(body="![](image:987654321)\n\n## Still here")
    assert client.get(post.get_absolute_url()).status_code == 200


def test_text_that_looks_like_a_marker_stays_text():
    image = make_body_image()
    body = f"bodyimage00n{image.pk}\n\n<p>bodyimage{'0' * 24}n{image.pk}</p>"
    assert "<figure" not in html_of(body)


@pytest.mark.parametrize(
    "url",
    [
        "https://elsewhere.test/media/x.webp",
        "//elsewhere.test/media/x.webp",
        "/media//elsewhere.test/x.webp",
        '/media/x.webp" onerror="alert(1)',
        "/static/x.webp",
        "javascript:alert(1)",
    ],
)
def test_figure_only_points_at_this_sites_media(url):
    """Even a tampered rendition list cannot make a figure load another site."""
    image = make_body_image()
    renditions = [{"url": url, "width": 480, "height": 270}]
    BodyImage.objects.filter(pk=image.pk).update(image_renditions=renditions)
    html = html_of(f"![](image:{image.pk})")
    assert html == ""


def test_rendering_costs_one_query_however_many_images(django_assert_num_queries):
    images = [make_body_image(f"Image {n}") for n in range(5)]
    one = f"![](image:{images[0].pk})"
    five = "\n\n".join(f"![](image:{image.pk})" for image in images)
    with django_assert_num_queries(0):
        html_of("## No images here")
    with django_assert_num_queries(1):
        html_of(one)
    with django_assert_num_queries(1):
        assert html_of(five).count("<figure") == 5


def test_article_page_with_figures_costs_the_same_and_is_valid_html(client):
    images = [make_body_image(f"Image {n}") for n in range(4)]
    counts = []
    for used in (images[:1], images):
        body = "## Steps\n\n" + "\n\n".join(f"![](image:{i.pk})" for i in used)
        post = make_post(body=body)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(post.get_absolute_url())
        counts.append(len(queries))
        html = response.content.decode()
        assert html.count('<figure class="body-image">') == len(used)
        assert html_problems(html) == []
    assert counts[0] == counts[1]


def test_changing_or_deleting_an_image_updates_the_working_copies(client):
    """Alt text lives in one place: a fix shows at once in unapproved posts."""
    image = make_body_image("Old description")
    post = make_post(body=f"## Look\n\n![](image:{image.pk})", status="draft")
    other = make_post(body=f"![](image:{image.pk}0)", status="draft")
    html_before = other.body_html
    editor = make_editor()
    image.alt_text = "New description"
    body_image_save(image=image, by=editor)
    post.refresh_from_db()
    assert 'alt="New description"' in post.body_html
    updated_at = post.updated_at
    body_image_delete(image=image, by=editor)
    post.refresh_from_db()
    assert "<figure" not in post.body_html
    assert post.updated_at == updated_at
    other.refresh_from_db()
    assert other.body_html == html_before


def test_an_image_an_approved_version_shows_cannot_change_or_go(client):
    """Patients read the approved version exactly: its images are frozen in the
    admin (read-only fields, no delete), and the page keeps showing them."""
    image = make_body_image("Reviewed description")
    post = make_post(body=f"## Look\n\n![](image:{image.pk})")
    client.force_login(make_editor())
    url = reverse("admin:articles_bodyimage_change", args=[image.pk])
    html = client.get(url).content.decode()
    assert "cannot be changed or deleted" in html
    assert 'name="alt_text"' not in html
    client.post(url, {"alt_text": "Changed", "caption": ""})
    image.refresh_from_db()
    assert image.alt_text == "Reviewed description"
    delete = reverse("admin:articles_bodyimage_delete", args=[image.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert 'alt="Reviewed description"' in client.get(post.get_absolute_url()).text


@pytest.mark.parametrize(
    "change",
    [
        {"alt_text": "Changed"},
        {"caption": "A new caption"},
        {"image": SimpleUploadedFile("new.png", png_bytes(), "image/png")},
    ],
    ids=["alt text", "caption", "file"],
)
def test_services_refuse_to_change_or_delete_an_image_patients_see(change):
    """Whoever calls them, not only the admin: what a live version shows stays."""
    image = make_body_image("Reviewed description")
    make_post(body=f"![](image:{image.pk})")
    editor = make_editor()
    stored = (image.image.name, image.alt_text, image.caption)
    for name, value in change.items():
        setattr(image, name, value)
    with pytest.raises(ValidationError) as refused:
        body_image_save(image=image, by=editor)
    assert refused.value.code == "shown_to_patients"
    with pytest.raises(ValidationError) as refused:
        body_image_delete(image=image, by=editor)
    assert refused.value.code == "shown_to_patients"
    image = BodyImage.objects.get(pk=image.pk)
    assert (image.image.name, image.alt_text, image.caption) == stored
    assert body_image_save(image=image, by=editor) == image  # nothing changed


def test_services_render_the_working_copies_again_on_their_own():
    """With model signals silenced, a fixed alt text, a new file or a deleted
    image still shows at once in the unapproved posts using it: no new
    version, the same "updated" date."""
    image = make_body_image("Old description")
    post = make_post(body=f"## Look\n\n![](image:{image.pk})", status="draft")
    versions, updated_at = post.history.count(), post.updated_at
    editor = make_editor()
    with mock.patch.object(post_save, "send"), mock.patch.object(post_delete, "send"):
        image.alt_text = "New description"
        body_image_save(image=image, by=editor)
        post.refresh_from_db()
        assert 'alt="New description"' in post.body_html
        image.image = SimpleUploadedFile("new.png", png_bytes((800, 600)), "image/png")
        body_image_save(image=image, by=editor)
        post.refresh_from_db()
        assert 'width="800" height="600"' in post.body_html
        body_image_delete(image=image, by=editor)
        post.refresh_from_db()
        assert "<figure" not in post.body_html
    assert (post.history.count(), post.updated_at) == (versions, updated_at)


def test_only_staff_who_may_manage_body_images_change_them():
    image = make_body_image()
    front_desk = make_front_desk()
    image.alt_text = "Changed"
    with pytest.raises(PermissionDenied):
        body_image_save(image=image, by=front_desk)
    with pytest.raises(PermissionDenied):
        body_image_delete(image=image, by=front_desk)
    assert BodyImage.objects.get(pk=image.pk).alt_text != "Changed"


def test_posts_using_an_image_are_found_by_its_exact_id():
    make_post("Seven", body="![](image:7)")
    make_post("Seven with title", body='![](image:7 "title")')
    make_post("Seventy", body="![](image:70)")
    found = Post.objects.filter(body__regex=uses_image(7)).order_by("title")
    assert [p.title for p in found] == ["Seven", "Seven with title"]


# Uploading in the admin.


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor("elena"))
    return client


def upload(data=None, name="photo.png", content_type="image/png"):
    data = png_bytes() if data is None else data
    return SimpleUploadedFile(name, data, content_type=content_type)


def image_bytes(fmt, size=(50, 50)):
    buffer = BytesIO()
    Image.new("RGB", size).save(buffer, fmt)
    return buffer.getvalue()


def test_editor_uploads_a_body_image(editor_client):
    response = editor_client.post(
        reverse("admin:articles_bodyimage_add"),
        {"image": upload(), "alt_text": "A heel from below", "caption": ""},
    )
    assert response.status_code == 302
    image = BodyImage.objects.get()
    assert image.uploaded_by.username == "elena"
    assert [r["width"] for r in image.image_renditions] == [480, 800, 1200]
    assert image.image.name.startswith("posts/body/")


def test_body_image_needs_alt_text(editor_client):
    response = editor_client.post(
        reverse("admin:articles_bodyimage_add"), {"image": upload(), "alt_text": "  "}
    )
    assert response.status_code == 200
    assert "This field is required." in response.text
    assert not BodyImage.objects.exists()


@pytest.mark.parametrize(
    ("make_file", "settings_change", "message"),
    [
        (
            lambda: upload(b"<?php echo 1; ?>", name="x.png"),
            {},
            "Upload a valid image",
        ),
        (
            lambda: upload(b"<svg onload=alert(1)></svg>", "x.svg", "image/svg+xml"),
            {},
            "Upload a valid image",
        ),
        (
            lambda: upload(image_bytes("GIF"), "x.gif", "image/gif"),
            {},
            "Upload a valid image",
        ),
        (lambda: upload(), {"IMAGE_UPLOAD_MAX_BYTES": 1000}, "the limit is"),
        (lambda: upload(), {"IMAGE_UPLOAD_MAX_PIXELS": 1000}, "pixels"),
    ],
    ids=["php", "svg", "gif", "too large", "too many pixels"],
)
def test_hostile_uploads_are_refused(
    editor_client, settings, make_file, settings_change, message
):
    for name, value in settings_change.items():
        setattr(settings, name, value)
    response = editor_client.post(
        reverse("admin:articles_bodyimage_add"),
        {"image": make_file(), "alt_text": "Something"},
    )
    assert response.status_code == 200
    assert message in response.text
    assert not BodyImage.objects.exists()


def test_admin_list_shows_thumbnails_and_the_text_to_copy(editor_client):
    knee = make_body_image("A knee from the side")
    make_body_image("A heel from below")
    url = reverse("admin:articles_bodyimage_changelist")
    html = editor_client.get(url).text
    assert f"<code>![](image:{knee.pk})</code>" in html
    assert f'<img src="{knee.image_renditions[0]["url"]}" width="120"' in html
    html = editor_client.get(url, {"q": "knee"}).text
    assert "A knee from the side" in html and "A heel from below" not in html


def test_admin_list_costs_the_same_for_few_or_many_images(editor_client):
    url = reverse("admin:articles_bodyimage_changelist")
    counts = []
    for batch in (1, 3):
        for _ in range(batch):
            make_body_image()
        with CaptureQueriesContext(connection) as queries:
            assert editor_client.get(url).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_image_page_says_where_it_is_used(editor_client):
    image = make_body_image()
    post = make_post("Heel pain at dawn", body=f"![](image:{image.pk})")
    html = editor_client.get(
        reverse("admin:articles_bodyimage_change", args=[image.pk])
    ).text
    assert reverse("admin:articles_post_change", args=[post.pk]) in html
    assert "Heel pain at dawn" in html
    assert '<figure class="body-image">' in html


def test_front_desk_cannot_manage_body_images():
    client = Client()
    client.force_login(make_front_desk())
    url = reverse("admin:articles_bodyimage_changelist")
    assert client.get(url).status_code == 403
    editor = make_editor()
    for action in ("add", "change", "delete", "view"):
        assert editor.has_perm(f"articles.{action}_bodyimage")


def test_saving_an_image_unchanged_renders_no_post_again(client):
    """Only a change to what the figure shows touches the posts that show it."""
    image = make_body_image("Description")
    make_post(body=f"![](image:{image.pk})", status="draft")
    with mock.patch("articles.body_image_services.post_bodies_rerender") as rerender:
        body_image_save(image=image, by=make_editor())
    rerender.assert_not_called()
