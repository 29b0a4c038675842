"""The condition checker in a real browser (Chromium via Playwright)."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Topic
from tests.factories import (
    PASSWORD,
    make_editor,
    make_post,
)

pytestmark = pytest.mark.django_db(transaction=True)


def choose(page, label, button="Next"):
    page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name=button).click()


def test_patient_uses_the_condition_checker_and_writes_in(page, settings):
    """Heel, months, mornings → plantar fasciitis articles → lead with the answers."""
    from leads.models import Lead
    from tests.factories import make_checker

    settings.LEADS_MIN_SECONDS = 0
    rules = make_checker()
    plantar = Topic.objects.get(slug="plantar-fasciitis")
    make_post("Why your heel hurts in the morning", topics=[plantar])
    make_post("Stretches for plantar fasciitis", topics=[plantar])

    page.goto("/")
    page.get_by_role("link", name="Condition checker").first.click()
    expect(page.get_by_text("Step 1 of 6")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_be_focused()
    choose(page, "None of these")
    expect(page.get_by_text("Step 2 of 6")).to_be_visible()
    expect(page.get_by_role("heading", name="Where does it hurt?")).to_be_focused()
    choose(page, "Heel")
    choose(page, "Months or longer")
    # Back keeps the answer given.
    page.get_by_role("button", name="Back").click()
    expect(page.get_by_label("Months or longer")).to_be_checked()
    choose(page, "Months or longer")
    choose(page, "Mornings, first steps out of bed")
    choose(page, "No")
    choose(page, "No", button="See my result")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Conditions people with answers like yours often read about"
    )
    expect(page.get_by_text("This is not a diagnosis.")).to_be_visible()
    expect(
        page.get_by_role("link", name="Plantar fasciitis", exact=True)
    ).to_be_visible()
    expect(
        page.get_by_role("link", name="Why your heel hurts in the morning")
    ).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    form = page.locator("form.contact-form")
    expect(form.get_by_label("Topic")).to_have_value(str(plantar.pk))
    form.get_by_label("Full name").fill("Sam Okafor")
    form.get_by_label("Phone", exact=True).fill("201-555-0144")
    form.get_by_label("How can we help?").fill("It hurts most in the morning.")
    form.get_by_label("Attach a short summary of my answers").check()
    form.get_by_label(re.compile("I agree that")).check()
    form.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you, we received your message"
    )
    lead = Lead.objects.get()
    assert lead.checker_version == rules.version
    assert "Where does it hurt? Heel" in lead.checker_summary


def test_red_flag_answer_shows_emergency_message_only(page):
    from tests.factories import make_checker

    make_checker()
    page.goto("/condition-checker/")
    page.get_by_label(re.compile("Loss of bladder or bowel control")).check()
    page.get_by_role("button", name="Next").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Please get urgent medical care now"
    )
    expect(page.get_by_role("link", name="Call 911")).to_be_visible()
    expect(page.get_by_role("heading", name="Articles to read")).to_have_count(0)
    expect(page.locator("form.contact-form")).to_have_count(0)


def test_editor_changes_a_rule_previews_and_publishes_it(
    desktop_page, browser, live_server
):
    from checker.models import RuleSet
    from tests.factories import make_checker

    page = desktop_page
    live = make_checker()
    make_editor("elena")
    page.goto("/admin/")
    page.get_by_label("Username").fill("elena")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.get_by_role("link", name="Checker rule sets").click()

    page.get_by_role("checkbox", name=re.compile(f"v{live.version}")).check()
    page.get_by_role("combobox", name=re.compile("^Action")).select_option(
        label="Copy to a new draft"
    )
    page.get_by_role("button", name="Go").click()
    page.get_by_role("link", name=re.compile("Copy of v1")).click()

    # The knee now points patients to foot and ankle reading instead.
    expect(page.get_by_label("Reviewed on")).to_be_visible()  # the draft's page
    for select in page.locator("select[name$='-topic']").all():
        if select.evaluate("s => s.options[s.selectedIndex].text") == "Knee pain":
            select.select_option(label="Foot and ankle")
    page.get_by_label("Reviewer").select_option(index=1)
    page.get_by_label("Reviewed on").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    draft = RuleSet.objects.get(status="draft")
    page.get_by_role("link", name="Try this version of the checker").click()
    expect(page.get_by_text(f"Preview of rule set v{draft.version}")).to_be_visible()
    for label in ["None of these", "Knee", "Weeks", "Walking", "No"]:
        choose(page, label)
    choose(page, "No", button="See my result")
    expect(page.get_by_role("link", name="Foot and ankle")).to_be_visible()

    # The public still sees the live version until the draft is published.
    visitor = browser.new_context(base_url=live_server.url).new_page()
    visitor.goto("/condition-checker/")
    for label in ["None of these", "Knee", "Weeks", "Walking", "No"]:
        choose(visitor, label)
    choose(visitor, "No", button="See my result")
    expect(visitor.get_by_role("link", name="Knee pain")).to_be_visible()

    page.goto("/admin/checker/ruleset/")
    page.get_by_role("checkbox", name=re.compile(f"v{draft.version}")).check()
    page.get_by_role("combobox", name=re.compile("^Action")).select_option(
        label="Make live (replaces the live version)"
    )
    page.get_by_role("button", name="Go").click()
    expect(page.locator(".messagelist")).to_contain_text(
        f"Version {draft.version} is now live."
    )

    visitor.goto("/condition-checker/")
    for label in ["None of these", "Knee", "Weeks", "Walking", "No"]:
        choose(visitor, label)
    choose(visitor, "No", button="See my result")
    expect(visitor.get_by_role("link", name="Foot and ankle")).to_be_visible()
    expect(visitor.get_by_role("link", name="Knee pain")).to_have_count(0)
    visitor.context.close()
