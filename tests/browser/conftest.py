"""Fixtures for the browser tests: a real headless Chromium driven by Playwright.

Chromium comes from the system (Debian's package), not from `playwright install`. Without it
the browser tests are skipped locally, but fail under CI so that a broken image cannot pass
by skipping everything.

The tests use pytest-django's `live_server`, which needs a transactional database that is
flushed after each test. Browser tests therefore use serialized rollback, so that each one
starts with the data the migrations seed (Moderator group, vocabularies), and they run last
in the session, so that their flush never empties the database under another test.

Every page is watched for Content-Security-Policy violations (tests/browser/security.py):
one fails the test.
"""

import os
import shutil
from pathlib import Path

import pytest

from .security import watched_context

BROWSER_DIR = Path(__file__).parent
DEFAULT_CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
DESKTOP_VIEWPORT = {"width": 1280, "height": 900}
PHONE_VIEWPORT = {"width": 375, "height": 812}

# Playwright's sync API keeps an asyncio loop registered as running in the main thread, so
# Django would refuse every ORM call made by a test (or by pytest-django's flush) with
# SynchronousOnlyOperation. Nothing here is actually concurrent: the live server runs in its
# own thread with its own connection.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in {"", "0", "false", "no"}


def chromium_path() -> str:
    """Where Chromium is expected: $CHROMIUM_PATH, else /usr/bin/chromium."""
    return os.environ.get("CHROMIUM_PATH") or DEFAULT_CHROMIUM


def find_chromium() -> str | None:
    """The Chromium executable to launch, or None when there is none."""
    configured = chromium_path()
    if os.path.isfile(configured) and os.access(configured, os.X_OK):
        return configured
    if "CHROMIUM_PATH" in os.environ:
        return None  # An explicit path that is wrong should not fall back silently.
    return shutil.which("chromium")


def missing_chromium_message() -> str:
    return (
        f"Chromium not found at {chromium_path()}; install it with apt-get install chromium "
        "(or set CHROMIUM_PATH)"
    )


def _is_browser_test(item: pytest.Item) -> bool:
    return BROWSER_DIR in Path(item.path).parents


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    browser_items = [item for item in items if _is_browser_test(item)]
    if not browser_items:
        return
    chromium_missing = find_chromium() is None
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
        if item.get_closest_marker("django_db") is None:
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))
        if chromium_missing and not in_ci():
            item.add_marker(pytest.mark.skip(reason=missing_chromium_message()))
    # pytest-django has already put transactional tests after the others; put the browser
    # tests after everything that may touch the database, since each one ends with a flush.
    others = [item for item in items if not _is_browser_test(item)]
    items[:] = others + browser_items


@pytest.fixture(scope="module", autouse=True)
def _empty_database(empty_database_for_serialized_rollback):
    """Browser tests use serialized rollback (see tests/conftest.py)."""


@pytest.fixture(scope="session")
def browser():
    executable = find_chromium()
    if executable is None:
        # Only reached under CI (elsewhere the tests are skipped at collection).
        pytest.fail(f"CI is set but {missing_chromium_message()}", pytrace=False)

    from django.db import connections
    from playwright.sync_api import sync_playwright

    # While Playwright runs, asyncio sees a running loop in this thread, so Django's
    # connection handler (an asgiref Local) switches from thread-local to per-context storage
    # and would hand the tests fresh database wrappers: new connections that lack the
    # serialized test data, so serialized rollback would silently do nothing. Keep the ones
    # the test database was set up with.
    wrappers = {alias: connections[alias] for alias in connections}
    with sync_playwright() as p:
        for alias, wrapper in wrappers.items():
            connections[alias] = wrapper
        chromium = p.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def watched_page(browser):
    """A desktop page and the watch that fails the test on any CSP violation."""
    with watched_context(browser, viewport=DESKTOP_VIEWPORT) as (tab, watch):
        yield tab, watch


@pytest.fixture
def page(watched_page):
    return watched_page[0]


@pytest.fixture
def phone_page(browser):
    with watched_context(
        browser, viewport=PHONE_VIEWPORT, is_mobile=True, has_touch=True
    ) as (tab, _watch):
        yield tab
