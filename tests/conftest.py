import shutil

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


@pytest.fixture(autouse=True, scope="session")
def _clean_test_media():
    yield
    shutil.rmtree(settings.MEDIA_ROOT, ignore_errors=True)


@pytest.fixture(autouse=True)
def _empty_page_cache():
    """Each test starts with no cached pages, and no allowances used up (the
    default cache counts call taps per client and day)."""
    from django.core.cache import cache

    from clinic import pagecache

    pagecache.clear()
    cache.clear()


def pytest_collection_modifyitems(config, items):
    """Every test in a test_browser*.py module drives Chromium: mark it `browser`."""
    for item in items:
        if item.path.name.startswith("test_browser"):
            item.add_marker(pytest.mark.browser)


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium, headless, driven by Playwright."""
    import os

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls
    # made by the test itself (setting up rows, checking results) are still
    # ordinary synchronous calls.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-gpu",
            ],
        )
        yield chromium
        chromium.close()


def _new_tab(browser, live_server, width, height):
    context = browser.new_context(
        viewport={"width": width, "height": height}, base_url=live_server.url
    )
    context.set_default_timeout(10_000)
    return context.new_page()


@pytest.fixture
def page(browser, live_server):
    """A fresh browser tab at a phone-sized viewport, with the live server's URL."""
    tab = _new_tab(browser, live_server, 360, 780)
    yield tab
    tab.context.close()


@pytest.fixture
def desktop_page(browser, live_server):
    """A fresh browser tab at a desktop viewport (the admin)."""
    tab = _new_tab(browser, live_server, 1280, 900)
    yield tab
    tab.context.close()


@pytest.fixture
def at_latest():
    """For tests of data migrations: whatever the test does, the database ends
    fully migrated (tests/migrating.py moves it back and forth)."""
    yield
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
