"""CSV cells that are safe to open in a spreadsheet, for every app's exports."""


def spreadsheet_safe(value):
    """The value as text a spreadsheet will not run as a formula: text that a
    patient or an ad platform wrote may start with =, +, -, @, a tab or a
    carriage return, so such text gets an apostrophe before it."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
