"""The campaign report's CSV download: small counts, what would give them
away, and cells a spreadsheet cannot run."""

import csv
import io
import re
from datetime import date

import pytest
from django.urls import reverse

from clinic.spreadsheets import spreadsheet_safe
from leads.models import Lead
from tests.campaigns.test_report import PERIOD, URL, lead, spend

pytestmark = pytest.mark.django_db


def csv_rows(response):
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_csv_writes_small_counts_and_what_gives_them_away_as_under_5(marketing):
    """In the CSV, counts 1 to 4 and the costs and median that would reveal them
    are "<5"; 0 stays 0, 7 stays 7."""
    spend(date(2025, 3, 5), "70.00", source="news", campaign="big")
    spend(date(2025, 3, 5), "30.00", source="news", campaign="small")
    for n in range(7):
        lead(
            date(2025, 3, 6),
            "news",
            "big",
            contacted=10 + n,
            reached=[Lead.Status.BOOKED] if n < 3 else [],
        )
    for _n in range(3):
        lead(date(2025, 3, 6), "news", "small", contacted=5)
    response = marketing.get(reverse(URL), {**PERIOD, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == (
        'attachment; filename="campaigns-2025-03-01-2025-03-31.csv"'
    )
    assert "no-store" in response["Cache-Control"]
    header, big, small, total = csv_rows(response)
    assert header[:5] == ["Source", "Campaign", "Spend (USD)", "Visits", "Leads"]
    # visits, leads, calls, booked, patients, per lead, per booked, median.
    # The one small lead count would be the total (10) minus big's 7, so big's
    # leads are hidden too, with what reveals them; booked (3) is big's only.
    assert big[2:] == [
        "70.00", "0", "suppressed", "0", "<5", "0", "suppressed", "<5", "suppressed"
    ]  # fmt: skip
    assert small[2:] == ["30.00", "0", "<5", "0", "0", "0", "<5", "", "<5"]
    assert total[:2] == ["Total", ""]
    assert total[2:] == ["100.00", "0", "10", "0", "<5", "0", "10.00", "<5", "12"]


def test_the_totals_row_cannot_give_a_small_count_away(marketing):
    """With two small lead counts in a column nothing more is hidden (their
    sum is all the totals tell); with one, the next smallest count is hidden."""
    for campaign, leads in (("a", 2), ("b", 3), ("c", 9), ("d", 6)):
        for _n in range(leads):
            lead(date(2025, 3, 6), "news", campaign)
    rows = csv_rows(marketing.get(reverse(URL), {**PERIOD, "format": "csv"}))
    leads_column = {row[1]: row[4] for row in rows[1:]}
    assert leads_column == {"a": "<5", "b": "<5", "c": "9", "d": "6", "": "20"}


def test_html_page_shows_exact_small_counts(marketing):
    """The page (for superusers and Marketing) shows small counts as they are."""
    lead(date(2025, 3, 6), "news", "small")
    html = marketing.get(reverse(URL), PERIOD).content.decode()
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert "&lt;5" not in body
    row = re.search(r"<tr><td>news</td><th scope=\"row\">small</th>(.*?)</tr>", body)
    cells = re.findall(r"<td>(.*?)</td>", row[1])
    assert cells[2] == "1"  # spend, visits, then leads: exactly one


def test_csv_cells_cannot_run_as_spreadsheet_formulas(marketing):
    """Text starting with =, +, -, @, tab or CR gets a leading apostrophe."""
    lead(date(2025, 3, 6), "=cmd", '=HYPERLINK("http://x.test")')
    lead(date(2025, 3, 6), "news", "-5% off")
    rows = csv_rows(marketing.get(reverse(URL), {**PERIOD, "format": "csv"}))
    cells = {cell for row in rows for cell in row}
    assert "'=cmd" in cells and '\'=HYPERLINK("http://x.test")' in cells
    assert "'-5% off" in cells
    for text in ["+1", "@SUM(A1)", "\tx", "\rx"]:
        assert spreadsheet_safe(text) == "'" + text
    assert spreadsheet_safe("spring") == "spring"
