"""Every back-office page, as each role sees it, is in Chinese: no English default of Django,
django-axes or django-simple-history, no literal None, no "---------" (tests/admin_walk.py)."""

import csv
import io
import zipfile
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.test import RequestFactory
from django.utils import translation

from loudi_portal import audit
from loudi_portal.roles import staff_groups

from .admin_walk import custom_pages_for, english_leaks, pages_for

# Every staff group the portal defines (the four roles and the apps' own groups, such as
# 依申请公开办理人 and 留言办理): a group added later is walked too.
GROUPS = list(staff_groups())


@pytest.mark.parametrize("slug", GROUPS)
def test_every_admin_page_a_role_can_open_is_in_chinese(slug, client, demo):
    user = User.objects.create_user(f"walk-{slug}", is_staff=True)
    user.groups.add(Group.objects.get(name=staff_groups()[slug]))
    client.force_login(user)
    http_request = RequestFactory().get("/admin/")
    http_request.user = user
    urls = pages_for(http_request)
    assert len(urls) > 3, urls  # an app's own group opens the fewest pages (its queue only)
    leaks, broken = {}, {}
    for url in urls:
        response = client.get(url)
        if response.status_code != 200:
            broken[url] = response.status_code
            continue
        found = english_leaks(response.content.decode())
        if found:
            leaks[url] = sorted(found)
    assert broken == {}
    assert leaks == {}, sorted(leaks.items())


# Custom pages whose form, posted with none of its fields, only comes back with its errors.
EMPTY_POST_SHOWS_ERRORS = {
    "enforcement_import",
    "enforcement_inspectionplan_freeze",
    "enforcement_draw_run",
    "loudi_portal_exportlog_export",
    "subsidies_subsidyscheme_correct",
}


def test_every_custom_admin_page_opens_for_its_role_in_chinese_and_refuses_the_others(client, demo):
    """Import, 冻结名单, 执行抽取, 审计导出 and its job page, 预览, 批量审核发布, 更正…: the apps' own views."""
    from loudi_portal import export_jobs

    opened, leaks, broken = {}, {}, {}
    for slug in GROUPS:
        user = User.objects.create_user(f"custom-{slug}", is_staff=True)
        user.groups.add(Group.objects.get(name=staff_groups()[slug]))
        if user.has_perm(audit.EXPORT_PERMISSION):  # the job page needs a job of the user's own
            export_jobs.start(by=user, what="dataset:notices", fmt="csv", form_data={"dataset": "notices"})
        client.force_login(user)
        http_request = RequestFactory().get("/admin/")
        http_request.user = user
        for name, url in custom_pages_for(http_request).items():
            response = client.get(url)
            if response.status_code == 403:
                continue  # not this role's work
            if response.status_code != 200:
                broken[(slug, url)] = response.status_code
                continue
            opened.setdefault(name, []).append(slug)
            if response["Content-Type"].startswith("text/html"):
                if found := english_leaks(response.content.decode()):
                    leaks[(slug, url)] = sorted(found)
            if name in EMPTY_POST_SHOWS_ERRORS:
                response = client.post(url, {"sent": "1"})  # a post with no field of the form
                page = response.content.decode()
                if response.status_code != 200 or "errorlist" not in page:
                    broken[(slug, url, "POST")] = response.status_code
                elif found := english_leaks(page):
                    leaks[(slug, url, "POST")] = sorted(found)
    assert broken == {}
    assert leaks == {}, sorted(leaks.items())
    # Every custom page is somebody's work: each opens for at least one role (and the walk found it).
    http_request = RequestFactory().get("/admin/")
    http_request.user = User.objects.get(username="custom-auditor")
    walked = set(custom_pages_for(http_request))
    assert EMPTY_POST_SHOWS_ERRORS <= walked
    assert {"disclosure_notice_preview", "loudi_portal_exportlog_job"} <= walked
    assert sorted(walked - set(opened)) == []


def test_the_login_page_is_in_chinese(client, db):
    assert english_leaks(client.get("/admin/login/").content.decode()) == set()


def test_the_check_finds_what_django_would_leave_in_english():
    with translation.override("en"):
        page = "<h2>Recent actions</h2><p>None available</p><select><option>---------</option></select>"
    assert english_leaks(page) == {"Recent actions", "None available", "---------"}
    assert english_leaks('<img alt="Search"><th>Changes</th><td>None</td>') == {"Search", "Changes", "None"}
    # User content in Latin letters is not a leak.
    assert english_leaks("<p>导出 CSV、XLSX 或 JSON；用户名 demo_editor</p>") == set()


def test_the_history_export_names_its_file_in_words_and_never_writes_none(auditor, demo):
    from django.utils import timezone

    today = timezone.localdate()  # the demo was loaded today: its history lies in this window
    result = audit.auditor_export(
        by=auditor,
        fmt="csv",
        history_filters={
            "date_from": today - timedelta(days=1),
            "date_to": today,
            "model_label": "disclosure.historicalnotice",
        },
    )
    assert result.zip_name == f"变更历史_公开信息_{today - timedelta(days=1)}至{today}.zip"
    archive = zipfile.ZipFile(result.zip_file)
    rows = list(csv.reader(io.StringIO(archive.read(result.zip_name[:-4] + ".csv").decode("utf-8-sig"))))
    assert rows[0][1] == "操作人"
    assert all("None" not in cell for row in rows for cell in row)
    # A change no account made (the demo's loading, a migration) names its maker instead of a blank.
    assert rows[1:] and all(row[1] for row in rows[1:])
    assert "系统" in {row[1] for row in rows[1:]}


def test_a_dataset_export_is_named_by_its_title_and_day(auditor, demo):
    from django.utils import timezone

    result = audit.auditor_export(by=auditor, fmt="csv", dataset_key="notices")
    assert result.zip_name == f"政府信息公开目录_全部记录_{timezone.localdate().isoformat()}.zip"


def test_the_compiled_catalogue_says_what_the_po_file_says():
    """locale/zh_Hans/LC_MESSAGES/django.mo is committed: it must be recompiled after each edit of the .po."""
    import re

    from django.conf import settings
    from django.utils.translation import gettext

    po = (settings.BASE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.*)"$', po, flags=re.M)
    assert len(pairs) > 40
    with translation.override("zh-hans"):
        stale = [(msgid, msgstr) for msgid, msgstr in pairs if gettext(msgid) != msgstr]
    assert stale == [], "run: msgfmt -o locale/zh_Hans/LC_MESSAGES/django.mo locale/zh_Hans/LC_MESSAGES/django.po"
