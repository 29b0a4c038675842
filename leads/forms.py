import secrets
import unicodedata
from functools import cache

from django import forms
from django.conf import settings
from django.core import signing
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.html import format_html
from phonenumber_field.formfields import PhoneNumberField

from articles.models import Post
from clinic.pagecache import placeholder
from leads.fields import LocationField, TopicField
from leads.models import Lead
from leads.submissions import Submission
from locations.selectors import public_locations

FORM_TOKEN_PLACEHOLDER = placeholder("form_token")
TOKEN_SALT = "leads.form-token"  # noqa: S105 (a namespace, not a secret)
CHECKER_ANSWERS_SALT = "leads.checker-answers"
# Characters that reorder or hide text (right-to-left overrides, isolates,
# direction marks): a name or message holding them shows other than it reads.
BIDI_CONTROLS = dict.fromkeys(
    map(
        ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    ),
    None,
)


def without_bidi_controls(text):
    return text.translate(BIDI_CONTROLS)


def has_visible_letter(text):
    return any(unicodedata.category(char).startswith("L") for char in text)


def issue_form_token(*, shown_at=None):
    """A signed one-time token with the time the form was first shown.

    It is the same kind of value for every visitor (not tied to a session), so a
    page holding it can be cached; duplicates are recognised by token *and*
    content together. It expires LEADS_FORM_TOKEN_HOURS after it was issued.
    """
    if shown_at is None:
        shown_at = timezone.now().timestamp()
    return signing.dumps({"n": secrets.token_hex(12), "t": shown_at}, salt=TOKEN_SALT)


def read_form_token(value, *, max_age=None):
    """(nonce, time first shown) of a form token; raises signing.BadSignature
    (also when older than max_age seconds: signing.SignatureExpired)."""
    try:
        token = signing.loads(value, salt=TOKEN_SALT, max_age=max_age)
        return str(token["n"]), float(token["t"])
    except (KeyError, TypeError, ValueError) as exc:
        raise signing.BadSignature("Malformed form token") from exc


def replacement_form_token(value):
    """
    A fresh token for a form whose token was refused (expired, or the page
    failed its CSRF check): it keeps the time the form was first shown, so the
    person need not wait again, while a forged token gains nothing.
    """
    try:
        _nonce, shown_at = read_form_token(value or "")
    except signing.BadSignature:
        shown_at = None
    return issue_form_token(shown_at=shown_at)


def sign_checker_answers(*, version, summary):
    """
    The value a page puts in the form's `checker_state` field to offer the
    patient to attach their condition checker answers (see checker.views): the
    rule set's version and a summary, signed so nobody can forge them.
    """
    return signing.dumps(
        {"v": version, "s": summary}, salt=CHECKER_ANSWERS_SALT, compress=True
    )


def fresh_form_token(request):
    """A new form token for a cached page (settings.PAGE_CACHE_PLACEHOLDERS)."""
    return issue_form_token()


@cache
def consent_label():
    """The consent checkbox's label (with its link), built once per process."""
    return format_html(
        "I agree that {} may contact me about my request and store what I sent "
        'as described in the <a href="{}">privacy notice</a>.',
        settings.CLINIC_NAME,
        reverse("leads:privacy"),
    )


