"""The admin page that imports a spend file (a platform's CSV export)."""

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.utils.formats import date_format

from campaigns.forms import SpendUploadForm
from campaigns.models import AdSpend
from campaigns.spend import SpendImportError, spend_import


def spend_upload_view(request):
    """Upload a spend file: all its rows are imported, or none and the bad
    rows are listed by line."""
    if not request.user.has_perm("campaigns.add_adspend"):
        raise PermissionDenied
    if request.method == "POST":
        form = SpendUploadForm(request.POST, request.FILES)
    else:
        form = SpendUploadForm()
    if form.is_bound and form.is_valid():
        source = form.cleaned_data["source"]
        try:
            result = spend_import(
                parsed=form.parsed,
                source=source,
                location=form.cleaned_data["location"],
                by=request.user,
            )
        except SpendImportError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _summary(result, source))
            response = redirect("admin:campaigns_adspend_changelist")
            response.status_code = 303  # see the list after the POST
            return response
    return TemplateResponse(
        request,
        "admin/campaigns/adspend/upload.html",
        {
            **admin.site.each_context(request),
            "opts": AdSpend._meta,
            "title": "Upload a spend file",
            "form": form,
            "currency": settings.CAMPAIGNS_CURRENCY,
            "errors_listed": len(form.line_errors),
        },
    )


def _summary(result, source):
    first = date_format(result.first_day, "N j, Y")
    last = date_format(result.last_day, "N j, Y")
    days = "1 day" if result.days == 1 else f"{result.days} days"
    text = (
        f"Imported {days} of spend for source {source}: {result.created} created, "
        f"{result.replaced} replaced, {result.unchanged} unchanged "
        f"({first}" + ("" if first == last else f" to {last}") + ")."
    )
    if result.skipped:
        rows = f"{result.skipped} blank or total row{pluralize(result.skipped)}"
        text += f" {rows} {pluralize(result.skipped, 'was,were')} skipped."
    return text
