"""Offline conversions for the ad platforms: the files, exported once, the
conversion names, the command."""

import csv
import io
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from campaigns import conversions as service
from campaigns.conversions import conversions_export
from campaigns.models import ConversionExport, ExportedConversion
from leads.models import AuditEntry, Lead, LeadEvent
from tests.factories import make_lead, make_topic

pytestmark = pytest.mark.django_db

NY = ZoneInfo("America/New_York")
GCLID = "Cj0KCQiAx9q6BhCDARIsACwUxu4abc_DEF-xyz"
GBRAID = "0AAAAAD-gbraid_Token.abcdef"
WBRAID = "ClkKCQjwwbraid_Token-xyz.abc"
MSCLKID = "f894f652ea334e739002f7167ab8f8e3"
SINCE = date(2026, 1, 1)
GOOGLE_HEADER = [
    "Google Click ID",
    "GBRAID",
    "WBRAID",
    "Conversion Name",
    "Conversion Time",
]
MICROSOFT_HEADER = ["Microsoft Click ID", "Conversion Name", "Conversion Time"]
BOOKED = "Booked appointment"
PATIENT = "New patient"


def local(*args):
    return datetime(*args, tzinfo=NY)


def reach(lead, status, when):
    """The lead's status changed to `status` at `when`, as a staff change would."""
    LeadEvent.objects.create(
        lead=lead,
        kind=LeadEvent.Kind.STATUS,
        from_status=lead.status,
        to_status=status,
        created_at=when,
    )
    Lead.objects.filter(pk=lead.pk).update(status=status)
    lead.status = status


def clicked(touch=None, first=None, **extra):
    return make_lead(last_touch=touch or {}, first_touch=first or {}, **extra)


def rows(text):
    return list(csv.reader(io.StringIO(text)))


def export(platform="google", since=SINCE, **kwargs):
    return conversions_export(platform=platform, since=since, **kwargs)


def test_google_file_is_the_documented_template_with_a_row_per_conversion():
    """Google's columns, then the click id, the name and the local time."""
    lead = clicked({"gclid": GCLID})
    reach(lead, "booked", local(2026, 1, 15, 14, 30, 5))
    result = export()
    assert rows(result.csv) == [
        GOOGLE_HEADER,
        [GCLID, "", "", BOOKED, "2026-01-15 14:30:05-0500"],
    ]
    assert result.csv.splitlines()[0] == ",".join(GOOGLE_HEADER)


def test_microsoft_file_is_the_documented_template():
    """Microsoft's columns; a lead that became a patient has both conversions."""
    lead = clicked({"msclkid": MSCLKID})
    reach(lead, "booked", local(2026, 2, 3, 9, 0))
    reach(lead, "closed", local(2026, 2, 10, 16, 45))
    assert rows(export("microsoft").csv) == [
        MICROSOFT_HEADER,
        [MSCLKID, BOOKED, "2026-02-03 09:00:00-0500"],
        [MSCLKID, PATIENT, "2026-02-10 16:45:00-0500"],
    ]


def test_every_exported_row_holds_only_the_click_id_a_name_and_a_time():
    """Whatever else a lead holds, each file's cells are an allowlisted click
    id, an allowlisted conversion name or a time, and nothing personal."""
    topic = make_topic("Sciatica")
    personal = {
        "name": "Zebulon Quackenbush",
        "email": "zebulon.quack@example.test",
        "phone": "+12015550123",
        "message": "Herniated disc, cannot sit at work",
        "topic": topic,
        "topic_name": "Sciatica",
        "article_title": "Living with sciatica",
        "source_page": "/articles/living-with-sciatica/",
        "utm_source": "newsletter-sciatica",
        "utm_medium": "cpc-spine",
        "utm_campaign": "spring-sciatica-relief",
        "checker_summary": "Pain travels down the left leg",
        "insurance": "Acme Health Gold",
    }
    touch = {
        "gclid": GCLID,
        "msclkid": MSCLKID,
        "utm_term": "sciatica relief near me",
        "utm_content": "ad-variant-herniated",
        "landing_page": "/articles/living-with-sciatica/?gclid=x",
        "referrer": "https://search.example/?q=sciatica",
    }
    lead = clicked(touch, first={**touch, "gbraid": GBRAID}, **personal)
    other = clicked({"wbraid": WBRAID, "utm_campaign": "knee-pain"}, **personal)
    for someone in (lead, other):
        reach(someone, "booked", local(2026, 3, 1, 10))
        reach(someone, "closed", local(2026, 3, 20, 11))
    click_ids = {GCLID, GBRAID, WBRAID, MSCLKID}
    names = set(settings.CAMPAIGNS_CONVERSION_NAMES.values())
    time_pattern = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d[+-]\d{4}")
    for platform, header, id_columns in (
        ("google", GOOGLE_HEADER, 3),
        ("microsoft", MICROSOFT_HEADER, 1),
    ):
        text = export(platform).csv
        header_row, *body = rows(text)
        assert header_row == header
        assert body, platform
        for row in body:
            assert len(row) == len(header)
            ids = [cell for cell in row[:id_columns] if cell]
            assert len(ids) == 1 and ids[0] in click_ids, row
            assert row[id_columns] in names, row
            assert time_pattern.fullmatch(row[id_columns + 1]), row
        for value in [*personal.values(), *touch.values()]:
            if str(value) not in click_ids:
                assert str(value).lower() not in text.lower(), (platform, value)
        for word in ("sciatica", "herniated", "knee", "zebulon", "acme", "@"):
            assert word not in text.lower(), (platform, word)


