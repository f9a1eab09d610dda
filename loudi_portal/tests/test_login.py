"""Staff login is throttled."""

import pytest
from django.conf import settings
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_repeated_wrong_passwords_lock_the_account_for_that_address(client, editor):
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "editor", "password": "wrong-password"})
        assert response.status_code == 200
        assert "请输入一个正确的" in response.content.decode() or "errornote" in response.content.decode()
    assert client.post(url, {"username": "editor", "password": "wrong-password"}).status_code == 429
    # Even the right password is refused while locked.
    response = client.post(url, {"username": "editor", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录已暂时锁定" in response.content.decode()


def test_right_password_logs_in(client, editor):
    response = client.post(reverse("admin:login"), {"username": "editor", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert "政务公开管理后台" in client.get("/admin/").content.decode()
