"""The site's settings with a one-view URLconf: the ceiling for bench/pages.py."""

from clinic.settings import *  # noqa: F403

ROOT_URLCONF = "bench.ceiling_urls"
