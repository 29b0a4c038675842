"""The campaign report's choices: a period and, if wanted, one office."""

from datetime import date, timedelta

from django import forms
from django.utils import timezone

from campaigns.report import period_check
from locations.models import Location

DEFAULT_DAYS = 30
# Dates outside these years are typing mistakes, and far-off ones would not fit
# in a datetime once a day is added.
FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2099, 12, 31)


class ReportDateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ReportForm(forms.Form):
    start = forms.DateField(
        label="From", widget=ReportDateInput, help_text="The first day (included)."
    )
    end = forms.DateField(
        label="To", widget=ReportDateInput, help_text="The last day (included)."
    )
    location = forms.ModelChoiceField(
        label="Office",
        queryset=Location.objects.order_by("order", "name"),
        required=False,
        empty_label="All offices",
        help_text="Leads and spend of one office; visits and calls are for all.",
    )

    @classmethod
    def from_query(cls, query):
        """The form bound to the query string `query`, the last 30 days and all
        offices where it says nothing, so the page shows a report at once."""
        today = timezone.localdate()
        data = {
            "start": (today - timedelta(days=DEFAULT_DAYS - 1)).isoformat(),
            "end": today.isoformat(),
            "location": "",
        }
        data.update({name: query[name] for name in data if name in query})
        return cls(data)

    def _clean_day(self, name):
        day = self.cleaned_data[name]
        if not FIRST_DAY <= day <= LAST_DAY:
            raise forms.ValidationError(
                "Choose a date from %(first)s to %(last)s.",
                code="out_of_range",
                params={"first": FIRST_DAY.year, "last": LAST_DAY.year},
            )
        return day

    def clean_start(self):
        return self._clean_day("start")

    def clean_end(self):
        return self._clean_day("end")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            try:
                period_check(start, end)
            except ValueError as error:
                # On the end date, so the field is marked and described.
                self.add_error("end", forms.ValidationError(str(error), code="period"))
        return cleaned
