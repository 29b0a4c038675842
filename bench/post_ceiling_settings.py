"""The site's settings with a one-form URLconf: the ceiling for bench/leads.py."""

from clinic.settings import *  # noqa: F403

ROOT_URLCONF = "bench.post_ceiling_urls"
