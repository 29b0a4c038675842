"""The post body's editor: its widget, the live preview and the image chooser's list."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from articles import editor_views
from articles.widgets import MarkdownEditor
from tests.clinic.test_html import html_problems
from tests.factories import (
    make_body_image,
    make_editor,
    make_front_desk,
    make_post,
    make_user,
)

pytestmark = pytest.mark.django_db

BODY = (
    "# A title line\n\n## Why it hurts\n\nWalk **a little** every hour.\n\n"
    "### Morning stiffness\n\n- Stretch\n- Warm shower\n\n"
    "[Call us](https://example.test/call)"
)


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def preview(client, body, **extra):
    return client.post(reverse("articles:markdown-preview"), {"body": body}, **extra)


def test_preview_is_exactly_the_public_pages_body(editor_client):
    """The same Markdown gives the same HTML, heading ids included, in both places."""
    post = make_post(body=BODY)
    response = preview(editor_client, BODY)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    html = response.content.decode()
    assert html == post.body_html
    assert '<h2 id="a-title-line">A title line</h2>' in html
    assert '<h2 id="why-it-hurts">Why it hurts</h2>' in html
    assert '<h3 id="morning-stiffness">Morning stiffness</h3>' in html
    assert "<strong>a little</strong>" in html
    public = Client().get(post.get_absolute_url()).content.decode()
    assert f'<div class="post-body">{html}</div>' in public


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        '<img src=x onerror="alert(2)">',
        '<iframe src="https://elsewhere.test/"></iframe>',
        "[click](javascript:alert(3))",
        '<a href="#top" onclick="alert(4)">top</a>',
        "<svg onload=alert(5)></svg>",
        "<style>body { display: none }</style>",
        '<object data="https://elsewhere.test/x.swf"></object>',
        '<p style="background: url(https://elsewhere.test/t.png)">x</p>',
        '<form action="https://elsewhere.test/"><input name="card"></form>',
    ],
)
def test_preview_strips_scripts_handlers_frames_and_styles(editor_client, hostile):
    html = preview(editor_client, f"Before\n\n{hostile}\n\nAfter").content.decode()
    assert "Before" in html and "After" in html
    for banned in (
        "<script",
        "onerror",
        "onclick",
        "onload",
        "<iframe",
        "javascript:",
        "<svg",
        "<style",
        "style=",
        "<object",
        "<img",
        "<form",
        "<input",
        "elsewhere.test",
    ):
        assert banned not in html.lower(), banned


@pytest.mark.parametrize(
    "who",
    ["anonymous", "not staff", "front desk", "staff without permissions"],
)
def test_preview_is_refused_without_post_permission(client, who):
    """403 (not a login page: a script asks) for anyone who may not see posts."""
    users = {
        "anonymous": None,
        "not staff": lambda: make_user(is_staff=False),
        "front desk": make_front_desk,
        "staff without permissions": lambda: make_user(is_staff=True),
    }
    if users[who]:
        client.force_login(users[who]())
    assert preview(client, "## Hi").status_code == 403
    assert client.get(reverse("articles:body-image-choices")).status_code == 403


def test_preview_needs_the_csrf_token():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_editor())
    assert preview(client, "## Hi").status_code == 403
    client.get(reverse("admin:articles_post_add"))  # sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = preview(client, "## Hi", headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert '<h2 id="hi">Hi</h2>' in response.content.decode()


def test_preview_answers_post_only_and_is_never_cached(editor_client):
    assert editor_client.get(reverse("articles:markdown-preview")).status_code == 405
    response = preview(editor_client, "Hello")
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control and "private" in cache_control
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_a_body_too_long_to_preview_is_refused_plainly(editor_client):
    body = "word " * (editor_views.MAX_PREVIEW_BYTES // 5 + 10)
    response = preview(editor_client, body)
    assert response.status_code == 413
    assert response["Content-Type"].startswith("text/plain")


def test_editors_with_view_permission_only_may_preview(client):
    """Reviewers who only read posts see the same preview."""
    from django.contrib.auth.models import Permission

    reader = make_user(is_staff=True)
    reader.user_permissions.set(Permission.objects.filter(codename="view_post"))
    client.force_login(reader)
    assert preview(client, "## Hi").status_code == 200


# The widget on the post's admin form.


def test_body_field_has_a_toolbar_and_a_preview_that_start_hidden(editor_client):
    """The toolbar and preview appear only once the script runs; the textarea
    is an ordinary form field either way."""
    html = editor_client.get(reverse("admin:articles_post_add")).content.decode()
    toolbar = re.search(r'<div class="md-toolbar"[^>]*>', html)[0]
    assert 'role="toolbar"' in toolbar and 'aria-label="Formatting"' in toolbar
    assert 'aria-controls="id_body"' in toolbar and " hidden" in toolbar
    for label in (
        "Heading",
        "Bold",
        "Bulleted list",
        "Numbered list",
        "Link",
        "Image",
    ):
        assert re.search(
            rf'<button type="button" [^>]*title="[^"]+"[^>]*>{label}<', html
        )
    region = re.search(r'<div class="md-preview"[^>]*>', html)[0]
    assert 'role="region"' in region and " hidden" in region
    assert 'aria-labelledby="id_body_preview_label"' in region
    assert 'id="id_body_preview_label">Live preview<' in html
    assert "aria-live" not in html.split('class="md-editor"')[1].split("</fieldset>")[0]
    assert '<textarea name="body" cols="40" rows="30"' in html
    assert f'data-preview-url="{reverse("articles:markdown-preview")}"' in html
    assert '<script src="/static/articles/editor.js" defer></script>' in html
    assert 'href="/static/articles/editor.css"' in html


def test_change_form_keeps_the_full_preview_link(editor_client):
    """Without JavaScript, "Preview as it will look" still shows the saved post."""
    post = make_post(body=BODY)
    url = reverse("admin:articles_post_change", args=[post.pk])
    html = editor_client.get(url).content.decode()
    preview_url = reverse("articles:preview", kwargs={"pk": post.pk})
    assert f'<a href="{preview_url}">Preview as it will look</a>' in html
    assert editor_client.get(preview_url).status_code == 200


def test_admin_post_form_keeps_a_strict_content_security_policy(editor_client):
    response = editor_client.get(reverse("admin:articles_post_add"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "style-src 'self'" in csp
    assert "connect-src 'self'" in csp and "unsafe-inline" not in csp
    widget = MarkdownEditor().render("body", "x", attrs={"id": "id_body"})
    assert "<script" not in widget and "style=" not in widget
    assert not re.search(r"\son[a-z]+=", widget)


def test_editor_markup_is_valid_html():
    """No parse errors, every control labelled, every aria reference resolved."""
    widget = MarkdownEditor().render("body", "## Hi", attrs={"id": "id_body"})
    page = (
        '<!doctype html><h1>Add post</h1><form><label for="id_body">Body</label>'
        f"{widget}</form>"
    )
    assert html_problems(page) == []


def test_help_text_explains_how_to_place_a_body_image(editor_client):
    html = editor_client.get(reverse("admin:articles_post_add")).content.decode()
    assert "![](image:ID) on a line of its own" in html


# The image chooser's list.


def test_chooser_lists_images_with_alt_text_and_markdown(editor_client):
    image = make_body_image("Side view of the lower spine", caption="L4 and L5")
    response = editor_client.get(reverse("articles:body-image-choices"))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    [row] = response.json()["images"]
    assert row["id"] == image.pk
    assert row["alt_text"] == "Side view of the lower spine"
    assert row["caption"] == "L4 and L5"
    assert row["markdown"] == f"![](image:{image.pk})"
    assert row["thumbnail"]["url"].startswith("/media/posts/renditions/")
    assert row["thumbnail"]["width"] == 480
    assert response.json()["more"] is False


def test_chooser_finds_images_by_alt_text_or_caption(editor_client, monkeypatch):
    make_body_image("A knee from the side")
    make_body_image("A heel", caption="Plantar fascia in red")
    make_body_image("A shoulder")
    url = reverse("articles:body-image-choices")
    alts = [
        i["alt_text"] for i in editor_client.get(url, {"q": "KNEE"}).json()["images"]
    ]
    assert alts == ["A knee from the side"]
    found = editor_client.get(url, {"q": "plantar"}).json()["images"]
    assert [i["alt_text"] for i in found] == ["A heel"]
    monkeypatch.setattr(editor_views, "CHOOSER_LIMIT", 2)
    data = editor_client.get(url).json()
    assert len(data["images"]) == 2 and data["more"] is True
    assert data["images"][0]["alt_text"] == "A shoulder"  # newest first
    assert editor_client.post(url).status_code == 405
