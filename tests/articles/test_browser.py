"""Reading and publishing articles in a real browser (Chromium via Playwright)."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import (
    make_post,
    make_reviewer,
    make_topic,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_patient_reads_an_article_on_a_phone(page):
    """At 360 px: skip link first, reviewer line, related posts, call link."""
    back = make_topic("Back pain", slug="back-pain")
    reviewer = make_reviewer("Dana Whitfield", credentials="MD, FAAOS", slug="dana")
    post = make_post(
        "Easing a stiff lower back",
        topics=[back],
        reviewer=reviewer,
        body="## What helps\n\nGentle walking every day.\n\n## When to call\n\nSoon.",
    )
    make_post("Sitting without a sore back", topics=[back])

    page.goto("/")
    page.get_by_role("link", name="Easing a stiff lower back").click()
    expect(page).to_have_url(re.compile(post.get_absolute_url() + "$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(post.title)
    expect(page.get_by_text("Medically reviewed by")).to_contain_text(
        "Dana Whitfield, MD, FAAOS"
    )

    # The first Tab reaches "Skip to content", which moves focus to the main content.
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()

    related = page.get_by_role("region", name="Related posts")
    expect(
        related.get_by_role("link", name="Sitting without a sore back")
    ).to_be_visible()
    call = page.locator("main a[href^='tel:']").first
    expect(call).to_have_attribute("href", "tel:+12015550142")

    # Nothing wider than the phone screen.
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360

    # The reviewer's name leads to their profile.
    page.get_by_role("link", name="Dana Whitfield, MD, FAAOS").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Dana Whitfield, MD, FAAOS"
    )


def test_patient_searches_for_an_article(page):
    make_post("Sciatica: nerve pain down the leg", body="Sciatic nerve irritation.")
    make_post("Knee pain when climbing stairs", body="Stairs and cartilage.")
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Search"
    ).click()
    page.get_by_label("Search articles").fill("sciatica")
    page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name=re.compile("1 result"))).to_be_visible()
    expect(
        page.get_by_role("link", name="Sciatica: nerve pain down the leg")
    ).to_be_visible()
    expect(
        page.get_by_role("link", name="Knee pain when climbing stairs")
    ).to_have_count(0)


def test_pages_work_without_javascript(browser, live_server):
    post = make_post("Readable without scripts")
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto(post.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(post.title)
    page.goto("/search/?q=readable")
    expect(page.get_by_role("link", name=post.title)).to_be_visible()
    context.close()
