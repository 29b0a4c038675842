"""The contact form, for any page that offers it (articles, the checker)."""

from django import template
from django.template.loader import render_to_string

from clinic.pagecache import CSRF_PLACEHOLDER
from leads.forms import FORM_TOKEN_PLACEHOLDER, ContactForm

register = template.Library()


@register.simple_tag(takes_context=True)
def contact_form(context, *, article=None, topic=None, checker_state=""):
    """
    An empty contact form for this page, preset with its article and topic.

    Its tokens are placeholders: the page may be cached, and
    clinic.pagecache fills in each visitor's own. (Rendered on its own rather
    than as an inclusion tag, which would copy in the page's real CSRF token.)
    """
    request = context["request"]
    initial = {"page": request.path, "form_token": FORM_TOKEN_PLACEHOLDER}
    if article:
        initial["article"] = article.slug
    if topic:
        initial["topic"] = topic.pk
    if checker_state:
        initial["checker_state"] = checker_state
    return render_to_string(
        "leads/includes/contact_form.html",
        {
            "form": ContactForm(initial=initial),
            "csrf_token": CSRF_PLACEHOLDER,
            "clinic": context.get("clinic"),
        },
    )
