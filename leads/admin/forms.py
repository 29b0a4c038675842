from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from leads.models import Lead
from leads.outcomes import outcome_dates_check
from leads.selectors import front_desk_users
from leads.services import lead_status_check


class LeadAdminForm(forms.ModelForm):
    """The work fields of the lead page: status, owner and a new note."""

    add_note = forms.CharField(
        label="Add a note",
        required=False,
        max_length=5000,
        widget=forms.Textarea({"rows": 3}),
        help_text="Saved with your name and the time. Do not paste medical records.",
    )

    class Meta:
        model = Lead
        fields = ["status", "owner", "appointment_on", "first_visit_on"]
        widgets = {
            "appointment_on": forms.DateInput(attrs={"type": "date"}),
            "first_visit_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "status": "Changes are recorded with your name and the time.",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "owner" in self.fields:
            # Front-desk users, and whoever owns the lead now (say, an admin who
            # used "assign to me"), so saving never drops the current owner.
            current = self.instance.owner_id if self.instance.pk else None
            self.fields["owner"].queryset = front_desk_users(including=current)

    def clean_status(self):
        """A move the status rules refuse (say, booked back to contacted) is an
        error on the field, judged by the same rules the service applies."""
        status = self.cleaned_data["status"]
        if self.instance.pk:
            lead_status_check(lead=self.instance, to=status)
        return status

    def clean(self):
        """Outcome dates being saved that do not fit the status (the one
        being saved) are errors on their fields, by the rule the service
        applies. Dates already stored are left alone: a booked lead marked
        spam keeps its appointment date, and its page still saves a note."""
        data = super().clean()
        dates_changed = {"appointment_on", "first_visit_on"} & set(self.changed_data)
        if self.instance.pk and "status" in data and dates_changed:
            try:
                outcome_dates_check(
                    status=data["status"],
                    appointment_on=data.get("appointment_on"),
                    first_visit_on=data.get("first_visit_on"),
                    arrived=timezone.localdate(self.instance.created_at),
                )
            except ValidationError as error:
                self.add_error(None, error)
        return data
