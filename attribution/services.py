"""Counting what campaigns bring: visits that start from one, and taps on a
phone number. Counters only; nothing about the visitor is stored."""

import logging
import re
from collections.abc import Callable
from datetime import date
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from attribution.models import CallClick, CampaignVisit
from attribution.touches import MAX_URL_LENGTH, Touch, clip, touch_source

logger = logging.getLogger(__name__)

# Visits from campaigns: robots that name themselves are not counted, and a
# day keeps at most this many campaign counters (the rest count as one).
ROBOT = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|curl", re.I)
MAX_CAMPAIGNS_A_DAY = 200
OTHER_CAMPAIGNS = "(other)"

Key = dict[str, Any]


def count_up(
    model: type[models.Model],
    *,
    defaults: dict[str, Any] | None = None,
    first_count: Callable[[Key], Key] | None = None,
    **key: Any,
) -> None:
    """Add one to the `count` of the counter row `key` names, creating it (with
    `defaults`) on its first count. `first_count(key)`, when given, may name
    another row for a first count (a counter past its table's limit counts
    with others). Two app servers counting the first one at once both count:
    the loser of the insert adds to the winner's row."""
    counters = model._default_manager
    if counters.filter(**key).update(count=F("count") + 1):
        return
    if first_count is not None and (other := first_count(key)) != key:
        count_up(model, defaults=defaults, **other)
        return
    try:
        with transaction.atomic():
            counters.create(**key, **(defaults or {}), count=1)
    except IntegrityError:
        counters.filter(**key).update(count=F("count") + 1)


def campaign_visit_record(*, touch: Touch, user_agent: str) -> None:
    """Count a visit that started from a campaign (a first touch with a source):
    one counter per day and campaign, nothing about the visitor. Robots that
    say so (link previews, crawlers) are not counted; campaign values are
    anyone's to write, so past MAX_CAMPAIGNS_A_DAY counters in a day new ones
    are counted together as OTHER_CAMPAIGNS. A database that cannot count the
    visit never costs the visitor the page."""
    source = touch_source(touch)
    if not source or ROBOT.search(user_agent):
        return
    key: Key = {
        "day": timezone.localdate(),
        "utm_source": source,
        "utm_campaign": touch.get("utm_campaign", ""),
    }
    try:
        count_up(CampaignVisit, first_count=_within_the_days_limit, **key)
    except DatabaseError:
        logger.warning("Could not count a campaign visit", exc_info=True)


def _within_the_days_limit(key: Key) -> Key:
    """Where a campaign's first visit of the day is counted: its own counter,
    or OTHER_CAMPAIGNS once the day has MAX_CAMPAIGNS_A_DAY counters."""
    if CampaignVisit.objects.filter(day=key["day"]).count() < MAX_CAMPAIGNS_A_DAY:
        return key
    return {**key, "utm_source": OTHER_CAMPAIGNS, "utm_campaign": ""}


def call_click_record(
    *, page: str, article_id: int | None, touch: Touch, client: str
) -> bool:
    """Count one tap on a click-to-call link on `page` (a page that exists;
    `article_id`, the article it shows), credited to the first touch's
    campaign. Whether it was counted: a client past
    CALL_CLICKS_PER_CLIENT_A_DAY taps today is not counted again."""
    today = timezone.localdate()
    if not _client_may_count(client, today):
        return False
    count_up(
        CallClick,
        defaults={"article_id": article_id},
        day=today,
        page=clip(page or "/", MAX_URL_LENGTH),
        utm_source=touch_source(touch),
        utm_campaign=touch.get("utm_campaign", ""),
    )
    return True


def _client_may_count(client: str, today: date) -> bool:
    """One more tap for this client today, within the day's allowance (kept in
    the shared cache, so every app server counts against the same one)."""
    key = f"attribution:calls:{today.isoformat()}:{client}"
    cache.add(key, 0, timeout=24 * 60 * 60)
    try:
        taps = cache.incr(key)
    except ValueError:  # evicted between add and incr: count this one
        taps = 1
    return taps <= settings.CALL_CLICKS_PER_CLIENT_A_DAY
