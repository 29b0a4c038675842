"""
An existing site's address (the CLINIC_* settings) becomes its first location,
once: nothing happens when a location already exists. CLINIC_HOURS is read when
it has the usual form ("Mon–Fri 8 am – 6 pm, Sat 9 am – 1 pm"); otherwise the
location starts without hours and the site keeps showing CLINIC_HOURS until
someone enters them in the admin.
"""

import re
from datetime import time

import phonenumbers
from django.conf import settings
from django.db import migrations
from django.utils.text import slugify

DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
_DAY = r"(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?"
_TIME = r"(\d{1,2})(?::(\d{2}))?\s*([ap])\.?m\.?"
_GROUP = re.compile(
    rf"^{_DAY}(?:\s*(?:[–—-]|to)\s*{_DAY})?\s+{_TIME}\s*(?:[–—-]|to)\s*{_TIME}$",
    re.IGNORECASE,
)


def _time(hour, minute, half):
    hour = int(hour) % 12 + (12 if half.lower() == "p" else 0)
    return time(hour, int(minute or 0))


def parse_hours(text):
    """[(weekday, opens, closes)] from "Mon–Fri 8 am – 6 pm, Sat 9 am – 1 pm",
    or [] when any part is not in that form."""
    rows = []
    for part in re.split(r"[,;]", text):
        match = _GROUP.match(part.strip())
        if not match:
            return []
        first, last, h1, m1, a1, h2, m2, a2 = match.groups()
        start = DAYS.index(first.lower()[:3])
        end = DAYS.index((last or first).lower()[:3])
        opens, closes = _time(h1, m1, a1), _time(h2, m2, a2)
        if end < start or closes <= opens:
            return []
        rows += [(day, opens, closes) for day in range(start, end + 1)]
    if len({day for day, _, _ in rows}) != len(rows):
        return []
    return rows


def _e164(phone, country):
    try:
        parsed = phonenumbers.parse(phone, country or None)
    except phonenumbers.NumberParseException:
        return phone
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def first_location_from_settings(apps, schema_editor):
    Location = apps.get_model("locations", "Location")
    OpeningHours = apps.get_model("locations", "OpeningHours")
    if Location.objects.exists():
        return
    name = settings.CLINIC_CITY or settings.CLINIC_NAME
    location = Location.objects.create(
        name=name,
        slug=slugify(name)[:120] or "main",
        street=settings.CLINIC_STREET,
        city=settings.CLINIC_CITY,
        region=settings.CLINIC_REGION,
        postal_code=settings.CLINIC_POSTAL_CODE,
        country=settings.CLINIC_COUNTRY,
        phone=_e164(settings.CLINIC_PHONE, settings.CLINIC_COUNTRY),
        time_zone=settings.TIME_ZONE,
        accepts_new_patients=True,
        order=0,
    )
    OpeningHours.objects.bulk_create(
        OpeningHours(location=location, weekday=day, opens=opens, closes=closes)
        for day, opens, closes in parse_hours(settings.CLINIC_HOURS)
    )


class Migration(migrations.Migration):
    dependencies = [("locations", "0001_initial")]

    operations = [
        migrations.RunPython(first_location_from_settings, migrations.RunPython.noop)
    ]
