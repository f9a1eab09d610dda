"""Factories for notices: drafts written by an editor, published by a reviewer."""

from contextlib import contextmanager
from unittest import mock

import pytest
from django.utils import timezone

from disclosure.models import Category, Notice
from loudi_portal import publishing
from loudi_portal.identifiers import make_credit_code
from loudi_portal.models import BureauProfile

CREDIT_CODE = make_credit_code("11431300MB1234567")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files of a test go to its own folder, never into var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@contextmanager
def _clock_at(moment):
    if moment is None:
        yield
        return
    with mock.patch.object(timezone, "now", lambda: moment):
        yield


@pytest.fixture
def bureau(db):
    return BureauProfile.objects.update_or_create(
        pk=1, defaults={"name": "娄底市应急管理局", "credit_code": CREDIT_CODE}
    )[0]


def _seeded(slug, name, parent_slug=None, **extra):
    # Seeded by migration 0003; transactional tests flush it, so re-create when missing.
    parent = _seeded(parent_slug, parent_slug) if parent_slug else None
    return Category.objects.get_or_create(slug=slug, defaults={"name": name, "parent": parent, **extra})[0]


@pytest.fixture
def category(db):
    return _seeded("announcements", "通知公告")


@pytest.fixture
def normative(db):
    return _seeded("normative-documents", "规范性文件", "policies", is_normative=True)


@pytest.fixture
def make_draft(editor, category):
    def make(title="关于开展安全生产检查的通知", *, by=None, category=category, **fields):
        fields.setdefault("body", "<p>请各单位做好安全生产检查工作。</p>")
        return publishing.create_draft(model=Notice, by=by or editor, title=title, category=category, **fields)

    return make


@pytest.fixture
def publish(editor, reviewer, bureau, make_draft):
    """Draft, submit and publish a notice the four-eyes way; `at` defaults to now.

    A past `at` is simulated by running the whole workflow with the clock set to it
    (the service itself refuses to backdate a publication).
    """

    def run(title="关于开展安全生产检查的通知", *, at=None, **fields):
        with _clock_at(at if at is not None and at <= timezone.now() else None):
            notice = make_draft(title, **fields)
            notice = publishing.submit(record=notice, by=editor)
            future = at if at is not None and at > timezone.now() else None
            return publishing.publish(record=notice, by=reviewer, revision=notice.revision, at=future)

    return run


@pytest.fixture
def published(publish):
    return publish()


def days_ago(n):
    return timezone.now() - timezone.timedelta(days=n)


__all__ = ["Notice", "days_ago"]
