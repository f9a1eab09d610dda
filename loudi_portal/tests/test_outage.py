"""A database outage answers 503 服务暂时不可用 with Retry-After, and the site recovers by itself."""

import sys

import pytest
from django.db import InterfaceError, OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from loudi_portal import views

pytestmark = pytest.mark.django_db


@pytest.fixture
def outage(monkeypatch):
    """Every new cursor fails as if the database server were gone, until undone."""

    def unreachable(self):
        raise OperationalError('connection to server at "127.0.0.1", port 5432 failed: Connection refused')

    class Outage:
        def start(self):
            monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", unreachable)

        def end(self):
            monkeypatch.undo()

    return Outage()


@pytest.mark.parametrize("path", ["/", "/notices/", "/enforcement/penalties/", "/search/?q=煤矿"])
def test_public_pages_answer_503_during_an_outage_and_recover(client, outage, path):
    outage.start()
    response = client.get(path)
    assert response.status_code == 503
    assert response["Retry-After"].isdigit() and int(response["Retry-After"]) > 0
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "服务暂时不可用" in body
    assert "500" not in body
    outage.end()
    assert client.get(path).status_code == 200


def test_an_error_outside_the_view_gets_the_same_page():
    # Errors raised by a middleware reach handler500 while the exception is being handled.
    for error in (OperationalError("gone"), InterfaceError("connection already closed")):
        try:
            raise error
        except type(error):
            assert sys.exc_info()[1] is error
            response = views.server_error(None)
        assert response.status_code == 503
        assert "服务暂时不可用" in response.content.decode()


def test_other_errors_stay_500():
    try:
        raise ValueError("a bug")
    except ValueError:
        response = views.server_error(None)
    assert response.status_code == 500