class ContactForm(forms.Form):
    """The patient contact form, on every article, /contact/ and condition pages."""

    name = forms.CharField(
        label="Full name",
        max_length=120,
        widget=forms.TextInput({"autocomplete": "name"}),
        error_messages={"required": "Please enter your name."},
    )
    phone = PhoneNumberField(
        label="Phone",
        required=False,
        help_text="Give a phone number or an email address (or both). A US number, "
        "or include the country code.",
        widget=forms.TextInput(
            {"autocomplete": "tel", "inputmode": "tel", "type": "tel"}
        ),
        error_messages={
            "invalid": "Enter a phone number we can call, e.g. (201) 555-0142."
        },
    )
    email = forms.EmailField(
        label="Email",
        required=False,
        max_length=254,
        widget=forms.EmailInput({"autocomplete": "email"}),
    )
    preferred_contact = forms.ChoiceField(
        label="How should we contact you?",
        choices=Lead.PreferredContact.choices,
        initial=Lead.PreferredContact.CALL,
        widget=forms.RadioSelect,
        error_messages={"required": "Please choose how we should contact you."},
    )
    message = forms.CharField(
        label="How can we help?",
        max_length=3000,
        widget=forms.Textarea({"rows": 5}),
        error_messages={"required": "Please tell us briefly how we can help."},
        help_text="A sentence or two is enough. Please do not include emergencies: "
        f"call {settings.EMERGENCY_NUMBER}.",
    )
    topic = TopicField(label="Topic", required=False)
    # The appointment request. `location` is only on the form when the clinic
    # has more than one office; none of these is needed to send a message.
    location = LocationField(label="Which office?", required=False)
    patient_type = forms.ChoiceField(
        label="Have you been to us before?",
        choices=Lead.PatientType.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    preferred_times = forms.MultipleChoiceField(
        label="When would suit you for an appointment?",
        choices=Lead.PreferredTime.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick any that suit you.",
    )
    insurance = forms.CharField(
        label="Insurance (optional)",
        max_length=200,
        required=False,
        help_text="Optional: your insurance company or plan, if you like. You can "
        "also tell us later.",
        widget=forms.TextInput({"autocomplete": "off"}),
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={"required": "Please agree so we may contact you."},
    )
    # Honeypot: hidden from sight and from assistive technology; people leave it
    # empty, simple bots fill it in.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput({"tabindex": "-1", "autocomplete": "off"}),
    )
    # Only on the condition checker's result page: the signed answers, attached
    # to the lead when the patient ticks the box.
    checker_state = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=4000
    )
    attach_answers = forms.BooleanField(
        label="Attach a short summary of my answers from the condition checker",
        required=False,
    )
    form_token = forms.CharField(widget=forms.HiddenInput)
    page = forms.CharField(widget=forms.HiddenInput, required=False, max_length=500)
    article = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_label()
        self.locations = public_locations()
        if len(self.locations) > 1:
            self.fields["location"].set_locations(self.locations)
            self.fields["location"].required = True
        else:
            del self.fields["location"]
        if not self.is_bound:
            self.initial.setdefault("form_token", issue_form_token())

    def refresh_token_if_invalid(self):
        """After a bad token, hand out a fresh one so the next send can succeed."""
        if "form_token" in self.errors:
            self.data = self.data.copy()
            self.data["form_token"] = replacement_form_token(
                self.data.get("form_token")
            )

    def clean_phone(self):
        # From here on the number is plain E.164 text ("+12015550199"): cheap to
        # compare and store, and checked for validity only once.
        phone = self.cleaned_data.get("phone")
        return phone.as_e164 if phone else ""

    def clean_name(self):
        name = " ".join(without_bidi_controls(self.cleaned_data["name"]).split())
        if not has_visible_letter(name):
            raise forms.ValidationError(
                "Please enter your name in letters.", code="no_letters"
            )
        return name

    def clean_message(self):
        return without_bidi_controls(self.cleaned_data["message"])

    def clean_insurance(self):
        return without_bidi_controls(self.cleaned_data["insurance"]).strip()

    def clean_form_token(self):
        try:
            nonce, shown_at = read_form_token(
                self.cleaned_data["form_token"],
                max_age=settings.LEADS_FORM_TOKEN_HOURS * 3600,
            )
        except signing.SignatureExpired as exc:
            raise forms.ValidationError(
                "This form was open for a long time and has expired. Please check "
                "your details and send it again.",
                code="expired_token",
            ) from exc
        except signing.BadSignature as exc:
            raise forms.ValidationError(
                "This form was changed or has expired. Please check your details and "
                "send it again.",
                code="bad_token",
            ) from exc
        self.shown_at = shown_at
        return nonce

    def clean_page(self):
        page = self.cleaned_data["page"]
        # Only a path of one of this site's pages; anything else is dropped.
        if not page.startswith("/") or page.startswith("//"):
            return ""
        try:
            resolve(page)
        except Resolver404:
            return ""
        return page

    def clean_checker_state(self):
        """
        The condition checker's rule-set version and a summary of the answers,
        as {"version", "summary"}, or None when the form did not come from it.
        """
        text = self.cleaned_data["checker_state"]
        if not text:
            return None
        try:
            answers = signing.loads(text, salt=CHECKER_ANSWERS_SALT)
            version, summary = int(answers["v"]), str(answers["s"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            return None  # never block a patient over it; the lead has no summary
        return {"version": version, "summary": summary}

    def clean_article(self):
        slug = self.cleaned_data["article"]
        if not slug:
            return None
        return Post.objects.published().with_live_version().filter(slug=slug).first()

    def clean(self):
        cleaned = super().clean()
        # Bytes that were not valid UTF-8 arrive as U+FFFD: refuse them rather than
        # storing a garbled name or message.
        for name in ("name", "email", "message", "insurance"):
            if "\ufffd" in str(cleaned.get(name, "")):
                self.add_error(
                    name,
                    forms.ValidationError(
                        "This contains characters we could not read. Please retype it.",
                        code="invalid_characters",
                    ),
                )
        location = self.chosen_location()
        if (
            location is not None
            and not location.accepts_new_patients
            and cleaned.get("patient_type") == Lead.PatientType.NEW
        ):
            self.add_error(
                "location" if "location" in self.fields else "patient_type",
                forms.ValidationError(
                    "Our %(name)s office is not taking new patients at the moment. "
                    + (
                        "Please choose another office."
                        if "location" in self.fields
                        else "Please call us and we will help you find care."
                    ),
                    code="not_taking_new_patients",
                    params={"name": location.name},
                ),
            )
        if "phone" in self.errors or "email" in self.errors:
            return cleaned
        phone, email = cleaned.get("phone"), cleaned.get("email")
        preferred = cleaned.get("preferred_contact")
        if not phone and not email:
            self.add_error(
                "phone",
                forms.ValidationError(
                    "Please give a phone number or an email address (or both) so we "
                    "can reach you.",
                    code="no_contact",
                ),
            )
        elif preferred in ("call", "text") and not phone:
            self.add_error(
                "phone",
                forms.ValidationError(
                    "You asked us to call or text: please add a phone number, or "
                    "choose email.",
                    code="phone_for_call",
                ),
            )
        elif preferred == "email" and not email:
            self.add_error(
                "email",
                forms.ValidationError(
                    "You asked us to email: please add an email address, or choose "
                    "a call or text.",
                    code="email_for_email",
                ),
            )
        return cleaned

    def submission(self):
        """What the patient sent, as plain data for leads.services.lead_create
        (call it after is_valid())."""
        data = self.cleaned_data
        location = self.chosen_location()
        article = data.get("article")
        checker = data.get("checker_state") or {}
        return Submission(
            name=data["name"],
            phone=data.get("phone", ""),
            email=data.get("email", ""),
            preferred_contact=data["preferred_contact"],
            message=data["message"],
            form_token=data["form_token"],
            shown_at=self.shown_at,
            topic_id=data.get("topic"),
            topic_name=dict(self.fields["topic"].choices).get(data.get("topic"), ""),
            location_id=location.pk if location else None,
            location_name=location.name if location else "",
            patient_type=data.get("patient_type", ""),
            preferred_times=tuple(data.get("preferred_times", ())),
            insurance=data.get("insurance", ""),
            checker_version=checker.get("version"),
            # The answers themselves only when the patient ticked the box.
            checker_summary=checker.get("summary", "")
            if data.get("attach_answers")
            else "",
            article_id=article.pk if article else None,
            article_title=article.public_title if article else "",
            source_page=data.get("page", ""),
            honeypot=data.get("website", ""),
        )

    def chosen_location(self):
        """The office the patient chose, the only one there is, or None."""
        if "location" not in self.fields:
            return self.locations[0] if self.locations else None
        pk = self.cleaned_data.get("location")
        return next((x for x in self.locations if x.pk == pk), None)
