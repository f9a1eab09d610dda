"""Playwright (pytest-playwright) driving Debian's Chromium against pytest-django's live server.

Never run `playwright install`: the browser is the system's /usr/bin/chromium.
"""

import os
from pathlib import Path

import pytest

from ..tools import CHROMIUM, IN_CI, ON_POSTGRES, SQLITE_ONLY_REASON, missing_tool_reason, require_tools

HERE = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(config, items):
    # Decided at collection, before the session-wide browser would be launched.
    reason = SQLITE_ONLY_REASON if ON_POSTGRES else (None if IN_CI else missing_tool_reason())
    for item in items:
        if HERE in Path(item.fspath).resolve().parents:
            item.add_marker(pytest.mark.browser)
            # pytest-django creates only the databases that marked tests use: without the
            # marker, a browser test file run alone found no tables at all.
            item.add_marker(pytest.mark.django_db)
            if reason:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session", autouse=True)
def _allow_database_access_beside_playwrights_event_loop():
    """pytest-playwright's sync API runs an event loop in the test's thread; Django then
    refuses database access from that thread unless DJANGO_ALLOW_ASYNC_UNSAFE is set (it is
    safe here: the test and the live server's thread use the database one at a time).

    Set for the browser tests only (they run last), never process-wide at import:
    `check --deploy` rightly fails (async.E001) wherever the variable is set.
    """
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    if previous is None:
        os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "headless": True, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # Our own CSP forbids injected scripts: bypass it so axe-core can be added to the page.
    return {**browser_context_args, "bypass_csp": True, "locale": "zh-CN", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture(scope="session")
def _demo_server(django_db_setup, django_db_blocker):
    """One live server for the whole session, on the demo data that django_db_setup loaded.

    Not pytest-django's `live_server`: that one takes `transactional_db`, which flushes the
    database after every test, and the demo (with the categories and calendar that the
    migrations seed) would be gone for the next journey. The SQLite test database is in
    memory, so the server's thread shares the test's connection and sees its transaction.
    """
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
    yield server
    server.stop()


@pytest.fixture
def site(request):
    """The live site with the demo data; what a test writes is rolled back after it.

    Skips before any browser starts when tools are missing (or on PostgreSQL).
    """
    require_tools()
    request.getfixturevalue("db")
    return request.getfixturevalue("_demo_server").url
