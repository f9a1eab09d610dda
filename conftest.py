"""Shared test personas: one staff user per role, an outsider and the anonymous public."""

import pytest
from django.contrib.auth.models import Group, User

from loudi_portal.roles import ROLES, sync_role_groups

PASSWORD = "correct-horse-battery-staple-9"


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    """Tests do not run collectstatic, so resolve static files without the manifest."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Background jobs run inside the request that queues them (the worker's own tests use the
    # database queue: loudi_portal/tests/test_export_jobs.py).
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    from loudi_portal.workdays import invalidate_cache

    cache.clear()
    invalidate_cache(everywhere=False)  # a rolled-back test must not leave its calendar behind
    yield
    cache.clear()
    invalidate_cache(everywhere=False)


def _make_staff(username: str, role: str | None) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, is_staff=True)
    if role:
        user.groups.add(Group.objects.get(name=ROLES[role]))
    return user


@pytest.fixture
def roles(db):
    sync_role_groups()


@pytest.fixture
def editor(roles):
    return _make_staff("editor", "editor")


@pytest.fixture
def editor2(roles):
    return _make_staff("editor2", "editor")


@pytest.fixture
def reviewer(roles):
    return _make_staff("reviewer", "reviewer")


@pytest.fixture
def auditor(roles):
    return _make_staff("auditor", "auditor")


@pytest.fixture
def admin_user(roles):
    """A member of the 管理员 group (not a superuser)."""
    return _make_staff("bureau_admin", "admin")


@pytest.fixture
def outsider(roles):
    """Staff flag but no role: can log in to nothing useful."""
    return _make_staff("outsider", None)


@pytest.fixture
def persona(request, client, db):
    """Log in as the persona named by the test's parameter ("anonymous" stays logged out)."""

    def login(name: str):
        if name == "anonymous":
            return None
        user = request.getfixturevalue(name)
        client.force_login(user)
        return user

    return login