def test_a_conversion_is_exported_once_unless_asked_again():
    """The same period again lists nothing; --again lists it; a later change
    to "became a patient" exports only the new conversion."""
    lead = clicked({"gclid": GCLID})
    reach(lead, "booked", local(2026, 4, 2, 12))
    assert len(rows(export().csv)) == 2
    second = export()
    assert rows(second.csv) == [GOOGLE_HEADER]
    assert (second.rows, second.already_exported) == (0, 1)
    assert rows(export(again=True).csv)[1][3] == BOOKED
    reach(lead, "closed", local(2026, 4, 20, 9))
    assert rows(export().csv)[1:] == [
        [GCLID, "", "", PATIENT, "2026-04-20 09:00:00-0400"]
    ]
    assert ExportedConversion.objects.filter(lead=lead).count() == 2
    # Microsoft keeps its own record: the same lead is new there.
    assert ExportedConversion.objects.filter(platform="microsoft").count() == 0


def test_a_conversion_claimed_by_a_concurrent_export_is_left_out(monkeypatch):
    """Two exports at once never both send a conversion: the one that loses
    the unique constraint writes only the rows it claimed."""
    lead = clicked({"gclid": GCLID})
    reach(lead, "booked", local(2026, 4, 2, 12))
    reach(lead, "closed", local(2026, 4, 3, 12))
    found = service._candidate_rows

    def race(**kwargs):
        result = found(**kwargs)
        rival = ConversionExport.objects.create(platform="google", since=SINCE)
        ExportedConversion.objects.create(
            export=rival,
            lead=lead,
            outcome="booked",
            platform="google",
            converted_at=local(2026, 4, 2, 12),
        )
        return result

    monkeypatch.setattr(service, "_candidate_rows", race)
    result = export()
    assert [row[3] for row in rows(result.csv)[1:]] == [PATIENT]
    assert (result.rows, result.already_exported) == (1, 1)
    assert result.export.row_count == 1


def test_only_conversions_since_local_midnight_of_the_date():
    """A conversion late on the day before is out, one just after midnight in."""
    before = clicked({"gclid": GCLID + "a"})
    reach(before, "booked", local(2025, 12, 31, 23, 59))
    after = clicked({"gclid": GCLID + "b"})
    reach(after, "booked", local(2026, 1, 1, 0, 0, 30))
    assert [row[0] for row in rows(export().csv)[1:]] == [GCLID + "b"]


def test_spam_and_leads_without_a_click_id_are_left_out():
    """Spam, a lead with only utm values, and another platform's click id."""
    spam = clicked({"gclid": GCLID}, is_spam=True)
    plain = clicked({"utm_source": "google", "utm_campaign": "brand"})
    bing = clicked({"msclkid": MSCLKID})
    for lead in (spam, plain, bing):
        reach(lead, "booked", local(2026, 5, 5, 10))
    assert rows(export().csv) == [GOOGLE_HEADER]
    assert len(rows(export("microsoft").csv)) == 2


