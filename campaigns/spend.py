"""
Ad spend from the ad platforms' own report exports (Google Ads, Microsoft
Advertising, Meta): reading a file into spend per day and campaign, and
importing it for one source, all or nothing. Forms and views live elsewhere.

Campaign names are stored as text, exactly as the file has them, even when one
starts with "=", "+", "-" or "@": whatever exports them again to a spreadsheet
must neutralise such cells there.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from campaigns.models import AdSpend

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
MAX_LISTED_ERRORS = 200
HEADER_SEARCH_LINES = 20
DELIMITERS = (",", "\t", ";")
MAX_COST = Decimal("9999999999.99")  # AdSpend.cost: 12 digits, 2 decimals

# The column names each platform's export uses, the preferred one first.
HEADERS = {
    "date": ("day", "date", "gregorian date", "time period", "reporting starts"),
    "campaign": ("campaign", "campaign name"),
    "cost": ("cost", "spend", "amount spent"),
    "currency": ("currency", "currency code"),
}
COST_WITH_CURRENCY = re.compile(r"amount spent \(([a-z]{3})\)")
NUMERIC_DATES = ("%Y-%m-%d", "%m/%d/%Y")  # ISO, and US (month first)
WRITTEN_DATES = ("%b %d, %Y", "%B %d, %Y", "%d %b %Y", "%d %B %Y")
SOURCE_PATTERN = re.compile(r"[a-z0-9._-]+")
CURRENCY_CODE = re.compile(r"[A-Za-z]{3}")
CURRENCY_SYMBOLS = "$€£¥"
# "USD 12.00" or "12.00 USD": a currency code before or after the amount.
CODE_AND_AMOUNT = re.compile(
    r"([A-Za-z]{3})\s*([^A-Za-z]*\d[^A-Za-z]*)|([^A-Za-z]*\d[^A-Za-z]*?)\s*([A-Za-z]{3})"
)
LINE_BREAK = re.compile(r"\r\n|\r|\n")
# C0 control characters other than tab and line breaks: a sign of a binary file.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class SpendFileError(Exception):
    """The file as a whole cannot be read as a spend export (one message)."""


class SpendImportError(Exception):
    """Nothing was imported: `message` says why, `errors` lists bad lines."""

    def __init__(self, message, errors=()):
        super().__init__(message)
        self.message = message
        self.errors = list(errors)


@dataclass(frozen=True)
class LineError:
    line: int  # 1-based physical line, as a spreadsheet numbers it
    message: str


@dataclass
class ParsedSpend:
    """What a file says: cost per (day, campaign), in `currency`."""

    currency: str
    costs: dict = field(default_factory=dict)
    skipped: int = 0  # blank, total and footer rows
    errors: list = field(default_factory=list)  # the first MAX_LISTED_ERRORS
    error_count: int = 0

    def add_error(self, line, message):
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(LineError(line, message))


@dataclass(frozen=True)
class SpendImportResult:
    created: int
    replaced: int
    unchanged: int
    skipped: int
    days: int
    first_day: date
    last_day: date


def normalize_source(value):
    """The source as utm_source carries it: stripped, lowercase, and made of
    letters, digits, "-", "_" and "." only."""
    source = (value or "").strip().lower()
    if not source:
        raise ValidationError("Enter the source, such as google.", code="required")
    if len(source) > 200:
        raise ValidationError(
            "The source is longer than 200 characters.", code="max_length"
        )
    if not SOURCE_PATTERN.fullmatch(source):
        raise ValidationError(
            "Use letters, digits, “-”, “_” and “.” only in the source, as in "
            "utm_source (for example google or bing).",
            code="invalid",
        )
    return source


def decode_spend_file(data):
    """The file's text: UTF-8 (with or without BOM) or UTF-16 with BOM."""
    if len(data) > MAX_BYTES:
        raise SpendFileError(
            f"The file is {len(data) / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_BYTES // 1024 // 1024} MB. Export a shorter date range."
        )
    if not data.strip():
        raise SpendFileError("The file is empty.")
    utf16 = data.startswith((b"\xff\xfe", b"\xfe\xff"))
    try:
        text = data.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError:
        text = "\x00"  # not text, as below
    if CONTROL.search(text):
        raise SpendFileError(
            "This is not a CSV text file the upload can read. Export the report "
            "from the ad platform as CSV (UTF-8, or Excel CSV) and upload that "
            "file as it is."
        )
    return text


def _header_key(cell):
    return " ".join(cell.replace("\ufeff", "").split()).lower()


