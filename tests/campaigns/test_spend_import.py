"""Reading the ad platforms' spend exports and importing them, all or nothing.
The sample files are written here from the platforms' documented shapes."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from campaigns import spend
from campaigns.models import AdSpend
from campaigns.spend import (
    SpendFileError,
    SpendImportError,
    parse_cost,
    parse_date,
    parse_spend_file,
    spend_import,
)
from tests.factories import make_location, make_user

TODAY = date(2026, 11, 20)

GOOGLE = """Campaign report
"November 1, 2026 - November 2, 2026"
Day,Campaign,Campaign status,Currency code,Cost,Impr.,Clicks
2026-11-01,Knee pain - Search,Enabled,USD,"1,234.50",1000,50
2026-11-01,Back pain - Search,Enabled,USD,12.00,300,9
2026-11-02,Knee pain - Search,Enabled,USD, --,0,0
2026-11-02,Back pain - Search,Enabled,USD,$20.10,310,11

Total: Account,,,USD,"1,266.60",1610,70
Total: Search campaigns,,,USD,"1,266.60",1610,70
"""

MICROSOFT = """\ufeff"Report Name: Campaign performance"
"Report Time: 11/1/2026 - 11/3/2026"
"Time Zone: (GMT-05:00) Eastern Time (US & Canada)"
"Rows: 4"

"Gregorian date","Account name","Campaign name","Impressions","Spend","Currency code"
"11/1/2026","Clinic","Knee pain","500","40.25","USD"
"11/2/2026","Clinic","Knee pain","450","38.00","USD"
"11/2/2026","Clinic","Knee pain","100","2.00","USD"
"11/3/2026","Clinic","Shoulder","80","9.99","USD"

