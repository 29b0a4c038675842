"""The Markdown editor for a post's body: a toolbar and a live preview."""

from django import forms
from django.forms.widgets import Script
from django.urls import reverse


class MarkdownEditor(forms.Textarea):
    """
    A textarea that static/articles/editor.js enhances with a formatting
    toolbar, an image chooser and a live preview rendered by the server
    (articles.editor_views). Without JavaScript it is the plain textarea: the
    toolbar and preview stay hidden.

    Its template is in articles/templates/, where the form renderer looks.
    """

    template_name = "articles/widgets/markdown_editor.html"

    class Media:
        css = {"all": ["articles/editor.css"]}
        js = [Script("articles/editor.js", defer=True)]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["editor"] = {
            "preview_url": reverse("articles:markdown-preview"),
            "images_url": reverse("articles:body-image-choices"),
            "upload_url": reverse("admin:articles_bodyimage_add"),
        }
        return context