def _find_columns(cells):
    """{"date": i, "campaign": i, "cost": i, "currency": i or None,
    "header_currency": code or None} when `cells` name the three needed
    columns, else the names of the missing ones (a set)."""
    keys = [_header_key(cell) for cell in cells]
    columns = {"currency": None, "header_currency": None}
    for name, aliases in HEADERS.items():
        found = [keys.index(alias) for alias in aliases if alias in keys]
        if found:
            columns[name] = found[0]
    if "cost" not in columns:
        for i, key in enumerate(keys):
            if match := COST_WITH_CURRENCY.fullmatch(key):
                columns["cost"] = i
                columns["header_currency"] = match[1].upper()
                break
    missing = {"date", "campaign", "cost"} - columns.keys()
    return missing or columns


def _find_header(text):
    """(line number, delimiter, columns) of the first of the first lines that
    names a date, a campaign and a cost column."""
    lines = LINE_BREAK.split(text, maxsplit=HEADER_SEARCH_LINES)
    closest = {"date", "campaign", "cost"}
    for number, line in enumerate(lines[:HEADER_SEARCH_LINES], start=1):
        for delimiter in DELIMITERS:
            cells = next(csv.reader([line[:5000]], delimiter=delimiter), [])
            found = _find_columns(cells)
            if isinstance(found, dict):
                return number, delimiter, found
            if len(found) < len(closest):
                closest = found
    missing = " and ".join(sorted(closest))
    raise SpendFileError(
        f"No header row was found in the first {HEADER_SEARCH_LINES} lines (the "
        f"{missing} column{'s are' if len(closest) > 1 else ' is'} missing). The "
        "file needs columns for the day (Day, Date, Gregorian date), the campaign "
        "(Campaign, Campaign name) and the cost (Cost, Spend, Amount spent)."
    )


def parse_date(value, *, today=None):
    """A day from ISO (2026-11-03), US (11/3/2026) or written (Nov 3, 2026;
    3 Nov 2026) form; ValueError with a message otherwise."""
    value = " ".join(value.split())
    if not value:
        raise ValueError("The date is empty.")
    for fmt in NUMERIC_DATES + WRITTEN_DATES:
        try:
            day = datetime.strptime(value, fmt).date()
        except ValueError:
            continue
        if day > (today or timezone.localdate()):
            raise ValueError(
                f"{day:%Y-%m-%d} is in the future; spend is for days that have passed."
            )
        return day
    if " - " in value or " – " in value:
        raise ValueError(f"“{value[:40]}” is a date range: export the report by day.")
    raise ValueError(
        f"“{value[:40]}” is not a date (write 2026-11-03, 11/3/2026 or Nov 3, 2026)."
    )


def parse_cost(value, *, currency=None):
    """A cost as a Decimal with two places: "1234.5", "$1,234.50",
    "1.234,50", "--" (nothing spent, as Google writes it). ValueError with a
    message for an empty, negative or unreadable cost, or another currency."""
    text = " ".join(value.split())
    if text in ("--", "-"):
        return Decimal("0.00")
    if not text:
        raise ValueError("The cost is empty (write 0 if nothing was spent).")
    if match := CODE_AND_AMOUNT.fullmatch(text):
        code = (match[1] or match[4]).upper()
        text = match[2] if match[1] else match[3]
        if currency and code != currency:
            raise ValueError(_currency_message(code, currency))
    negative = bool(re.match(r"[\s$€£¥+]*[-−(]", text)) or text[-1] in "-−"
    text = text.strip("()-−+ " + CURRENCY_SYMBOLS)
    text = re.sub(r"(?<=\d)[ \u00a0\u202f'](?=\d{3})", "", text)
    if "," in text and "." in text:
        decimal = "." if text.rfind(".") > text.rfind(",") else ","
        thousands = "," if decimal == "." else "."
        text = text.replace(thousands, "").replace(decimal, ".")
    elif re.fullmatch(r"\d{1,3}(,\d{3})+", text):
        text = text.replace(",", "")
    elif re.fullmatch(r"\d+,\d{1,2}", text):
        text = text.replace(",", ".")
    if not re.fullmatch(r"\d+(\.\d*)?|\.\d+", text):
        raise ValueError(f"“{value.strip()[:40]}” is not a cost (write 1234.50).")
    if negative and Decimal(text):
        raise ValueError(f"The cost {value.strip()[:40]} is negative.")
    if len(text.split(".")[0].lstrip("0")) > 10 or Decimal(text) > MAX_COST:
        raise ValueError(f"The cost {value.strip()[:40]} is too large.")
    return Decimal(text).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _currency_message(code, expected):
    return (
        f"The currency is {code}, but spend is kept in {expected} and not "
        f"converted: export the report in {expected}."
    )