"©2026 Microsoft Corporation. All rights reserved."
"""

META = """Reporting starts,Reporting ends,Campaign name,Day,Amount spent (USD),Reach
2026-10-01,2026-10-31,Spring checkups,2026-10-05,15.5,900
2026-10-01,2026-10-31,Spring checkups,2026-10-06,0,0
2026-10-01,2026-10-31,Sports injuries,2026-10-06,7.25,410
"""


@pytest.fixture(autouse=True)
def _today(time_machine):
    time_machine.move_to("2026-11-20 15:00:00+00:00", tick=False)


def parse(text, encoding="utf-8"):
    return parse_spend_file(text.encode(encoding), today=TODAY)


def stored(source):
    return {
        (row.day, row.campaign): row.cost
        for row in AdSpend.objects.filter(source=source)
    }


def test_google_report_skips_its_title_lines_and_totals():
    """Title lines, a blank row and "Total:" rows are skipped; "--" is 0."""
    parsed = parse(GOOGLE)
    assert parsed.error_count == 0
    assert parsed.skipped == 3
    assert parsed.costs == {
        (date(2026, 11, 1), "Knee pain - Search"): Decimal("1234.50"),
        (date(2026, 11, 1), "Back pain - Search"): Decimal("12.00"),
        (date(2026, 11, 2), "Knee pain - Search"): Decimal("0.00"),
        (date(2026, 11, 2), "Back pain - Search"): Decimal("20.10"),
    }


def test_microsoft_report_adds_up_rows_of_one_day_and_campaign():
    """BOM, preamble and copyright line are fine; split rows are summed."""
    parsed = parse(MICROSOFT)
    assert parsed.error_count == 0
    assert parsed.costs == {
        (date(2026, 11, 1), "Knee pain"): Decimal("40.25"),
        (date(2026, 11, 2), "Knee pain"): Decimal("40.00"),
        (date(2026, 11, 3), "Shoulder"): Decimal("9.99"),
    }
    assert parsed.skipped == 2  # the blank line and the copyright line


def test_meta_report_takes_the_day_column_and_the_currency_in_its_header():
    parsed = parse(META)
    assert parsed.error_count == 0
    assert parsed.costs == {
        (date(2026, 10, 5), "Spring checkups"): Decimal("15.50"),
        (date(2026, 10, 6), "Spring checkups"): Decimal("0.00"),
        (date(2026, 10, 6), "Sports injuries"): Decimal("7.25"),
    }


def test_excel_csv_from_google_is_read_as_utf16_with_tabs():
    tabbed = io.StringIO()
    writer = csv.writer(tabbed, delimiter="\t", lineterminator="\r\n")
    writer.writerows(csv.reader(io.StringIO(GOOGLE)))
    parsed = parse(tabbed.getvalue(), encoding="utf-16")
    assert parsed.skipped == 3
    assert parsed.error_count == 0
    assert parsed.costs[(date(2026, 11, 1), "Knee pain - Search")] == Decimal("1234.50")
    assert len(parsed.costs) == 4


def test_a_campaign_named_total_is_not_a_total_row():
    parsed = parse("Campaign,Day,Cost\nTotal knee,2026-11-01,5\nTotal: Account,,5\n")
    assert parsed.costs == {(date(2026, 11, 1), "Total knee"): Decimal("5.00")}
    assert parsed.skipped == 1


def test_semicolons_and_decimal_commas_are_read():
    parsed = parse("Date;Campaign;Cost\n03/11/2026;Knee;1.234,50\n")
    assert parsed.costs == {(date(2026, 3, 11), "Knee"): Decimal("1234.50")}


@pytest.mark.django_db
def test_importing_the_same_file_again_replaces_and_never_doubles():
    user = make_user()
    first = spend_import(parsed=parse(GOOGLE), source=" Google ", by=user)
    assert (first.created, first.replaced, first.unchanged) == (4, 0, 0)
    assert (first.days, first.first_day, first.last_day) == (
        2,
        date(2026, 11, 1),
        date(2026, 11, 2),
    )
    before = stored("google")
    again = spend_import(parsed=parse(GOOGLE), source="google", by=user)
    assert (again.created, again.replaced, again.unchanged) == (0, 0, 4)
    assert stored("google") == before
    assert AdSpend.objects.count() == 4
    assert sum(before.values()) == Decimal("1266.60")
    assert set(AdSpend.objects.values_list("updated_by", flat=True)) == {user.pk}


@pytest.mark.django_db
def test_a_changed_cost_replaces_the_days_figure():
    spend_import(parsed=parse(GOOGLE), source="google")
    changed = GOOGLE.replace("$20.10", "25.00")
    result = spend_import(parsed=parse(changed), source="google")
    assert (result.created, result.replaced, result.unchanged) == (0, 1, 3)
    assert stored("google")[(date(2026, 11, 2), "Back pain - Search")] == Decimal(
        "25.00"
    )
    assert AdSpend.objects.count() == 4


@pytest.mark.django_db
def test_sources_and_offices_are_kept_apart():
    office = make_location()
    spend_import(parsed=parse(GOOGLE), source="google")
    result = spend_import(parsed=parse(GOOGLE), source="google", location=office)
    assert result.created == 4
    spend_import(parsed=parse(GOOGLE), source="bing")
    assert AdSpend.objects.count() == 12


BAD = """Campaign report
All time
Day,Campaign,Cost,Currency code
2026-11-01,A,10.00,USD
2026-13-01,A,10.00,USD
2026-11-02,,5.00,USD