def test_gbraid_and_wbraid_go_in_their_columns_and_last_touch_wins():
    """gclid, else gbraid, else wbraid, from the last touch, then the first."""
    by_gbraid = clicked({"gbraid": GBRAID, "wbraid": WBRAID})
    by_wbraid = clicked({}, first={"wbraid": WBRAID})
    last_wins = clicked({"gbraid": GBRAID + "last"}, first={"gclid": GCLID})
    reach(by_gbraid, "booked", local(2026, 6, 1, 10))
    reach(by_wbraid, "booked", local(2026, 6, 2, 10))
    reach(last_wins, "booked", local(2026, 6, 3, 10))
    assert [row[:3] for row in rows(export().csv)[1:]] == [
        ["", GBRAID, ""],
        ["", "", WBRAID],
        ["", GBRAID + "last", ""],
    ]


def test_a_malformed_click_id_is_skipped_and_counted():
    """A click id with spaces, markup or a formula never reaches the file."""
    for bad in ("not a click id", "<script>alert(1)</script>", "=HYPERLINK(x)", "x"):
        lead = clicked({"gclid": bad})
        reach(lead, "booked", local(2026, 6, 1, 10))
    fallback = clicked({"gclid": "bad id"}, first={"gclid": GCLID})
    reach(fallback, "booked", local(2026, 6, 2, 10))
    result = export()
    assert [row[0] for row in rows(result.csv)[1:]] == [GCLID]
    assert result.malformed == 4


def test_times_carry_the_offset_of_their_day_across_daylight_saving():
    """Winter times are -0500 and summer times -0400 (America/New_York)."""
    winter = clicked({"msclkid": MSCLKID})
    reach(winter, "booked", local(2026, 1, 15, 14, 30))
    summer = clicked({"msclkid": MSCLKID[::-1]})
    reach(summer, "booked", local(2026, 7, 15, 14, 30))
    times = [row[2] for row in rows(export("microsoft").csv)[1:]]
    assert times == ["2026-01-15 14:30:00-0500", "2026-07-15 14:30:00-0400"]


def test_the_export_is_recorded_and_audited_without_names():
    """One ConversionExport, each conversion, and an EXPORT audit entry."""
    lead = clicked({"gclid": GCLID}, name="Zebulon Quackenbush")
    reach(lead, "booked", local(2026, 2, 1, 10))
    result = export()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.EXPORT)
    assert entry.lead_ids == [lead.pk]
    assert entry.username == ""
    assert entry.detail == "offline conversions for google since 2026-01-01, 1 rows"
    assert (result.export.row_count, result.export.username) == (1, "")
    assert ExportedConversion.objects.get().export == result.export


def test_the_command_writes_the_file_and_a_summary(tmp_path):
    """--output gets the CSV; stderr says what went in and what was skipped."""
    lead = clicked({"gclid": GCLID})
    reach(lead, "booked", local(2026, 2, 1, 10))
    broken = clicked({"gclid": "not valid"})
    reach(broken, "booked", local(2026, 2, 1, 11))
    target = tmp_path / "google.csv"
    err = io.StringIO()
    call_command(
        "export_conversions",
        "--since=2026-01-01",
        "--platform=google",
        f"--output={target}",
        stderr=err,
    )
    assert rows(target.read_text(encoding="utf-8"))[1][0] == GCLID
    assert err.getvalue().strip() == (
        "1 conversions for google since 2026-01-01 "
        "(0 skipped: already exported; 1 skipped: malformed click id)"
    )
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "export_conversions",
        "--since=2026-01-01",
        "--platform=google",
        "--again",
        stdout=out,
        stderr=err,
    )
    assert rows(out.getvalue())[1][0] == GCLID
    assert AuditEntry.objects.filter(action=AuditEntry.Action.EXPORT).count() == 2


@pytest.mark.parametrize(
    "args",
    [
        ["--platform=google"],
        ["--since=2026-01-01"],
        ["--since=2026-13-01", "--platform=google"],
        ["--since=yesterday", "--platform=google"],
        ["--since=2999-01-01", "--platform=google"],
        ["--since=0001-01-01", "--platform=google"],
        ["--since=2026-01-01", "--platform=facebook"],
    ],
)
def test_the_command_refuses_bad_arguments(args):
    """Missing, malformed or future dates and unknown platforms: CommandError."""
    with pytest.raises(CommandError):
        call_command("export_conversions", *args)
    assert not ConversionExport.objects.exists()
