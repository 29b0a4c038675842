"""Choice fields checked against lists kept with the cached pages, so a
submission costs no query for them."""

from django import forms
from django.db import DatabaseError

from articles.models import Topic
from clinic.pagecache import cached_value, forget_value

TOPICS_CACHE = "leads.topic-choices"


def topic_choices():
    """The topics a patient can pick, as (id, name), kept with the cached pages.

    With the database unreachable (and the list not cached) only "Not sure" is
    offered, so the form can still be shown again with what the patient typed."""
    try:
        topics = cached_value(
            TOPICS_CACHE, lambda: list(Topic.objects.values_list("pk", "name"))
        )
    except DatabaseError:
        topics = []
    return [("", "Not sure / something else"), *topics]


class TopicField(forms.TypedChoiceField):
    """
    A topic's id, checked against the cached list of topics, so a submission
    costs no query for it. An id missing from the list is looked up in the
    database: a topic added a moment ago (maybe on another app server) is
    accepted, and the list is read again. One deleted a moment ago is caught
    when the lead is stored (leads.services).
    """

    default_error_messages = {
        "invalid_choice": "Please choose one of the topics in the list.",
    }

    def __init__(self, **kwargs):
        super().__init__(choices=topic_choices, coerce=int, empty_value=None, **kwargs)

    def valid_value(self, value):
        if super().valid_value(value):
            return True
        value = str(value)
        if not value.isascii() or not value.isdigit() or len(value) > 18:
            return False
        if not Topic.objects.filter(pk=int(value)).exists():
            return False
        forget_value(TOPICS_CACHE)
        return True


class LocationField(forms.TypedChoiceField):
    """One of the clinic's offices, checked against the cached list (no query)."""

    default_error_messages = {
        "invalid_choice": "Please choose one of our offices in the list.",
        "required": "Please choose the office you would like to visit.",
    }

    def __init__(self, **kwargs):
        super().__init__(coerce=int, empty_value=None, **kwargs)

    def set_locations(self, locations):
        self.choices = [("", "Choose an office")] + [
            (
                x.pk,
                f"{x.name} – {x.street}"
                + ("" if x.accepts_new_patients else " (existing patients only)"),
            )
            for x in locations
        ]
