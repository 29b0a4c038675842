from django import forms
from django.core.exceptions import ValidationError

from redirects.models import ADDRESS_FIELDS, Redirect
from redirects.paths import normalise_path
from redirects.services import redirect_validate


class RedirectAdminForm(forms.ModelForm):
    """A redirect as editors type it: each address checked on its own, then the
    pair against the redirects that exist (no circles, one hop)."""

    class Meta:
        model = Redirect
        fields = ["old_path", "new_path", "note"]

    def clean_old_path(self):
        return self._normalised("old_path")

    def clean_new_path(self):
        return self._normalised("new_path")

    def clean(self):
        cleaned_data = super().clean()
        if "old_path" in cleaned_data and "new_path" in cleaned_data:
            try:
                redirect_validate(
                    old_path=cleaned_data["old_path"],
                    new_path=cleaned_data["new_path"],
                )
            except ValidationError as error:
                self.add_error(None, error)
        return cleaned_data

    def _normalised(self, name):
        return normalise_path(
            self.cleaned_data[name], query_allowed=ADDRESS_FIELDS[name]
        )
