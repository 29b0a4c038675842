"""Reads of locations that every page shares, kept with the cached pages."""

import logging

from django.db import DatabaseError

from clinic.pagecache import cached_value
from locations.models import Location

logger = logging.getLogger(__name__)

CACHE_NAME = "locations"


def public_locations() -> list[Location]:
    """
    Every location with its hours, in order; cached with the pages (and cleared
    with them when a location changes, see apps.py). While the database cannot
    be read this is empty, so pages fall back to the CLINIC_* settings.
    """
    try:
        return cached_value(CACHE_NAME, lambda: list(Location.objects.listed()))
    except DatabaseError:
        logger.warning("Locations could not be read; showing the CLINIC_* settings")
        return []


def main_location() -> Location | None:
    """The first location (the clinic's main office), or None before any exists."""
    locations = public_locations()
    return locations[0] if locations else None
