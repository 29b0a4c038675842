from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import pluralize

from attribution.models import CampaignVisit
from campaigns.conversions import since_problem
from campaigns.models import AdSpend, Platform
from campaigns.spend import (
    MAX_BYTES,
    MAX_ROWS,
    SOURCE_PATTERN,
    SpendFileError,
    normalize_source,
    parse_spend_file,
)
from leads.selectors import lead_sources_recent
from locations.models import Location

SOURCE_SUGGESTIONS = 100  # at most this many sources are suggested


def known_sources(limit=SOURCE_SUGGESTIONS):
    """The sources seen so far in spend, campaign visits and recent leads
    (distinct values only, nothing about any one lead)."""
    spend = AdSpend.objects.order_by("source").values_list("source", flat=True)
    visits = CampaignVisit.objects.order_by("utm_source").values_list(
        "utm_source", flat=True
    )
    seen = {
        *spend.distinct()[:limit],
        *visits.distinct()[:limit],
        *lead_sources_recent(limit=limit),
    }
    valid = {value.strip().lower() for value in seen}
    return sorted(value for value in valid if SOURCE_PATTERN.fullmatch(value))[:limit]


class SpendUploadForm(forms.Form):
    """A platform's spend export and the source it is for. Valid means the
    whole file was read without a bad row (`parsed`); otherwise
    `line_errors` lists the bad rows by line."""

    file = forms.FileField(
        label="Spend file (CSV)",
        help_text=(
            "A report exported from the ad platform, by day, as CSV (comma, tab "
            "or semicolon separated; UTF-8 or Excel's UTF-16), at most "
            f"{MAX_BYTES // 1024 // 1024} MB and {MAX_ROWS:,} rows."
        ),
        widget=forms.FileInput(
            attrs={"accept": ".csv,.tsv,.txt,text/csv,text/tab-separated-values"}
        ),
    )
    source = forms.CharField(
        max_length=200,
        help_text=(
            "The source as it arrives in utm_source, such as google, bing or "
            "facebook: letters, digits, “-”, “_” and “.”. Stored in lowercase."
        ),
        widget=forms.TextInput(
            attrs={
                "list": "spend-sources",
                "autocomplete": "off",
                "spellcheck": "false",
            }
        ),
    )
    location = forms.ModelChoiceField(
        queryset=Location.objects.order_by("order", "name"),
        required=False,
        empty_label="All offices (not split by office)",
        label="Office",
        help_text="Choose an office only if these campaigns advertise that office.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.parsed = None
        self.line_errors = []
        self.line_error_count = 0
        self.source_suggestions = known_sources()

    def clean_source(self):
        return normalize_source(self.cleaned_data["source"])

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise ValidationError(
                "The file is %(size).1f MB; the limit is %(limit)d MB. Export a "
                "shorter date range.",
                code="too_large",
                params={"size": upload.size / 1024 / 1024, "limit": MAX_BYTES >> 20},
            )
        try:
            parsed = parse_spend_file(upload.read())
        except SpendFileError as error:
            raise ValidationError(str(error), code="unreadable") from error
        if parsed.error_count:
            self.line_errors = parsed.errors
            self.line_error_count = parsed.error_count
            raise ValidationError(
                "%(rows)s of the file %(have)s problems, listed under “Rows with "
                "problems”; nothing was imported. Correct them in the file and "
                "upload it again.",
                code="bad_rows",
                params={
                    "rows": f"{parsed.error_count} row{pluralize(parsed.error_count)}",
                    "have": "has" if parsed.error_count == 1 else "have",
                },
            )
        self.parsed = parsed
        return upload


class AdSpendAdminForm(forms.ModelForm):
    """Typing a day's spend in: the source in lowercase, the site's currency."""

    class Meta:
        model = AdSpend
        fields = ["day", "source", "campaign", "location", "cost", "currency"]
        help_texts = {
            "day": "The day the money was spent.",
            "campaign": "The campaign name exactly as utm_campaign carries it.",
            "cost": "What the campaign cost that day.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        currency = settings.CAMPAIGNS_CURRENCY
        self.fields["currency"].initial = currency
        self.fields[
            "currency"
        ].help_text = f"Always {currency}: spend is not converted."

    def clean_source(self):
        return normalize_source(self.cleaned_data["source"])

    def clean_campaign(self):
        campaign = self.cleaned_data["campaign"].strip()
        if not campaign:
            raise ValidationError("Enter the campaign name.", code="required")
        return campaign

    def clean_currency(self):
        currency = self.cleaned_data["currency"].strip().upper()
        if currency != settings.CAMPAIGNS_CURRENCY:
            raise ValidationError(
                "Spend is kept in %(expected)s and not converted: enter the cost "
                "in %(expected)s.",
                code="currency",
                params={"expected": settings.CAMPAIGNS_CURRENCY},
            )
        return currency


class ConversionDownloadForm(forms.Form):
    platform = forms.ChoiceField(
        choices=Platform.choices,
        help_text="Each platform has its own upload file.",
    )
    since = forms.DateField(
        label="Conversions since",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="Appointments booked and new patients from this day on "
        "(YYYY-MM-DD, the clinic's time zone).",
    )
    again = forms.BooleanField(
        required=False,
        label="Include conversions exported before",
        help_text="Leave unticked to get only conversions not downloaded yet.",
    )

    def clean_since(self):
        since = self.cleaned_data["since"]
        if problem := since_problem(since):
            raise ValidationError(problem, code="since")
        return since
