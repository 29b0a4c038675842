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
