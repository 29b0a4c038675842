"""A patient reaching out, in a real browser (Chromium via Playwright)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from attribution.models import CallClick
from leads.models import Lead
from outbox.models import OutboxEmail
from outbox.services import outbox_send_due
from tests.factories import make_post, make_topic

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def articles():
    sciatica = make_topic("Sciatica", slug="sciatica")
    return [
        make_post(f"Sciatica article {i}", topics=[sciatica], slug=f"sciatica-{i}")
        for i in range(3)
    ]


def fill_contact_form(page, *, name="Jamie Rivera", phone="(201) 555-0199"):
    form = page.locator("form.contact-form")
    form.get_by_label("Full name").fill(name)
    form.get_by_label("Phone", exact=True).fill(phone)
    form.get_by_label("Email", exact=True).fill("jamie@example.test")
    form.get_by_label("How can we help?").fill("Pain down my left leg for weeks.")
    form.get_by_label(re.compile("I agree that")).check()
    return form


def test_campaign_visitor_reads_three_articles_then_writes(
    page, articles, settings, mailoutbox
):
    """First touch = the campaign landing; the lead names the article it came from."""
    settings.LEADS_MIN_SECONDS = 1
    settings.EMAIL_BACKEND = "tests.outbox.failing_mail.FailingBackend"  # mail down
    first, second, third = articles

    page.goto(first.get_absolute_url() + "?utm_source=newsletter&utm_campaign=sciatica")
    page.goto("/articles/")
    page.get_by_role("link", name=second.title).click()
    page.get_by_role("link", name=third.title).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(third.title)

    form = fill_contact_form(page)
    expect(form.get_by_label("Topic")).to_have_value(str(third.topics.get().pk))
    page.wait_for_timeout(1100)
    form.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you, we received your message"
    )
    expect(page.get_by_text("what happens next", exact=False)).to_be_visible()

    lead = Lead.objects.get()
    assert not lead.is_spam
    assert lead.article == third
    assert lead.first_touch["utm_source"] == "newsletter"
    assert lead.first_touch["utm_campaign"] == "sciatica"
    assert lead.first_touch["landing_page"].startswith(first.get_absolute_url())
    assert lead.last_touch["utm_campaign"] == "sciatica"
    assert str(lead.phone) == "+12015550199"

    # The mail server was down: nothing went out, nothing was lost.
    assert outbox_send_due() == (0, 2)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutboxEmail.objects.update(next_attempt_at=lead.created_at)  # backoff has passed
    assert outbox_send_due() == (2, 0)
    assert {tuple(m.to) for m in mailoutbox} == {
        ("frontdesk@clinic.example",),
        ("jamie@example.test",),
    }

    # Back and send again: still one lead.
    page.go_back()
    if page.locator("form.contact-form").count():
        page.locator("form.contact-form").get_by_role(
            "button", name="Send message"
        ).click()
    assert Lead.objects.count() == 1


def test_bot_filling_the_honeypot_sees_thanks_and_is_flagged(page, articles, settings):
    settings.LEADS_MIN_SECONDS = 0
    page.goto(articles[0].get_absolute_url())
    form = fill_contact_form(page)
    # A bot fills every input, including the one people cannot see.
    page.locator("input[name=website]").fill("http://cheap-pills.test", force=True)
    form.get_by_role("button", name="Send message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you, we received your message"
    )
    lead = Lead.objects.get()
    assert lead.is_spam and "honeypot" in lead.spam_reasons
    assert outbox_send_due() == (0, 0)
    assert not OutboxEmail.objects.exists()


def test_honeypot_is_invisible_to_people(page):
    page.goto("/contact/")
    expect(page.get_by_label("Leave this field empty")).not_to_be_in_viewport()
    # Not in the accessibility tree, so screen readers never announce it.
    snapshot = page.locator("form.contact-form").aria_snapshot()
    assert "Leave this field empty" not in snapshot


def test_error_summary_takes_focus_and_links_to_fields(page):
    page.goto("/contact/")
    page.get_by_role("button", name="Send message").click()
    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Please enter your name.")
    summary.get_by_role("link", name="Please enter your name.").click()
    expect(page.get_by_label("Full name")).to_be_focused()
    assert not Lead.objects.exists()


def test_form_works_without_javascript(browser, live_server, settings):
    settings.LEADS_MIN_SECONDS = 0
    context = browser.new_context(java_script_enabled=False, base_url=live_server.url)
    page = context.new_page()
    page.goto("/contact/")
    fill_contact_form(page).get_by_role("button", name="Send message").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you, we received your message"
    )
    assert Lead.objects.count() == 1
    context.close()


def test_tapping_call_link_is_counted(page, articles):
    post = articles[0]
    page.goto(post.get_absolute_url() + "?utm_source=newsletter&utm_campaign=sciatica")
    # Stay on the page: the tel: navigation itself is the phone's business.
    page.route("tel:*", lambda route: route.abort())
    with page.expect_request("**/calls/") as beacon:
        page.locator("main a[href^='tel:']").first.click()
    assert beacon.value.method == "POST"
    page.wait_for_timeout(300)
    click = CallClick.objects.get()
    assert click.count == 1
    assert click.page == post.get_absolute_url()
    assert click.utm_campaign == "sciatica"


def log_in(page, username):
    from tests.factories import PASSWORD

    page.goto("/admin/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_front_desk_triages_a_lead(desktop_page, settings):
    """Overdue lead → assign → contacted with a note → found by phone → CSV."""

    from leads.models import AuditEntry
    from tests.factories import backdate, make_front_desk, make_lead

    page = desktop_page
    settings.LEADS_RESPONSE_TARGET_MINUTES = 15
    desk = make_front_desk("franco")
    lead = backdate(make_lead(name="Avery Thornbury", phone="+12015550188"), 40)

    log_in(page, "franco")
    expect(page.get_by_role("row", name=re.compile("Overdue leads"))).to_contain_text(
        "1"
    )
    page.get_by_role("link", name=re.compile("Overdue leads")).click()
    row = page.get_by_role("row", name=re.compile("Avery Thornbury"))
    expect(row).to_contain_text("Overdue")

    row.get_by_role("checkbox").check()
    page.get_by_role("combobox", name=re.compile("^Action")).select_option(
        label="Assign to me"
    )
    page.get_by_role("button", name="Go").click()
    expect(page.get_by_text("Assigned to you.")).to_be_visible()

    page.get_by_role("link", name="Avery Thornbury").click()
    page.get_by_label("Status").select_option(label="Contacted")
    page.get_by_label("Add a note").fill("Called back, booking next week.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_be_visible()

    page.goto("/admin/leads/lead/")  # the whole list, not just overdue ones
    page.get_by_role("textbox", name="Search").fill("(201) 555-0188")
    page.get_by_role("button", name="Search").click()
    row = page.get_by_role("row", name=re.compile("Avery Thornbury"))
    expect(row).to_contain_text("Contacted")
    expect(row).not_to_contain_text("Overdue")

    page.get_by_role("link", name="Avery Thornbury").click()
    expect(page.get_by_text("Note: Called back, booking next week.")).to_be_visible()
    expect(page.get_by_text("Status: New → Contacted")).to_be_visible()
    page.go_back()

    page.get_by_role("checkbox", name=re.compile("Select all objects")).check()
    page.get_by_role("combobox", name=re.compile("^Action")).select_option(
        label="Export as CSV"
    )
    with page.expect_download() as download:
        page.get_by_role("button", name="Go").click()
    csv_text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Avery Thornbury" in csv_text and "+12015550188" in csv_text

    lead.refresh_from_db()
    assert lead.owner == desk and lead.status == "contacted"
    entries = AuditEntry.objects.filter(user=desk)
    actions = list(entries.values_list("action", flat=True))
    views = entries.filter(action="view")
    assert views.filter(detail="").count() == 2  # the lead's page, twice
    # The phone search (shown again on Back, if the browser asks again).
    searches = views.filter(detail__startswith="search")
    assert searches.exists()
    assert all(entry.lead_ids == [lead.pk] for entry in searches)
    assert "export" in actions and "change" in actions

    # A superuser reads those views and the export in the audit log.
    from tests.factories import make_user

    make_user("root", is_superuser=True)
    page.context.clear_cookies()
    log_in(page, "root")
    page.goto("/admin/leads/auditentry/?username=franco")
    rows = page.get_by_role("row", name=re.compile("franco"))
    expect(rows.filter(has_text="Viewed")).to_have_count(views.count())
    expect(rows.filter(has_text="search")).to_have_count(searches.count())
    expect(rows.filter(has_text="Exported")).to_have_count(1)


def test_editor_finds_no_lead_pages(desktop_page):
    from tests.factories import make_editor, make_lead

    page = desktop_page
    lead = make_lead(name="Hidden Patient")
    make_editor("elena")
    log_in(page, "elena")
    expect(page.get_by_role("link", name="Posts", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="Leads", exact=True)).to_have_count(0)
    response = page.goto(f"/admin/leads/lead/{lead.pk}/change/")
    assert response.status == 403
    response = page.goto("/admin/leads/lead/?q=Hidden")
    assert response.status == 403
    expect(page.get_by_text("Hidden Patient")).to_have_count(0)


def test_superuser_sees_the_audit_log(desktop_page):
    from leads.models import AuditEntry
    from tests.factories import make_user

    AuditEntry.objects.create(
        action="export", username="franco", lead_ids=[1, 2], lead_count=2
    )
    make_user("root", is_superuser=True)
    log_in(desktop_page, "root")
    desktop_page.goto("/admin/leads/auditentry/")
    row = desktop_page.get_by_role("row", name=re.compile("franco"))
    expect(row).to_contain_text("Exported")
    expect(
        desktop_page.get_by_role("link", name=re.compile("Add audit"))
    ).to_have_count(0)
