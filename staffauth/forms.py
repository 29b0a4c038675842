import re

from django import forms
from django.core.exceptions import ValidationError


class AuthenticatorCodeForm(forms.Form):
    code = forms.CharField(
        label="6-digit code from your authenticator app",
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "autofocus": True,
                "size": 8,
            }
        ),
    )

    def clean_code(self):
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not re.fullmatch(r"\d{6}", code):
            raise ValidationError(
                "Enter the 6 digits your authenticator app shows now.", code="format"
            )
        return code


class RecoveryCodeForm(forms.Form):
    code = forms.CharField(
        label="One of your recovery codes",
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "none",
                "spellcheck": "false",
                "autofocus": True,
                "size": 12,
            }
        ),
    )

    def clean_code(self):
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"]).lower()
        if not re.fullmatch(r"[a-z2-7]{8}", code):
            raise ValidationError(
                "A recovery code is 8 letters and digits, as on your list.",
                code="format",
            )
        return code
