"""What the lead path carries from the web to the service: plain, frozen data.

The contact form builds a Submission from what the patient sent; the view
builds a Client from the request. leads.services.lead_create stores them and
never sees a form or a request."""

import hashlib
from dataclasses import dataclass, field
from functools import cached_property

from attribution.touches import Touch


@dataclass(frozen=True)
class Submission:
    """A valid contact form, as the patient sent and saw it."""

    name: str
    preferred_contact: str
    message: str
    form_token: str  # the form token's nonce
    shown_at: float  # when the form was first shown (a timestamp)
    phone: str = ""  # E.164
    email: str = ""
    topic_id: int | None = None
    topic_name: str = ""  # as the patient saw it
    location_id: int | None = None  # the office chosen, or the only one
    location_name: str = ""
    patient_type: str = ""
    preferred_times: tuple[str, ...] = ()
    insurance: str = ""
    checker_version: int | None = None
    checker_summary: str = ""  # only when the patient chose to attach it
    article_id: int | None = None
    article_title: str = ""
    source_page: str = ""
    honeypot: str = ""  # the hidden field people never see

    @cached_property
    def fingerprint(self) -> str:
        """A hash of what the person wrote, to recognise the same form sent twice."""
        parts = [self.name, self.phone, self.email.lower(), self.message]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@dataclass(frozen=True)
class Client:
    """Who sent it, as far as we keep it: a keyed hash of the address (for
    rate limits, never the address) and the campaign touches from cookies."""

    address_hash: str
    first_touch: Touch = field(default_factory=dict)
    last_touch: Touch = field(default_factory=dict)
