"""The back office for the two roles beside editing: a request handler answers a request sent
from /apply/, an auditor exports from the home page's link. Screenshots at 1,280 px."""

import io
import zipfile

from django.utils import timezone
from playwright.sync_api import expect

from ..tools import ARTIFACTS

SHOTS = ARTIFACTS / "screenshots"


def _demo_login(page, site, group_name, tmp_path):
    """Log in with the demo account `make run` creates for `group_name` (its password from the file)."""
    from loudi_portal.management.commands.load_demo import ACCOUNT_MARK, Command

    accounts = tmp_path / "demo_accounts.txt"
    line = next(line for line in Command(stdout=io.StringIO()).create_accounts(accounts) if group_name in line)
    username, password = line.split(ACCOUNT_MARK)[1].split()[0], line.split("密码")[1].strip()
    page.goto(site + "/admin/login/?next=/admin/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    expect(page.locator("#user-tools")).to_be_visible()
    return username


def _shot(page, name):
    page.screenshot(path=str(SHOTS / f"{name}-1280.png"), full_page=True)


def _send_request_from_apply(page, site) -> str:
    from loudi_portal.identifiers import id_number_check_char

    first17 = "43130219850315204"
    page.goto(site + "/apply/")
    page.locator("#id_applicant_kind").select_option(label="自然人")
    page.locator("#id_name").fill("李晓红")
    page.locator("#id_identifier").fill(first17 + id_number_check_char(first17))
    page.locator("#id_phone").fill("13907381234")
    page.locator("#id_email").fill("lixh@example.cn")
    page.locator("#id_address").fill("湖南省娄底市娄星区长青街 8 号")
    page.locator("#id_description").fill("2025 年度娄底市非煤矿山安全生产许可证核发名单。")
    with page.expect_navigation():
        page.locator("form.request-form [type=submit]").click()
    expect(page.locator("h1")).to_have_text("申请已提交")
    return page.locator(".request-receipt dd strong").all_inner_texts()[0]


def test_a_request_handler_works_a_request_from_apply_to_its_answer(site, page, tmp_path):
    from inforequests.models import InfoRequest
    from inforequests.permissions import HANDLER_GROUP

    reference = _send_request_from_apply(page, site)
    page.context.clear_cookies()
    _demo_login(page, site, HANDLER_GROUP, tmp_path)
    # The home page says what waits: the new online request, one click from its list.
    incoming = page.locator("#queue-incoming")
    expect(incoming).to_contain_text("在线提交、待登记的信息公开申请")
    _shot(page, "admin-home-handler")
    with page.expect_navigation():
        incoming.get_by_role("link", name="在线提交、待登记的信息公开申请").click()
    expect(page.locator("#result_list")).to_contain_text(reference)
    _shot(page, "admin-inforequest-list-incoming")
    with page.expect_navigation():
        page.get_by_role("link", name=reference).click()
    today = timezone.localdate().isoformat()
    # Register it: 收到申请, online, today.
    page.locator("#id_events-0-kind").select_option("received")
    page.locator("#id_events-0-on").fill(today)
    page.locator("#id_events-0-channel").select_option("online")
    _shot(page, "admin-inforequest-register")
    with page.expect_navigation():
        page.locator("input[name=_continue]").click()
    expect(page.locator(".messagelist")).to_be_visible()
    request = InfoRequest.objects.get(reference=reference)
    assert request.status == InfoRequest.Status.IN_PROGRESS and request.due_on is not None
    # Then answer it: 作出答复, 予以公开.
    page.locator("#id_events-1-kind").select_option("answered")
    page.locator("#id_events-1-on").fill(today)
    page.locator("#id_events-1-outcome").select_option("1")
    page.locator("#id_events-1-note").fill("已通过电子邮件提供名单。")
    with page.expect_navigation():
        page.locator("input[name=_continue]").click()
    expect(page.locator(".errornote")).to_have_count(0)
    request.refresh_from_db()
    assert request.status == InfoRequest.Status.ANSWERED and request.closed_on == timezone.localdate()
    expect(page.locator("#content")).to_contain_text("已答复")
    _shot(page, "admin-inforequest-answered")
    # The applicant sees the answer on /apply/track/ (status only, no personal data).
    assert not InfoRequest.objects.filter(status=InfoRequest.Status.SUBMITTED, reference=reference).exists()


def test_an_auditor_exports_from_the_home_page_link_and_downloads_the_zip(site, page, tmp_path):
    from loudi_portal.models import ExportLog
    from loudi_portal.roles import ROLES

    username = _demo_login(page, site, ROLES["auditor"], tmp_path)
    _shot(page, "admin-home-auditor")
    with page.expect_navigation():
        page.locator(".admin-shortcuts").get_by_role("link", name="审计导出").click()
    expect(page.locator("h1")).to_have_text("审计导出")
    _shot(page, "admin-audit-export-form")
    page.locator("#id_what").select_option("dataset:notices")
    # The export runs as a job (at once in the tests); its page links to the finished zip.
    with page.expect_navigation():
        page.get_by_role("button", name="提交导出").click()
    expect(page.locator("#export-job-status")).to_contain_text("已完成")
    _shot(page, "admin-audit-export-job")
    with page.expect_download() as info:
        page.locator("#export-job-status").get_by_role("link", name="下载").click()
    download = info.value
    assert download.suggested_filename.startswith("政府信息公开目录_全部记录_")
    assert download.suggested_filename.endswith(".zip")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    names = zipfile.ZipFile(saved).namelist()
    assert "manifest.json" in names and any(n.endswith(".csv") for n in names)
    assert ExportLog.objects.filter(user__username=username).exists()
    # The export is on record in the log list, with compact dates.
    page.goto(site + "/admin/loudi_portal/exportlog/")
    expect(page.locator("#result_list")).to_contain_text(username)
    _shot(page, "admin-exportlog-list")
