"""Dates written the way HTML's `datetime` attribute accepts them."""

import datetime

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def html_datetime(value):
    """
    A date as YYYY-MM-DD; a date and time, in the current time zone, as
    YYYY-MM-DDTHH:MM:SS+HH:MM. (The `c` date format adds microseconds, which the
    attribute does not allow.)
    """
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""