def _records(text, delimiter):
    """(first physical line, cells) for each record of the file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    try:
        for cells in reader:
            yield line, cells
            line = reader.line_num + 1
    except csv.Error as error:
        message = f"Line {reader.line_num} cannot be read as CSV ({error})."
        raise SpendFileError(message) from error


def _skippable(cells, date_index):
    """A blank row, a total row or a footer line (such as a copyright). A
    total row has no date: "Total knee" on a dated row is a campaign."""
    filled = [cell.strip().lower() for cell in cells if cell.strip()]
    if not filled:
        return True
    day = cells[date_index].strip().lower() if date_index < len(cells) else ""
    if filled[0].startswith("total") and (not day or day.startswith("total")):
        return True
    return len(filled) == 1 and filled[0].startswith(("©", "(c)", "copyright"))


def parse_spend_file(data, *, currency=None, today=None):
    """Read an export (bytes) into a ParsedSpend. A file that cannot be read
    at all raises SpendFileError; bad rows are listed in `errors`."""
    expected = currency or settings.CAMPAIGNS_CURRENCY
    text = decode_spend_file(data)
    header_line, delimiter, columns = _find_header(text)
    parsed = ParsedSpend(currency=expected)
    file_currency = columns["header_currency"] or expected
    if file_currency != expected:
        parsed.add_error(header_line, _currency_message(file_currency, expected))
        return parsed
    rows = 0
    for line, cells in _records(text, delimiter):
        if line <= header_line:
            continue
        if _skippable(cells, columns["date"]):
            parsed.skipped += 1
            continue
        rows += 1
        if rows > MAX_ROWS:
            raise SpendFileError(
                f"The file has more than {MAX_ROWS:,} rows; upload a shorter "
                "date range at a time."
            )
        _parse_row(parsed, line, cells, columns, file_currency, today)
    if not parsed.costs and not parsed.error_count:
        raise SpendFileError("The file has a header row but no rows of spend under it.")
    return parsed


def _parse_row(parsed, line, cells, columns, file_currency, today):
    def cell(name):
        index = columns[name]
        return cells[index] if index is not None and index < len(cells) else ""

    problems = []
    currency = cell("currency").strip().upper() or file_currency
    if not CURRENCY_CODE.fullmatch(currency):
        problems.append(f"“{currency[:20]}” is not a currency code (such as USD).")
    elif currency != parsed.currency:
        problems.append(_currency_message(currency, parsed.currency))
    try:
        day = parse_date(cell("date"), today=today)
    except ValueError as error:
        problems.append(str(error))
    campaign = cell("campaign").strip()
    if not campaign:
        problems.append("The campaign name is empty.")
    elif len(campaign) > 200:
        problems.append("The campaign name is longer than 200 characters.")
    try:
        cost = parse_cost(cell("cost"), currency=parsed.currency)
    except ValueError as error:
        problems.append(str(error))
    if problems:
        parsed.add_error(line, " ".join(problems))
        return
    # Rows of one day and campaign (split by network or device) add up.
    key = (day, campaign)
    total = parsed.costs.get(key, Decimal("0.00")) + cost
    if total > MAX_COST:
        parsed.add_error(line, "The day's total cost for this campaign is too large.")
        return
    parsed.costs[key] = total


def spend_import(*, parsed, source, location=None, by=None):
    """Write a parsed file's spend for `source` (and `location`, None for all
    offices) in one transaction: each day's cost per campaign replaces the one
    stored before. Raises SpendImportError, writing nothing, if the file had
    errors or another upload of the same days ran at the same time."""
    source = normalize_source(source)
    if parsed.error_count:
        message = f"Rows with problems: {parsed.error_count}; nothing was imported."
        raise SpendImportError(message, parsed.errors)
    if not parsed.costs:
        raise SpendImportError("The file has no rows of spend; nothing was imported.")
    days = {day for day, _ in parsed.costs}
    created, replaced, unchanged = [], [], 0
    try:
        with transaction.atomic():
            stored = {
                (row.day, row.campaign): row
                for row in AdSpend.objects.select_for_update().filter(
                    source=source,
                    location=location,
                    day__range=(min(days), max(days)),
                    campaign__in={campaign for _, campaign in parsed.costs},
                )
            }
            now = timezone.now()
            new = {"source": source, "location": location, "updated_by": by}
            new["currency"] = parsed.currency
            for (day, campaign), cost in sorted(parsed.costs.items()):
                row = stored.get((day, campaign))
                if row is None:
                    created.append(
                        AdSpend(day=day, campaign=campaign, cost=cost, **new)
                    )
                elif row.cost == cost and row.currency == parsed.currency:
                    unchanged += 1
                else:
                    row.cost, row.currency = cost, parsed.currency
                    row.updated_by, row.updated_at = by, now
                    replaced.append(row)
            AdSpend.objects.bulk_create(created, batch_size=1000)
            AdSpend.objects.bulk_update(
                replaced, ["cost", "currency", "updated_by", "updated_at"], 1000
            )
    except IntegrityError as error:
        raise SpendImportError(
            "Another upload of the same days was saved at the same moment; "
            "nothing was imported from this one. Upload it again."
        ) from error
    return SpendImportResult(
        created=len(created),
        replaced=len(replaced),
        unchanged=unchanged,
        skipped=parsed.skipped,
        days=len(days),
        first_day=min(days),
        last_day=max(days),
    )
