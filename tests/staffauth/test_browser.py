"""Signing in with a second factor, in a real browser (Chromium via Playwright)."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.factories import PASSWORD, make_front_desk, make_lead

pytestmark = pytest.mark.django_db(transaction=True)
LEAD_LIST = "/admin/leads/lead/"
KEY = re.compile(r"^[A-Z2-7]{4}( [A-Z2-7]{4})+$")


def code_for(key_text):
    """What an authenticator app shows for the key typed in by hand."""
    return f"{totp(b32decode(key_text.replace(' ', ''))):06d}"


def test_front_desk_reaches_leads_only_after_setting_up_a_second_factor(page, settings):
    """With STAFF_MFA_REQUIRED on, a password alone shows no lead; an app does."""
    settings.STAFF_MFA_REQUIRED = True
    make_lead(name="Zephyrine Quillfeather")
    user = make_front_desk("frontdesk")

    page.goto(LEAD_LIST)
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()

    # A password alone: the set-up page, not the lead list.
    expect(
        page.get_by_role("heading", name="Set up your second factor")
    ).to_be_visible()
    expect(
        page.get_by_role("img", name="QR code for your authenticator app")
    ).to_be_visible()
    page.goto(LEAD_LIST)
    expect(
        page.get_by_role("heading", name="Set up your second factor")
    ).to_be_visible()
    expect(page.get_by_text("Quillfeather")).to_have_count(0)

    # A wrong code: the error is next to the field, which keeps the focus.
    field = page.get_by_label("6-digit code from your authenticator app")
    field.fill("000000")
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_text("That code does not match")).to_be_visible()
    expect(field).to_be_focused()
    expect(field).to_have_attribute("aria-invalid", "true")

    page.wait_for_timeout(1100)  # django-otp's wait after a wrong code
    key = page.get_by_text(KEY).inner_text()
    field.fill(code_for(key))
    page.get_by_role("button", name="Confirm").click()

    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    expect(page.locator("li code")).to_have_count(10)
    page.get_by_role("link", name="I have kept them, continue").click()
    expect(page).to_have_url(re.compile(re.escape(LEAD_LIST) + r"$"))
    expect(page.get_by_role("link", name="Zephyrine Quillfeather")).to_be_visible()
