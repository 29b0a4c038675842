"""Opening hours as people read them: "Mon–Fri 8 am – 6 pm, Sat 9 am – 1 pm"."""

DAY_ABBREVIATIONS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def time_label(value):
    """8:00 → "8 am", 13:30 → "1:30 pm", 12:00 → "12 pm"."""
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.minute:
        return f"{hour}:{value.minute:02d} {suffix}"
    return f"{hour} {suffix}"


def hours_summary(rows):
    """
    One line for a week of (weekday, opens, closes) rows, weekday 0 = Monday:
    consecutive days with the same hours share one range.
    """
    groups = []  # [first day, last day, opens, closes]
    for weekday, opens, closes in sorted(rows):
        last = groups[-1] if groups else None
        if last and last[1] == weekday - 1 and (last[2], last[3]) == (opens, closes):
            last[1] = weekday
        else:
            groups.append([weekday, weekday, opens, closes])
    parts = []
    for first, last, opens, closes in groups:
        days = DAY_ABBREVIATIONS[first]
        if last != first:
            separator = "–" if last > first + 1 else ", "
            days += separator + DAY_ABBREVIATIONS[last]
        parts.append(f"{days} {time_label(opens)} – {time_label(closes)}")
    return ", ".join(parts)


def business_deadline(start, minutes, week, time_zone, *, max_days=21):
    """
    The moment `minutes` of opening time have passed since `start` (an aware
    datetime), counting only the hours of `week` [(weekday, opens, closes)] in
    `time_zone` (a ZoneInfo). Without any opening hours, plain time counts.
    The one place the response target's "business time" is worked out.
    """
    from datetime import UTC, datetime, timedelta

    rows = sorted(week)
    if not rows:
        return start + timedelta(minutes=minutes)
    left = timedelta(minutes=minutes)
    local = start.astimezone(time_zone)
    day = local.date()
    for _ in range(max_days):
        for weekday, opens, closes in rows:
            if weekday != day.weekday():
                continue
            # Elapsed time is counted on the UTC clock, so a window that
            # spans a daylight-saving change is as long as it really is.
            window_start = datetime.combine(day, opens, tzinfo=time_zone).astimezone(
                UTC
            )
            window_end = datetime.combine(day, closes, tzinfo=time_zone).astimezone(UTC)
            begin = max(window_start, local.astimezone(UTC))
            if begin >= window_end:
                continue
            if begin + left <= window_end:
                return begin + left
            left -= window_end - begin
        day += timedelta(days=1)
    return start + timedelta(minutes=minutes)  # hours too sparse to count in
