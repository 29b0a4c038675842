from django import forms

from leads.models import Lead
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
        fields = ["status", "owner"]
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
