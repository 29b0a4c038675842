"""Reads about leads that several places share (the admin's list, its filters,
search and lead page). Writes with side effects live in leads/services.py."""

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from phonenumber_field.phonenumber import PhoneNumber, to_python

from clinic.roles import FRONT_DESK
from leads.models import Lead


def phone_to_e164(text: str) -> str | None:
    """E.164 for text that is a valid phone number however it is typed, else
    None (a date or a partial number is not taken for a phone number)."""
    if any(ch.isalpha() for ch in text):
        return None
    number = to_python(text)
    if isinstance(number, PhoneNumber) and number.is_valid():
        return number.as_e164
    return None


def leads_with_phone(queryset: QuerySet[Lead], text: str) -> QuerySet[Lead] | None:
    """The leads of `queryset` whose phone number is `text` however it is
    typed (an exact, indexed lookup), or None when `text` is no phone number."""
    phone = phone_to_e164(text)
    if phone is None:
        return None
    return queryset.filter(phone=phone)


def lead_duplicates(lead: Lead, *, limit: int = 20) -> list[Lead]:
    """Other leads with the same phone number or e-mail address."""
    condition = Q()
    if lead.phone:
        condition |= Q(phone=lead.phone)
    if lead.email:
        condition |= Q(email__iexact=lead.email)
    if not condition:
        return []
    return list(Lead.objects.filter(condition).exclude(pk=lead.pk)[:limit])


def front_desk_users(*, including: int | None = None) -> QuerySet[Any]:
    """Active front-desk users, by username, plus the user with pk `including`
    (say, a lead's current owner from outside the front desk)."""
    condition = Q(groups__name=FRONT_DESK, is_active=True)
    if including is not None:
        condition |= Q(pk=including)
    return get_user_model().objects.filter(condition).distinct().order_by("username")


def lead_sources_recent(*, among: int = 5000, limit: int = 50) -> list[str]:
    """The campaign sources (utm_source) of the latest `among` leads, sorted."""
    # The latest leads are those from the among-th newest key on: a short walk
    # down the primary key finds it, and one range scan of the newest rows
    # (together on disk) reads their sources. Asking for "pk IN (the newest
    # keys)" instead looked each row up on its own, which grew with the table.
    keys = Lead.objects.order_by("-pk").values_list("pk", flat=True)
    oldest = keys[among - 1 :].first()
    latest = Lead.objects.all()
    if oldest is not None:
        latest = latest.filter(pk__gte=oldest)
    sources = (
        latest.exclude(utm_source="")
        .order_by()
        .values_list("utm_source", flat=True)
        .distinct()[:limit]
    )
    return sorted(sources)


def client_recent_leads(address_hash: str, *, now: datetime) -> list[datetime]:
    """When one client's latest leads arrived, newest first: as many as the spam
    rate limit and the notification allowance need, from the longer of their
    windows (the (client_hash, created_at) index answers it)."""
    window = max(settings.LEADS_RATE_WINDOW_SECONDS, 3600)
    return list(
        Lead.objects.filter(
            client_hash=address_hash, created_at__gte=now - timedelta(seconds=window)
        )
        .order_by("-created_at")
        .values_list("created_at", flat=True)[
            : max(settings.LEADS_RATE_LIMIT, settings.LEADS_NOTIFY_PER_CLIENT_HOUR)
        ]
    )


def form_token_fingerprints(form_token: str, *, limit: int) -> list[str]:
    """The fingerprints of leads one form token stored (at most `limit`)."""
    return list(
        Lead.objects.filter(form_token=form_token)
        .order_by()
        .values_list("fingerprint", flat=True)[:limit]
    )
