"""Fixtures of the site-wide quality checks: the demo database, loaded once per session."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

HERE = Path(__file__).resolve().parent

# Every data migration that writes the notice catalogue, in migration order: a flush removes
# all of their rows, and the demo (and the self-check's tests) expect each seeded column.
CATALOGUE_SEEDS = (
    ("disclosure.migrations.0003_seed_catalogue", "seed"),
    ("disclosure.migrations.0007_column_update_rules", "seed"),
    ("disclosure.migrations.0009_document_relations", "mark_accident_reports"),
)


def _reseed_migration_data():
    """A flush (transactional tests) also removes the rows the migrations seed: the notice
    catalogue and the working-day calendar. Without the catalogue the demo has no notices."""
    from importlib import import_module

    from django.apps import apps

    from disclosure.models import Category
    from loudi_portal import audit_chain
    from loudi_portal.models import WorkCalendarEntry

    if not Category.objects.exists():
        # With the migrations' own model classes (as `migrate` runs them): no history rows,
        # so the reseeded catalogue has no unattributed history (the demo's records all do).
        from django.db import connection
        from django.db.migrations.loader import MigrationLoader

        state_apps = MigrationLoader(connection).project_state().apps
        for module, function in CATALOGUE_SEEDS:
            getattr(import_module(module), function)(state_apps, None)
    if not WorkCalendarEntry.objects.exists():
        import_module("loudi_portal.migrations.0003_seed_work_calendar").seed_calendar(apps, None)
    # Like `migrate` (audit.adopt_after_migrate): chain the history rows the seeds wrote without signals.
    audit_chain.adopt_unchained()


def _load_demo():
    _reseed_migration_data()
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database of these checks holds the demo data (loaded once per session)."""
    with django_db_blocker.unblock():
        _load_demo()


@pytest.fixture
def demo(db):
    """The demo data, for tests in their own transaction (rolled back after each test).

    A transactional test elsewhere may have flushed the database since the session
    loaded it; then it is loaded again (inside this test's transaction).
    """
    from loudi_portal.models import BureauProfile

    if not BureauProfile.objects.exists():
        _load_demo()


def _flushes_database(item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = marker is not None and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))
    fixtures = getattr(item, "fixturenames", ())
    return bool(transactional) or "transactional_db" in fixtures or "live_server" in fixtures


def pytest_collection_modifyitems(config, items):
    """Among these checks, run those that flush the database (transactional, pytest-django's live
    server) after the others, the browser tests last in each group (their own live server does not
    flush), so the demo data loaded once per session serves every other check. Tests of the apps
    keep their order (they run first, on an empty database)."""

    def key(item):
        if HERE not in Path(str(item.fspath)).resolve().parents:
            return (0, 0)
        return (1 + _flushes_database(item), 1 + (item.get_closest_marker("browser") is not None))

    items.sort(key=key)
