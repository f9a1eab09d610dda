"""The demo content loads, is marked as demo, and loading it twice changes nothing."""

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from loudi_portal.models import BureauProfile, Department, Leader

pytestmark = pytest.mark.django_db


def counts():
    return (BureauProfile.objects.count(), Department.objects.count(), Leader.objects.count(), User.objects.count())


def test_load_demo_is_idempotent_and_marks_the_site(tmp_path, client):
    accounts = tmp_path / "accounts.txt"
    call_command("load_demo", accounts_file=str(accounts))
    first = counts()
    call_command("load_demo", accounts_file=str(accounts))
    assert counts() == first
    assert BureauProfile.current().is_demo
    assert "演示站点" in client.get("/").content.decode()


def test_demo_accounts_one_per_role_with_passwords_kept_private(tmp_path, client):
    accounts = tmp_path / "accounts.txt"
    call_command("load_demo", accounts_file=str(accounts))
    lines = accounts.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 4
    assert oct(accounts.stat().st_mode & 0o777) == "0o600"
    username, password = lines[0].split("用户名")[1].split("密码")
    response = client.post(
        "/admin/login/", {"username": username.strip(), "password": password.strip(), "next": "/admin/"}
    )
    assert response.status_code == 302


def test_without_accounts_file_no_staff_accounts_are_created(db):
    call_command("load_demo")
    assert not User.objects.filter(username__startswith="demo_").exists()
