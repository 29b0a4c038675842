from django import forms

from articles.models import Post
from articles.widgets import MarkdownEditor


class PostAdminForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = [
            "title",
            "slug",
            "excerpt",
            "body",
            "topics",
            "author",
            "reviewer",
            "reviewed_on",
            "status",
            "published_at",
            "image",
            "image_alt",
            "related_picks",
        ]
        widgets = {
            "excerpt": forms.Textarea(attrs={"rows": 3}),
            "body": MarkdownEditor(attrs={"rows": 30}),
        }


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
