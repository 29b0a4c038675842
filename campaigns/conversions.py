"""
Offline conversions sent back to the ad platforms: for each non-spam lead that
arrived from an ad click and reached an outcome (leads/outcomes.py), one row
with the click id, an allowlisted conversion name and the time of the status
change. Nothing else of the lead leaves: no name, e-mail, phone, topic,
article, page or message, hashed or not.

The files follow the platforms' documented offline-conversion upload files,
one per platform, with only the required columns (value and currency are
optional in both and left out; Google: "Make sure your data doesn't include
additional columns or any personal information").

Google Ads, "Import conversions from ad clicks into Google Ads using files"
(support.google.com/google-ads/answer/7014069)::

    Google Click ID,GBRAID,WBRAID,Conversion Name,Conversion Time
    Cj0KCQiA...,,,Booked appointment,2026-01-15 14:30:00-0500
    ,,wb.AbC-123...,New patient,2026-07-15 09:05:00-0400

  Exactly one click-id column is filled per row: gclid, gbraid and wbraid
  identify a click alone, never together (Google Ads API, "Upload click
  conversions"). The time zone goes once in a "Parameters:TimeZone=" first
  row or with each Conversion Time ("If you don't enter a time zone in the
  Parameters row, delete the Parameters row"); we give it per row as a
  +/-hhmm offset, so every time is right on both sides of a daylight-saving
  change.

Microsoft Advertising offline conversion import (fields as in
learn.microsoft.com/advertising/bulk-service/offline-conversion: Microsoft
Click Id, Conversion Name, Conversion Time; the upload file takes the same
"Parameters:TimeZone=" row or a per-row +/-hhmm offset)::

    Microsoft Click ID,Conversion Name,Conversion Time
    f894f652ea334e739002f7167ab8f8e3,Booked appointment,2026-01-15 14:30:00-0500

Times are in the clinic's TIME_ZONE (settings), to the second.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from campaigns.conversion_names import configured_names_problems
from campaigns.models import ConversionExport, ExportedConversion, Platform
from leads.audit import audit_record
from leads.models import AuditEntry, Lead
from leads.outcomes import Outcome, outcome_events, outcome_times

# The touch keys that hold each platform's click id, in order of preference.
CLICK_ID_KEYS = {
    Platform.GOOGLE: ("gclid", "gbraid", "wbraid"),
    Platform.MICROSOFT: ("msclkid",),
}
CLICK_ID_COLUMNS = {
    Platform.GOOGLE: {
        "gclid": "Google Click ID",
        "gbraid": "GBRAID",
        "wbraid": "WBRAID",
    },
    Platform.MICROSOFT: {"msclkid": "Microsoft Click ID"},
}
# Long before any lead: a --since before it is a typing mistake.
EARLIEST_SINCE = date(2000, 1, 1)
NAME_COLUMN = "Conversion Name"
TIME_COLUMN = "Conversion Time"
TIME_FORMAT = "%Y-%m-%d %H:%M:%S%z"
# Click ids are URL-safe tokens (base64url letters, digits, "-", "_", and "."
# in some braids); anything else is not a click id and is never written. The
# first character is a letter or digit, so no cell reads as a formula.
CLICK_ID_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\-]{9,199}")


class ConversionExportError(Exception):
    """The export was refused; nothing was written. The message says why."""


@dataclass
class ConversionsFile:
    """One export: the CSV text and what went in it or was left out."""

    csv: str
    export: ConversionExport
    rows: int
    already_exported: int
    malformed: int


def conversion_names():
    """{Outcome: name} from the settings, refused with ConversionExportError
    when any name is not allowed (checked against the database too)."""
    names = settings.CAMPAIGNS_CONVERSION_NAMES
    problems = configured_names_problems(names)
    if problems:
        key, name, reason = problems[0]
        raise ConversionExportError(
            f"The conversion name “{name}” ({key or 'CAMPAIGNS_CONVERSION_NAMES'}) "
            f"is refused: {reason}. Conversion names must name no condition or "
            "topic; nothing was exported."
        )
    return {Outcome(key): name for key, name in names.items()}


def click_id_for(lead_touches, platform):
    """(key, click id, malformed) for one lead: the platform's preferred click
    id from the last touch, then the first touch. `malformed` is True when
    the lead had candidates and none was a valid click id."""
    seen = False
    for touch in lead_touches:
        if not isinstance(touch, dict):
            continue
        for key in CLICK_ID_KEYS[platform]:
            value = touch.get(key)
            if not value:
                continue
            seen = True
            if isinstance(value, str) and CLICK_ID_PATTERN.fullmatch(value):
                return key, value, False
    return None, None, seen


@dataclass
class _Row:
    lead_id: int
    outcome: Outcome
    at: datetime
    key: str
    click_id: str


def _candidate_rows(*, platform, since, names):
    """(rows, malformed count) of conversions reached at or after `since`."""
    zone = ZoneInfo(settings.TIME_ZONE)
    start = datetime.combine(since, time.min, tzinfo=zone)
    has_click_id = Q()
    for key in CLICK_ID_KEYS[platform]:
        has_click_id |= Q(last_touch__has_key=key) | Q(first_touch__has_key=key)
    reached_lately = outcome_events().filter(lead=OuterRef("pk"), created_at__gte=start)
    leads = Lead.objects.not_spam().filter(has_click_id, Exists(reached_lately))
    touches = {
        pk: (last, first)
        for pk, last, first in leads.values_list("pk", "last_touch", "first_touch")
    }
    rows, malformed = [], 0
    for lead_id, reached in outcome_times(leads).items():
        due = [(o, at) for o, at in reached.items() if o in names and at >= start]
        if not due:
            continue
        key, click_id, bad = click_id_for(touches[lead_id], platform)
        if click_id is None:
            malformed += len(due) if bad else 0
            continue
        rows += [_Row(lead_id, o, at, key, click_id) for o, at in due]
    rows.sort(key=lambda r: (r.at, r.lead_id, r.outcome.value))
    return rows, malformed


def conversions_csv(platform, rows, names):
    """The upload file for `platform` (see the module docstring)."""
    zone = ZoneInfo(settings.TIME_ZONE)
    columns = CLICK_ID_COLUMNS[platform]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([*columns.values(), NAME_COLUMN, TIME_COLUMN])
    for row in rows:
        ids = [row.click_id if key == row.key else "" for key in columns]
        at = row.at.astimezone(zone).strftime(TIME_FORMAT)
        writer.writerow([*ids, names[row.outcome], at])
    return out.getvalue()


def since_problem(since):
    """Why `since` cannot start an export (None when it can): not in the
    future, and not before EARLIEST_SINCE (no conversion is older)."""
    if since > timezone.localdate():
        return f"{since:%Y-%m-%d} is in the future."
    if since < EARLIEST_SINCE:
        return f"Choose a day from {EARLIEST_SINCE:%Y-%m-%d} on."
    return None


def conversions_export(*, platform, since, again=False, user=None, request=None):
    """
    Export the offline conversions of `platform` reached since the date
    `since` (local midnight) as a ConversionsFile, recording the export, each
    conversion in it, and an audit entry, all in one transaction.

    A conversion is exported once per platform: ones exported before are left
    out unless `again`. Two exports running at once cannot both send the same
    conversion: each claims its rows through the (lead, outcome, platform)
    unique constraint and writes only the rows it claimed.
    ConversionExportError (and nothing written) for a refused conversion name,
    an unknown platform or a date in the future.
    """
    if platform not in Platform.values:
        raise ConversionExportError(f"Unknown platform “{platform}”.")
    platform = Platform(platform)
    if problem := since_problem(since):
        raise ConversionExportError(problem)
    names = conversion_names()
    user = user if user is not None and user.is_authenticated else None
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    rows, malformed = _candidate_rows(platform=platform, since=since, names=names)
    with transaction.atomic():
        export = ConversionExport.objects.create(
            platform=platform,
            since=since,
            again=again,
            created_by=user,
            username=user.get_username() if user else "",
        )
        ExportedConversion.objects.bulk_create(
            [
                ExportedConversion(
                    export=export,
                    lead_id=r.lead_id,
                    outcome=r.outcome.value,
                    platform=platform,
                    converted_at=r.at,
                )
                for r in rows
            ],
            ignore_conflicts=True,
        )
        # What this export claimed: a conflicting row belongs to an earlier
        # export, or to one committed while this one waited on the constraint.
        claimed = set(
            ExportedConversion.objects.filter(export=export).values_list(
                "lead_id", "outcome"
            )
        )
        sent = (
            rows
            if again
            else [r for r in rows if (r.lead_id, r.outcome.value) in claimed]
        )
        export.row_count = len(sent)
        export.save(update_fields=["row_count"])
        audit_record(
            action=AuditEntry.Action.EXPORT,
            leads=list(dict.fromkeys(r.lead_id for r in sent)),
            request=request,
            user=user,
            detail=f"offline conversions for {platform.value} since "
            f"{since:%Y-%m-%d}, {len(sent)} rows",
        )
    return ConversionsFile(
        csv=conversions_csv(platform, sent, names),
        export=export,
        rows=len(sent),
        already_exported=len(rows) - len(sent),
        malformed=malformed,
    )
