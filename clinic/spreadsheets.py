"""CSV downloads for every app's exports: cells that are safe to open in a
spreadsheet, and the response that hands the file over."""

from django.http import HttpResponse


def spreadsheet_safe(value):
    """The value as text a spreadsheet will not run as a formula: text that a
    patient or an ad platform wrote may start with =, +, -, @, a tab or a
    carriage return, so such text gets an apostrophe before it."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_download(filename, content=b"", *, response_class=HttpResponse):
    """A CSV file handed over as an attachment named `filename`, never kept by
    a cache (exports name people or their figures). `content` may be text or,
    with StreamingHttpResponse, an iterable of rows already written."""
    response = response_class(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