2026-11-03,B,-4.00,USD
2026-11-03,C,,USD
2026-11-04,"Two
lines",3,USD
2026-11-05,D,3.00,EUR
2099-01-01,E,1,USD
2026-11-06,F,abc,USD
"""


@pytest.mark.django_db
def test_bad_rows_are_listed_by_line_and_nothing_is_imported():
    AdSpend.objects.create(
        day=date(2026, 11, 1), source="google", campaign="A", cost=1, currency="USD"
    )
    parsed = parse(BAD)
    lines = [error.line for error in parsed.errors]
    assert lines == [5, 6, 8, 9, 12, 13, 14]
    messages = dict((error.line, error.message) for error in parsed.errors)
    assert "not a date" in messages[5]
    assert "campaign name is empty" in messages[6]
    assert "negative" in messages[8]
    assert "cost is empty" in messages[9]
    assert "kept in USD and not converted" in messages[12]
    assert "in the future" in messages[13]
    assert "not a cost" in messages[14]
    with pytest.raises(SpendImportError) as raised:
        spend_import(parsed=parsed, source="google")
    assert len(raised.value.errors) == 7
    assert stored("google") == {(date(2026, 11, 1), "A"): Decimal("1.00")}


def test_a_file_in_another_currency_is_refused_at_its_header():
    parsed = parse(META.replace("(USD)", "(EUR)"))
    assert [(e.line, e.message) for e in parsed.errors] == [
        (
            1,
            "The currency is EUR, but spend is kept in USD and not converted: "
            "export the report in USD.",
        )
    ]
    parsed = parse(MICROSOFT.replace('"USD"', '"CAD"'))
    assert [e.line for e in parsed.errors] == [7, 8, 9, 10]


@pytest.mark.parametrize(
    "data, message",
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40, "not a CSV text file"),
        ("Day,Campaign,Cost\n2026-11-01,Café,1\n".encode("latin-1"), "not a CSV"),
        (b"", "empty"),
        (b"Day,Campaign,Cost\r\n\r\n", "no rows of spend"),
        (b"Name,Phone\nA,1\n", "No header row"),
        (b"x" * (spend.MAX_BYTES + 1), "the limit is 5 MB"),
        (b"a" * 200_000 + b"\nDay,Campaign,Cost\n", "Line 1 cannot be read"),
        (b'Day,Campaign,Cost\n2026-11-01,"' + b"a" * 200_000, "Line 2 cannot be read"),
    ],
)
def test_files_that_cannot_be_read_get_one_clear_message(data, message):
    with pytest.raises(SpendFileError, match=message):
        parse_spend_file(data, today=TODAY)


def test_too_many_rows_are_refused(monkeypatch):
    monkeypatch.setattr(spend, "MAX_ROWS", 3)
    rows = "".join(f"2026-11-0{n},A,1\n" for n in range(1, 6))
    with pytest.raises(SpendFileError, match="more than 3 rows"):
        parse("Day,Campaign,Cost\n" + rows)


@pytest.mark.django_db
def test_formula_like_campaign_names_are_stored_as_plain_text():
    """Stored as sent; whatever exports them later must neutralise them."""
    name = "=cmd|' /C calc'!A0"
    parsed = parse(f'Day,Campaign,Cost\n2026-11-01,"{name}",1\n2026-11-01,@SUM(1),2\n')
    spend_import(parsed=parsed, source="google")
    assert set(AdSpend.objects.values_list("campaign", flat=True)) == {
        name,
        "@SUM(1)",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("source", ["", "  ", "google ads", "g" * 201, "bing/x"])
def test_a_source_must_look_like_a_utm_source(source):
    with pytest.raises(Exception, match="source"):
        spend_import(parsed=parse(GOOGLE), source=source)
    assert not AdSpend.objects.exists()


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.decimals(min_value=0, max_value=10**9, places=2))
def test_costs_read_back_in_every_written_form(cost):
    for text in [f"{cost}", f"${cost:,.2f}", f"{cost:,.2f} USD", f"USD {cost:.2f}"]:
        assert parse_cost(text, currency="USD") == cost


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.decimals(min_value="0.01", max_value=10**6, places=2))
def test_negative_costs_are_errors(cost):
    for text in [f"-{cost}", f"-${cost}", f"({cost})", f"{cost}-"]:
        with pytest.raises(ValueError, match="negative"):
            parse_cost(text)


@pytest.mark.parametrize(
    "text", ["9" * 29, "1" + "0" * 40 + ".5", "12345678901", "1e9999", "9" * 400]
)
def test_costs_too_long_to_be_true_are_bad_rows_not_errors(text):
    """A hostile file's endless cost is a bad row with a message (a number
    too long for a Decimal's context once raised InvalidOperation, a 500)."""
    with pytest.raises(ValueError, match="too large|not a cost"):
        parse_cost(text)
    parsed = parse_spend_file(f"Day,Campaign,Cost\n2025-01-01,Spring,{text}\n".encode())
    assert parsed.error_count == 1 and not parsed.costs


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dates(min_value=date(2000, 1, 1), max_value=TODAY))
def test_days_read_back_in_every_written_form(day):
    for text in [
        day.isoformat(),
        f"{day.month}/{day.day}/{day.year}",
        day.strftime("%b %d, %Y").replace(" 0", " "),
        f"{day.day} {day:%b %Y}",
        f"{day.day} {day:%B %Y}",
    ]:
        assert parse_date(text, today=TODAY) == day


def test_a_day_after_today_is_an_error():
    with pytest.raises(ValueError, match="future"):
        parse_date((TODAY + timedelta(days=1)).isoformat(), today=TODAY)
