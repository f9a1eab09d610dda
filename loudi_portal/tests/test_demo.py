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
    first, text = counts(), accounts.read_text(encoding="utf-8")
    call_command("load_demo", accounts_file=str(accounts))
    assert counts() == first
    assert accounts.read_text(encoding="utf-8") == text  # same passwords, same sample look-ups
    assert BureauProfile.current().is_demo
    assert "演示站点" in client.get("/").content.decode()


def test_demo_accounts_one_per_role_with_passwords_kept_private(tmp_path, client):
    from loudi_portal.roles import staff_groups

    accounts = tmp_path / "accounts.txt"
    call_command("load_demo", accounts_file=str(accounts))
    lines = [line for line in accounts.read_text(encoding="utf-8").splitlines() if "用户名" in line]
    # Every group the portal defines, the apps' own included (依申请公开办理人).
    assert len(lines) == len(staff_groups()) >= 5
    assert any("依申请公开办理人（演示）" in line and "demo_handler" in line for line in lines)
    assert oct(accounts.stat().st_mode & 0o777) == "0o600"
    username, password = lines[0].split("用户名")[1].split("密码")
    response = client.post(
        "/admin/login/", {"username": username.strip(), "password": password.strip(), "next": "/admin/"}
    )
    assert response.status_code == 302
    client.logout()
    # The sample tracking numbers and query codes printed beside the accounts work on the public pages.
    text = accounts.read_text(encoding="utf-8")
    request_line = next(line for line in text.splitlines() if "/apply/track/" in line)
    approval_line = next(line for line in text.splitlines() if "/approvals/track/" in line)
    reference, code = request_line.split("申请编号")[1].split("查询码")
    response = client.post("/apply/track/", {"reference": reference.strip(), "code": code.split("（")[0].strip()})
    assert "办理中" in response.content.decode()
    reference, code = approval_line.split("办件编号")[1].split("查询码")
    service = code.split("（", 1)[1].rstrip("）")
    response = client.post(
        "/approvals/track/", {"reference": reference.strip(), "query_code": code.split("（")[0].strip()}
    )
    assert service in response.content.decode()


def test_without_accounts_file_no_staff_accounts_are_created(db):
    call_command("load_demo")
    assert not User.objects.filter(username__startswith="demo_").exists()
