"""Writing a post's body in the admin with the toolbar and live preview (Chromium)."""

import re

import pytest
from playwright.sync_api import expect

from articles.models import Post
from tests.factories import (
    PASSWORD,
    make_body_image,
    make_editor,
    make_post,
    make_topic,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Recorded in the page before any of its own scripts run.
WATCH_CSP = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def sign_in(page, username):
    page.goto("/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def watch_console(page):
    errors = []
    page.on(
        "console",
        lambda message: (
            errors.append(message.text) if message.type == "error" else None
        ),
    )
    page.add_init_script(WATCH_CSP)
    return errors


def select(textarea, text):
    textarea.evaluate(
        "(area, text) => { const i = area.value.indexOf(text);"
        " area.focus(); area.setSelectionRange(i, i + text.length); }",
        text,
    )


def test_editor_makes_text_bold_and_sees_it_in_the_live_preview(desktop_page):
    """Type, select, click Bold: the preview shows bold text and the heading,
    and the strict CSP reports nothing."""
    page = desktop_page
    errors = watch_console(page)
    make_editor("elena")
    sign_in(page, "elena")
    page.goto("/admin/articles/post/add/")

    body = page.get_by_label("Body")
    body.fill("## Morning stiffness\n\nWalk a little every hour.")
    select(body, "a little")
    page.get_by_role("toolbar", name="Formatting").get_by_role(
        "button", name="Bold"
    ).click()
    expect(body).to_have_value("## Morning stiffness\n\nWalk **a little** every hour.")

    preview = page.get_by_role("region", name="Live preview")
    expect(preview.locator("strong")).to_have_text("a little")
    expect(
        preview.get_by_role("heading", level=2, name="Morning stiffness")
    ).to_have_attribute("id", "morning-stiffness")
    expect(body).to_be_focused()  # back to writing

    # Debounced: more typing updates the preview once the editor pauses.
    body.press("End")
    body.press_sequentially("\n\n### Heat or ice")
    expect(preview.get_by_role("heading", level=3)).to_have_text("Heat or ice")

    assert page.evaluate("window.cspViolations") == []
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_toolbar_is_one_tab_stop_moved_along_with_arrow_keys(desktop_page):
    page = desktop_page
    make_editor("elena")
    sign_in(page, "elena")
    page.goto("/admin/articles/post/add/")
    body = page.get_by_label("Body")
    body.fill("Stretch")
    select(body, "Stretch")
    toolbar = page.get_by_role("toolbar", name="Formatting")

    body.press("Shift+Tab")
    heading = toolbar.get_by_role("button", name="Heading")
    expect(heading).to_be_focused()
    outline = heading.evaluate("b => getComputedStyle(b).outlineStyle")
    assert outline != "none"  # focus is visible
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    expect(toolbar.get_by_role("button", name="Numbered list")).to_be_focused()
    page.keyboard.press("Enter")
    expect(body).to_have_value("1. Stretch")
    expect(body).to_be_focused()

    # Keyboard shortcut in the text: Ctrl+B.
    body.press("End")
    body.press_sequentially(" now")
    select(body, "now")
    body.press("Control+b")
    expect(body).to_have_value("1. Stretch **now**")


def test_editor_inserts_a_body_image_from_the_chooser(desktop_page):
    page = desktop_page
    errors = watch_console(page)
    image = make_body_image("Side view of the lower spine", caption="L4 and L5")
    make_body_image("A heel from below")
    make_editor("elena")
    sign_in(page, "elena")
    page.goto("/admin/articles/post/add/")
    body = page.get_by_label("Body")
    body.fill("## Where it hurts")

    page.get_by_role("toolbar", name="Formatting").get_by_role(
        "button", name="Image"
    ).click()
    chooser = page.get_by_role("dialog", name="Insert an image")
    expect(chooser).to_be_visible()
    chooser.get_by_label("Find by alt text or caption").fill("spine")
    expect(chooser.get_by_role("button", name="A heel from below")).to_have_count(0)
    chooser.get_by_role("button", name="Side view of the lower spine").click()
    expect(chooser).to_be_hidden()
    expect(body).to_have_value(f"## Where it hurts\n\n![](image:{image.pk})\n")

    figure = page.get_by_role("region", name="Live preview").locator("figure")
    img = figure.get_by_role("img", name="Side view of the lower spine")
    expect(img).to_have_attribute("srcset", re.compile(r" 480w, .+ 800w, .+ 1200w$"))
    expect(figure.locator("figcaption")).to_have_text("L4 and L5")
    assert img.evaluate("i => i.complete && i.naturalWidth") > 0
    assert page.evaluate("window.cspViolations") == []
    assert not [e for e in errors if "Content Security Policy" in e], errors


def test_preview_sits_below_the_text_on_a_narrow_screen(page):
    make_editor("elena")
    sign_in(page, "elena")
    page.goto("/admin/articles/post/add/")
    body = page.get_by_label("Body")
    preview = page.get_by_role("region", name="Live preview")
    expect(preview).to_be_visible()
    text_box, preview_box = body.bounding_box(), preview.bounding_box()
    assert preview_box["y"] >= text_box["y"] + text_box["height"]
    assert page.evaluate("document.documentElement.scrollWidth") <= 360 + 1


def test_body_is_a_plain_textarea_without_javascript(browser, live_server):
    """No toolbar or preview; the text is saved and the full preview works."""
    editor = make_editor("elena")
    post = make_post(
        "Heel pain", status=Post.Status.DRAFT, author=editor, topics=[make_topic()]
    )
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    sign_in(page, "elena")
    page.goto(f"/admin/articles/post/{post.pk}/change/")
    expect(page.get_by_role("toolbar")).to_have_count(0)
    expect(page.get_by_role("region", name="Live preview")).to_have_count(0)
    page.get_by_label("Body").fill("## Without scripts\n\nStill **works**.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    page.get_by_role("link", name="Preview as it will look").click()
    expect(page.get_by_role("heading", name="Without scripts")).to_be_visible()
    context.close()
