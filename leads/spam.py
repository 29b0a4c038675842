"""
Spam, judged in one place: every sign, the words the front desk reads for it,
and whether it is certain.

Only a certain sign (the hidden honeypot field filled in) files a lead as spam
on arrival. The others can be wrong about a patient, so they only mark the lead
"possible spam": it stays in the front desk's list with the reasons shown.
"""

import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from django.conf import settings

if TYPE_CHECKING:
    from leads.submissions import Submission

SPAM_WORDS = re.compile(
    r"\b(viagra|cialis|casino|crypto ?currency|bitcoin|forex|backlinks?|seo "
    r"services?|web ?design services|loan offer|porn|escort)\b",
    re.IGNORECASE,
)
LINK = re.compile(r"https?://|www\.", re.IGNORECASE)
MAX_LINKS = 2


@dataclass(frozen=True)
class Sign:
    label: str  # what the front desk reads
    certain: bool = False  # files the lead as spam outright


SIGNS = {
    "honeypot": Sign("filled in the hidden field only robots see", certain=True),
    "too_fast": Sign("sent within seconds of opening the page"),
    "many_links": Sign("many links in the message"),
    "spam_words": Sign("words common in spam"),
    "rate_limited": Sign("many messages from one address"),
    "form_resent": Sign("sent again from the same page with other details"),
}


@dataclass(frozen=True)
class Verdict:
    reasons: tuple[str, ...]

    @property
    def certain(self) -> bool:
        """Filed as spam on arrival: nothing is sent about it."""
        return any(SIGNS[reason].certain for reason in self.reasons)

    @property
    def suspected(self) -> bool:
        """Any sign at all: the patient gets no acknowledgement, since the
        address it would go to may not be the sender's."""
        return bool(self.reasons)


def spam_judge(
    *,
    submission: "Submission",
    now: datetime,
    client_recent: list[datetime],
    form_sent_before: bool,
) -> Verdict:
    """Every sign this submission shows. `client_recent` holds when the same
    client's latest leads arrived (newest first; leads.selectors);
    `form_sent_before`, whether its form token already stored another lead."""
    reasons = []
    if submission.honeypot:
        reasons.append("honeypot")
    if now.timestamp() - submission.shown_at < settings.LEADS_MIN_SECONDS:
        reasons.append("too_fast")
    if len(LINK.findall(submission.message)) > MAX_LINKS:
        reasons.append("many_links")
    if SPAM_WORDS.search(submission.message) or SPAM_WORDS.search(submission.name):
        reasons.append("spam_words")
    if _rate_limited(client_recent, now):
        reasons.append("rate_limited")
    if form_sent_before:
        reasons.append("form_resent")
    return Verdict(tuple(reasons))


def _rate_limited(client_recent: list[datetime], now: datetime) -> bool:
    """Did this client already send LEADS_RATE_LIMIT leads within the window?"""
    window = now - timedelta(seconds=settings.LEADS_RATE_WINDOW_SECONDS)
    return sum(at >= window for at in client_recent) >= settings.LEADS_RATE_LIMIT


def spam_reasons_display(reasons: list[str]) -> str:
    """The reasons as the front desk reads them."""
    return ", ".join(SIGNS[r].label if r in SIGNS else r for r in reasons)
