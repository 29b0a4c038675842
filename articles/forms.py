from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from articles.models import Post
from articles.widgets import MarkdownEditor


class PostAdminForm(forms.ModelForm):
    """The editors' form. `base_version` is the version the editor started from:
    if someone saved the post since, saving is refused and the editor is shown
    the other version, so nobody's words are silently overwritten."""

    base_version = forms.IntegerField(
        required=False, widget=forms.HiddenInput, label="Version you started from"
    )

    class Meta:
        model = Post
        fields = [
            "title",
            "slug",
            "excerpt",
            "body",
            "topics",
            "author",
            "published_at",
            "image",
            "image_alt",
            "seo_title",
            "seo_description",
            "related_picks",
        ]
        widgets = {
            "excerpt": forms.Textarea(attrs={"rows": 3}),
            "body": MarkdownEditor(attrs={"rows": 30}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.conflict = None  # (the version the editor started from, the newer one)
        if self.instance.pk:
            latest = self.instance.latest_version()
            self.fields["base_version"].initial = latest.history_id if latest else None

    def clean(self):
        cleaned = super().clean()
        if not self.instance.pk:
            return cleaned
        # The admin's change view runs in one transaction: this lock holds until
        # the save, so two saves of the same post take turns.
        Post.objects.select_for_update().filter(pk=self.instance.pk).first()
        latest = self.instance.latest_version()
        base = cleaned.get("base_version")
        if latest and base != latest.history_id:
            started = self.instance.history.filter(history_id=base).first()
            self.conflict = (started, latest)
            # Saving again after reading the other version is a decision, not a
            # race: the next submit starts from the newer version.
            self.data = self.data.copy()
            self.data[self.add_prefix("base_version")] = latest.history_id
            who = latest.history_user
            raise ValidationError(
                "Someone else saved this post while you were editing it "
                "(%(who)s, %(when)s). Nothing was saved: compare their version "
                "below with yours, then save again to keep yours.",
                code="edit_conflict",
                params={
                    "who": (who.get_full_name() or who.get_username())
                    if who
                    else "another editor",
                    "when": timezone.localtime(latest.history_date).strftime(
                        "%Y-%m-%d %H:%M"
                    ),
                },
            )
        return cleaned


class SendBackForm(forms.Form):
    comment = forms.CharField(
        label="What needs to change",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        help_text="The editor sees this on the post.",
    )


class ApproveForm(forms.Form):
    """Carries the version the reviewer read, so a newer one is never approved
    unseen."""

    version = forms.IntegerField(widget=forms.HiddenInput)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="Why it is withdrawn",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Kept in the post's editorial history. The address answers "
        "410 Gone at once.",
    )


class SearchForm(forms.Form):
    q = forms.CharField(label="Search articles", required=False, strip=True)

    MAX_QUERY_LENGTH = 200

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Null characters are removed in clean_q() rather than refused.
        self.fields["q"].validators = []

    def clean_q(self):
        # Odd characters and very long queries still get an answer: NUL bytes are
        # dropped and only the first MAX_QUERY_LENGTH characters are searched.
        query = self.cleaned_data["q"].replace("\x00", "")
        return " ".join(query.split())[: self.MAX_QUERY_LENGTH]
