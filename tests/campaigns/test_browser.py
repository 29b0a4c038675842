"""What the ads bring, in Chromium: a superuser uploads a spend file, opens the
campaign report, and downloads the conversions file for Google."""

import csv
import io
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from campaigns.models import AdSpend, ExportedConversion
from leads.models import AuditEntry, Lead, LeadEvent
from tests.factories import make_lead, make_user
from tests.leads.test_browser import log_in

pytestmark = pytest.mark.django_db(transaction=True)


def spend_file(tmp_path):
    """A Google Ads campaign report as its CSV download lays it out."""
    day = timezone.localdate() - timedelta(days=1)
    path = tmp_path / "google-campaigns.csv"
    path.write_text(
        "Campaign report\n"
        "Last 7 days\n"
        "Day,Campaign,Currency code,Cost\n"
        f'{day.isoformat()},back-pain-search,USD,"1,200.00"\n'
        f"{day.isoformat()},brand,USD,30.00\n"
        'Total: Account,,USD,"1,230.00"\n'
    )
    return path


def booked_lead_from_google():
    lead = make_lead(
        name="Oriel Brightwater",
        first_touch={"utm_source": "google", "utm_campaign": "back-pain-search"},
        last_touch={
            "utm_source": "google",
            "utm_campaign": "back-pain-search",
            "gclid": "Cj0KCQtest-browser-1",
        },
        utm_source="google",
        utm_campaign="back-pain-search",
        status=Lead.Status.BOOKED,
        first_contacted_at=timezone.now(),
    )
    LeadEvent.objects.create(
        lead=lead, kind=LeadEvent.Kind.STATUS, from_status="new", to_status="booked"
    )
    return lead


def test_a_superuser_uploads_spend_reads_the_report_and_downloads_conversions(
    desktop_page, tmp_path
):
    page = desktop_page
    make_user("owner", is_superuser=True)
    lead = booked_lead_from_google()
    log_in(page, "owner")

    # Upload the spend file for the source "google".
    page.goto("/admin/campaigns/adspend/")
    page.get_by_role("link", name="Upload a spend file").click()
    page.get_by_label("Spend file (CSV)").set_input_files(spend_file(tmp_path))
    page.get_by_label("Source").fill("Google")
    page.get_by_role("button", name="Upload and import").click()
    expect(page.locator(".messagelist")).to_contain_text("2 created")
    assert AdSpend.objects.count() == 2
    assert set(AdSpend.objects.values_list("source", flat=True)) == {"google"}

    # The report: the campaign's spend, its lead and its booking.
    page.get_by_role("link", name="Campaign report").first.click()
    page.get_by_role("button", name="Show the report").click()
    row = page.locator("#campaign-report tbody tr", has_text="back-pain-search")
    expect(row).to_contain_text("1,200.00")
    # Source, then spend, visits, leads, calls, booked, …
    cells = row.locator("td")
    expect(cells.nth(3)).to_have_text("1")  # leads
    expect(cells.nth(5)).to_have_text("1")  # booked
    expect(page.locator("body")).not_to_contain_text("Oriel")
    expect(page.locator("svg[role=img]")).to_be_visible()

    # The conversions file for Google: the click id, the name and the time.
    page.goto("/admin/campaigns/conversionexport/")
    page.get_by_role("link", name="Download conversions").click()
    page.get_by_label("Conversions since").fill(
        (timezone.localdate() - timedelta(days=7)).isoformat()
    )
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Download the CSV file").click()
    download = download_info.value
    assert download.suggested_filename.startswith("conversions-google-")
    rows = list(csv.reader(io.StringIO(download.path().read_text())))
    assert rows[0] == [
        "Google Click ID",
        "GBRAID",
        "WBRAID",
        "Conversion Name",
        "Conversion Time",
    ]
    assert rows[1][:4] == ["Cj0KCQtest-browser-1", "", "", "Booked appointment"]
    assert len(rows) == 2
    assert ExportedConversion.objects.get().lead == lead
    assert AuditEntry.objects.filter(action="export", lead_ids=[lead.pk]).exists()
