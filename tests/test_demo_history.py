"""The demo is one coherent record, 2019 to today (issue 17), checked as a citizen and an auditor would.

Runs on the demo database loaded once per session (tests/conftest.py): every yearly report's
tables are recomputed from the records and compared with the published report, its notice, its
PDF and its page; the seed's 2019 figures are where a citizen looks for them; nothing is dated
after today; notice bodies are real texts; attachments are real files with Chinese text.
"""

import io
import re
import zlib
from base64 import a85decode
from collections import Counter
from datetime import date

import pytest
from django.apps import apps
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone

from loudi_portal import registry

pytestmark = pytest.mark.django_db

CJK = re.compile(r"[\u4e00-\u9fff]")


def _text(html: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", html))


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# --- PDF text without a PDF library: reportlab writes (escaped UTF-16BE) string literals.


def _pdf_streams(data: bytes):
    for match in re.finditer(rb"<<([^>]*?)>>\s*stream\r?\n(.*?)endstream", data, re.S):
        header, body = match.groups()
        if b"ASCII85Decode" in header:
            body = a85decode(body.strip(), adobe=True)
        if b"FlateDecode" in header:
            body = zlib.decompress(body)
        yield body


def _unescape(literal: bytes) -> bytes:
    out, i = bytearray(), 0
    while i < len(literal):
        c = literal[i]
        if c == 0x5C and i + 1 < len(literal):  # backslash
            nxt = literal[i + 1 : i + 4]
            octal = re.match(rb"[0-7]{1,3}", nxt)
            if octal:
                out.append(int(octal.group(), 8) & 0xFF)
                i += 1 + len(octal.group())
                continue
            out.append({ord("n"): 10, ord("r"): 13, ord("t"): 9}.get(literal[i + 1], literal[i + 1]))
            i += 2
            continue
        out.append(c)
        i += 1
    return bytes(out)


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), "not a complete PDF"
    assert b"/STSong-Light" in data, "the Chinese CID font is missing"
    parts = []
    for stream in _pdf_streams(data):
        for literal in re.findall(rb"\(((?:\\.|[^\\)])*)\) Tj", stream, re.S):
            raw = _unescape(literal)
            try:
                parts.append(raw.decode("utf-16-be"))
            except UnicodeDecodeError:
                parts.append(raw.decode("latin-1"))
    return "".join(parts)


def attachment_text(kind: str, data: bytes) -> str:
    if kind == "PDF":
        return pdf_text(data)
    if kind == "XLSX":
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(data), read_only=True)
        return "".join(
            str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c
        )
    if kind == "DOCX":
        # Read as the back office's Word import reads a document (mammoth): a file it accepts.
        from disclosure.docx_import import docx_to_html

        return _text(docx_to_html(data).html)
    raise AssertionError(f"unexpected attachment type {kind}")


# --- The yearly reports ---------------------------------------------------------------------


def _reports():
    from disclosure.models import AnnualReport

    return list(AnnualReport.objects.published().order_by("year"))


def test_every_year_since_2019_has_its_published_report_listed(demo, client):
    years = [r.year for r in _reports()]
    today = timezone.localdate()
    expected = list(range(2019, today.year if today >= date(today.year, 1, 31) else today.year - 1))
    assert years == expected
    listing = _page(client, "/annual-reports/")
    for year in years:
        assert f"/annual-reports/{year}/" in listing


def test_each_report_recomputed_from_the_records_equals_what_is_published(demo, client):
    from disclosure.models import Notice
    from disclosure.services.reports import compute_tables, report_title

    for report in _reports():
        fresh = compute_tables(report)
        for table in ("table2", "table3", "table4"):
            assert fresh[table] == report.tables[table], f"{report.year} {table} differs from the records"
        # The notice in the 政务公开年报 column IS the report: same body, tables and text.
        notice = Notice.objects.published().get(title=report_title(report.year))
        body = render_to_string("reports/_report_body.html", {"report": report, "tables": report.tables})
        assert _text(body) in _text(notice.body)
        # Its PDF is drawn from the same figures.
        (attachment,) = notice.attachments.all()
        pdf = pdf_text(attachment.file.read())
        for block in report.tables["table2"]:
            for row in block["rows"]:
                assert row["label"] in pdf
        assert report.overview.splitlines()[0][:30] in pdf
        # The page shows the same section text and Table 四's total.
        page = _text(_page(client, f"/annual-reports/{report.year}/"))
        assert _text(report.overview.splitlines()[1]) in page
        total4 = sum(g["values"][-1] for g in report.tables["table4"]["groups"])
        text = report.overview
        if total4:
            assert f"行政复议、行政诉讼 {total4} 件" in text
        else:
            assert "未发生因政府信息公开引起的行政复议和行政诉讼" in text


def test_report_text_quotes_its_own_table_two(demo):
    for report in _reports():
        cells = {row["key"]: row["cells"] for block in report.tables["table2"] for row in block["rows"]}
        assert f"行政许可决定 {cells['licensing'][-1]} 件" in report.overview
        assert f"行政处罚决定 {cells['penalty'][-1]} 件" in report.overview
        assert cells["licensing"][-1] > 0 and cells["penalty"][-1] > 0, report.year


def test_a_notice_already_holding_the_report_title_blocks_publication_with_a_reason(demo):
    from disclosure.models import AnnualReport, Notice
    from disclosure.services.reports import report_title

    year = timezone.localdate().year
    clash = Notice.objects.published().filter(category__slug="annual-reports").first()
    clash.title = report_title(year)
    clash.save()
    report = AnnualReport(year=year, overview="x", problems="x", other_matters="x")
    errors = report.publication_errors()
    assert "已有同名信息" in str(errors["__all__"])


# --- The seed's figures for 2019, where a citizen looks -------------------------------------

SEED_TEXT_FIGURES = [
    "关闭取缔经营网点142个",
    "非法销售点79个",
    "由4200家减少到1400家",
    "“双随机”执法57起",
    "牵头专项执法12起",
    "关停企业2起",
    "关闭煤矿25处",
    "900万元",
    "200万元",
    "500万元",
    "50万元",
    "市级财政投入2180万元",
    "11家危险化学品生产企业和275家经营企业",
    "480家",
    "7项审批职能",
    "压缩50%",
    "压缩到35%",
]


def test_the_2019_work_report_is_in_the_catalogue_with_every_figure(demo, client):
    from disclosure.demo_texts import SEED_TITLE
    from disclosure.models import Notice

    notice = Notice.objects.published().get(title=SEED_TITLE)
    assert timezone.localtime(notice.published_at).strftime("%Y-%m-%d %H:%M") == "2020-01-16 14:56"
    page = _text(_page(client, notice.get_absolute_url()))
    for figure in SEED_TEXT_FIGURES:
        assert figure in page, figure


def test_the_2019_records_carry_the_seed_figures(demo):
    from approvals.models import Service
    from enforcement.models import Closure, Enterprise, Industry, Inspection, InspectionPlan, InspectionSource
    from subsidies.models import MineClosure, SubsidyScheme

    assert InspectionPlan.objects.filter(year=2019).count() == 57
    specials = Inspection.objects.filter(source=InspectionSource.SPECIAL, inspected_on__year=2019)
    assert specials.values("action_name").distinct().count() == 12
    by_kind = Counter(Closure.objects.filter(closed_on__year=2019).values_list("kind", flat=True))
    assert (by_kind["enterprise"], by_kind["fireworks_outlet"], by_kind["illegal_sale_point"]) == (2, 142, 79)
    chemicals = Enterprise.objects.filter(industry=Industry.CHEMICALS)
    assert chemicals.count() == 11 + 275
    scheme = SubsidyScheme.objects.get(year=2019)
    assert (scheme.outburst_subsidy, scheme.non_outburst_subsidy) == (9000000, 2000000)
    assert (scheme.over_quota_reward, scheme.over_quota_working_funds) == (5000000, 500000)
    assert MineClosure.objects.filter(closed_on__year=2019).count() == 25
    delegated = Service.objects.filter(is_delegated=True)
    assert delegated.count() == 7
    assert all(s.committed_limit_days * 2 <= s.statutory_limit_days for s in delegated)
    assert any(s.committed_limit_days <= s.statutory_limit_days * 0.35 for s in delegated)


def test_the_2019_yearly_report_states_the_seed_figures(demo, client):
    page = _text(_page(client, "/annual-reports/2019/"))
    for figure in ("57起", "12起", "关停企业2家", "142个", "79个", "4200家", "1400家", "2180万元", "480家", "压缩50%"):
        assert figure in page, figure


# --- Later years vary; nothing is dated after today -----------------------------------------


def test_later_years_vary_and_monthly_counts_are_not_flat(demo):
    from approvals.models import Application
    from enforcement.models import InspectionPlan

    plans = Counter(InspectionPlan.objects.values_list("year", flat=True))
    assert len(set(plans.values())) >= 5, plans
    for year in range(2020, timezone.localdate().year):
        months = Counter(
            d.month for d in Application.objects.filter(decision_on__year=year).values_list("decision_on", flat=True)
        )
        counts = [months.get(m, 0) for m in range(1, 13)]
        assert max(counts) - min(counts) >= 3, (year, counts)


FUTURE_ALLOWED = re.compile(r"due|until|deadline|ends|valid|expire|limit|scheduled|publish_at")


def test_no_record_of_the_demo_is_dated_after_today(demo):
    today = timezone.localdate()
    now = timezone.now()
    for model in apps.get_models():
        name = model._meta.label_lower.split(".")[1]
        if model._meta.app_label not in registry_apps() or name.startswith("historical") or name == "workcalendarentry":
            continue  # history rows copy their records; the working-day calendar is the State Council's
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.DateField) or FUTURE_ALLOWED.search(field.name):
                continue
            limit = now if isinstance(field, models.DateTimeField) else today
            late = model._default_manager.filter(**{f"{field.name}__gt": limit}).count()
            assert late == 0, f"{model._meta.label}.{field.name}: {late} after today"


def registry_apps():
    from loudi_portal.roles import PROJECT_APPS

    return PROJECT_APPS


# --- Real documents ---------------------------------------------------------------------------


def test_every_public_notice_is_a_real_text(demo):
    from disclosure.models import Notice

    for notice in Notice.objects.exclude(status=Notice.Status.DRAFT):
        assert len(_text(notice.body)) >= 300, (notice.title, len(_text(notice.body)))
        assert "lorem" not in notice.body.lower()


def test_every_attachment_is_a_valid_file_with_chinese_text(demo):
    from disclosure.models import NoticeAttachment

    attachments = list(NoticeAttachment.objects.all())
    assert attachments
    for attachment in attachments:
        data = attachment.file.read()
        assert attachment.size == len(data)
        text = attachment_text(attachment.kind, data)
        assert len(CJK.findall(text)) >= 20, attachment.display_name
    assert {"PDF", "XLSX", "DOCX"} <= {a.kind for a in attachments}


def test_the_word_attachments_are_the_notice_and_the_form_a_bureau_attaches(demo):
    """A notice's Word version carries its headings and text; the 遴选 notice attaches a blank
    报名登记表 to fill in (a form, with no applicant's data)."""
    from disclosure.docx_import import docx_to_html
    from disclosure.models import NoticeAttachment

    words = {a.notice.title: a for a in NoticeAttachment.objects.filter(kind="DOCX").select_related("notice")}
    notice = words["关于开展城镇燃气安全专项整治“回头看”的通知"]
    html = docx_to_html(notice.file.read()).html
    for heading in re.findall(r"<h2>(.*?)</h2>", notice.notice.body):
        assert f"<h2>{heading}</h2>" in html
    form = words["娄底市应急管理局2019年公开遴选公务员公告"]
    assert form.display_name.startswith("娄底市应急管理局2019年公开遴选公务员报名登记表")
    html = docx_to_html(form.file.read()).html
    cells = [_text(cell) for cell in re.findall(r"<td>(.*?)</td>", html)]
    assert "姓名" in cells and "报考职位" in cells and "联系电话" in cells
    assert cells[1::2] == [""] * (len(cells) // 2)  # every answer cell is empty


# --- Overview pages and /data/ agree with the records -----------------------------------------


def test_data_page_counts_are_the_registers_counts(demo, client):
    page = _text(_page(client, "/data/"))
    for dataset in registry.datasets():
        count = dataset.public().count()
        assert f"{dataset.description}记录条数{count}" in page.replace(" ", "").replace(",", ""), dataset.key


def _total(page: str) -> int:
    found = re.search(r"共(\d+)条", _text(page))
    assert found, "no 共 N 条 on the page"
    return int(found.group(1))


def test_the_enforcement_overview_agrees_with_its_registers(demo, client):
    """The figures at the top of /enforcement/ are what a citizen counts in the registers."""
    year = timezone.localdate().year
    overview = _text(_page(client, "/enforcement/"))
    from enforcement.models import Closure, Inspection, Penalty

    for label, unit, register, withdrawn in (
        ("执法检查", "次", "inspections", Inspection.objects.filter(inspected_on__year=year)),
        ("行政处罚", "件", "penalties", Penalty.objects.filter(decided_on__year=year)),
        ("关闭取缔", "处", "closures", Closure.objects.filter(closed_on__year=year)),
    ):
        # The register lists withdrawn records with their reason; the overview counts those in
        # force and names the withdrawn ones beside them.
        total = _total(_page(client, f"/enforcement/{register}/?year={year}"))
        withdrawn = withdrawn.filter(status="withdrawn").count()
        assert total > 0, register
        assert f"{label}{total - withdrawn}{unit}" in overview, (label, total, withdrawn)
        if withdrawn and register != "inspections":
            assert f"另有已撤回{withdrawn}{unit}" in overview, (label, withdrawn)


def test_the_obligations_board_agrees_with_what_the_demo_published(demo):
    """Every publication duty the board tracks is met by a record the catalogue holds.

    The only late item is the information request the demo leaves open on purpose (received 32
    days ago, so the board shows its 已逾期 state); no policy without its 解读, no report, budget,
    penalty, licence or inspection result past its deadline, and every rule has its register.
    """
    from loudi_portal.obligations import board

    data = board(timezone.localdate())
    late = [(row["source"].key, row["item"].title) for row in data["rows"] if row["state"] == "late"]
    assert late and all(key == "requests" and "办理中" in title for key, title in late), late
    states = {}
    for row in data["rows"]:
        states.setdefault(row["source"].key, set()).add(row["state"])
    for key in ("annual_report", "budgets", "penalties", "licensing", "inspections", "proactive"):
        assert "done" in states.get(key, ()), (key, states.get(key))
    for key, seen in states.items():
        assert key == "requests" or not seen & {"late", "done_late"}, (key, seen)
    # The policies' 解读 were published with them, more than a year ago: none is left on the board.
    assert "interpretations" not in states
    assert [source.key for source in data["waiting"]] == ["penalty_withdrawals"]


def test_the_2019_registers_show_the_seed_figures_when_filtered_by_year(demo, client):
    """Where a citizen looks for the work report's 57 plans and 223 closures: the registers."""
    assert _total(_page(client, "/enforcement/plans/?year=2019")) == 57
    assert _total(_page(client, "/enforcement/closures/?year=2019")) == 2 + 142 + 79


def test_every_demo_record_is_marked_as_demo_in_its_history(demo):
    """Each record the demo wrote says so: its first history entry is by one of the two demo
    accounts (which cannot log in) or gives 演示数据/历史数据 as its reason."""
    from loudi_portal.demo import DRAFTER, LOADER

    unmarked = {}
    for model in apps.get_models():
        meta = model._meta
        if meta.app_label not in registry_apps() or "history_type" not in {f.name for f in meta.fields}:
            continue  # only simple-history's history models (not their m2m tables)
        if meta.model_name == "historicalworkcalendarentry":
            continue  # the State Council's calendar, seeded by a migration, not demo content
        rows = (
            model.objects.filter(history_type="+")
            .exclude(history_user__username__in=(LOADER, DRAFTER))
            .exclude(history_change_reason__contains="演示数据")
            .exclude(history_change_reason__contains="历史数据")
        )
        if rows.exists():
            unmarked[meta.label] = list(rows.values_list("history_change_reason", flat=True)[:3])
    assert not unmarked, unmarked


def test_the_joint_inspection_summary_notice_counts_what_the_2019_plans_say(demo, client):
    """The notice a citizen reads and the plans it sums up give the same numbers."""
    from disclosure.models import Notice
    from enforcement.models import InspectionPlan

    notice = Notice.objects.published().get(title="2019年跨部门联合“双随机”抽查结果汇总")
    page = client.get(notice.get_absolute_url()).content.decode()
    plans = list(InspectionPlan.objects.published().filter(year=2019))
    assert len(plans) == 57 and "联合“双随机”抽查57次" in page
    led = sum(1 for plan in plans if plan.lead_department == "娄底市应急管理局")
    assert f"其中本局牵头{led}次、其他部门牵头{57 - led}次" in page
    rows = dict(re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>", notice.body))
    assert rows, notice.body
    for department, count in rows.items():
        involved = sum(1 for plan in plans if department == plan.lead_department or department in plan.joint_list())
        assert int(count) == involved, department
    everyone = {plan.lead_department for plan in plans} | {d for plan in plans for d in plan.joint_list()}
    assert set(rows) == everyone - {"娄底市应急管理局"}


def _rows(html: str) -> dict:
    """A summary table's rows as {first cell: [the other cells]}."""
    return {
        cells[0]: cells[1:]
        for cells in (
            [_text(c) for c in re.findall(r"<td>(.*?)</td>", row)] for row in re.findall(r"<tr>(.*?)</tr>", html)
        )
        if cells
    }


@pytest.mark.parametrize(
    "title, first, last",
    [
        ("2019年第四季度安全生产行政许可办理结果公示", date(2019, 10, 1), date(2019, 12, 31)),
        ("2026年第三季度安全生产行政许可办理结果公示", date(2026, 7, 1), date(2026, 9, 30)),
    ],
)
def test_a_quarters_licensing_notice_counts_the_decisions_its_register_link_lists(demo, client, title, first, last):
    """The 双公示 quarterly notice: its per-service table is the quarter's published decisions,
    and its link opens the register filtered to exactly those decisions."""
    from approvals.models import ApprovalResult
    from disclosure.models import Notice

    notice = Notice.objects.published().get(title=title)
    page = _page(client, notice.get_absolute_url())
    results = ApprovalResult.objects.published().filter(decision_on__range=(first, last))
    counted = Counter((r.service.name, r.decision) for r in results.select_related("service"))
    rows = _rows(notice.body)
    assert rows.pop("合计") == [
        str(results.filter(decision="granted").count()),
        str(results.filter(decision="refused").count()),
        str(results.count()),
    ]
    assert results.count() > 0
    for service, (granted, refused, total) in rows.items():
        assert (int(granted), int(refused)) == (counted[service, "granted"], counted[service, "refused"]), service
        assert int(total) == int(granted) + int(refused)
    assert {name for name, _decision in counted} == set(rows)
    assert f"共作出行政许可决定{results.count()}件" in _text(page)
    link = re.search(r'<a href="(/approvals/results/\?[^"]+)"', page).group(1).replace("&amp;", "&")
    assert _total(_page(client, link)) == results.count()


def test_every_years_licensing_register_lists_the_decisions_its_report_counts(demo, client):
    """Table 二's 行政许可 处理决定数量 of each year is what a citizen counts in the results register."""
    for report in _reports():
        cells = {row["key"]: row["cells"] for block in report.tables["table2"] for row in block["rows"]}
        year = report.year
        listed = _total(_page(client, f"/approvals/results/?decided_from={year}-01-01&decided_to={year}-12-31"))
        assert listed == cells["licensing"][-1] > 0, year


def test_the_penalty_batch_notice_sums_the_decisions_of_its_period(demo, client):
    """第四批: the decisions of 2019-10-01..12-31 by violation, amounts in 万元, totals complete,
    and no party is named (the notice outlives the decisions' 公示期)."""
    from decimal import Decimal

    from disclosure.models import Notice
    from enforcement.models import Penalty

    notice = Notice.objects.published().get(title="2019年安全生产行政处罚案件信息公开（第四批）")
    penalties = list(Penalty.objects.published().filter(decided_on__range=(date(2019, 10, 1), date(2019, 12, 31))))
    assert penalties
    rows = _rows(notice.body)
    total = rows.pop("合计")
    amount = sum((p.fine_amount + p.confiscation_amount for p in penalties), Decimal(0))
    assert int(total[0]) == len(penalties) and Decimal(total[1]) == (amount / 10000).quantize(Decimal("0.01"))
    by_violation = Counter(p.violation_type for p in penalties)
    assert {name: int(cells[0]) for name, cells in rows.items()} == dict(by_violation)
    assert sum(Decimal(cells[1]) for cells in rows.values()) == Decimal(total[1])
    text = _text(_page(client, notice.get_absolute_url()))
    assert f"本批共公开行政处罚决定{len(penalties)}件" in text
    for penalty in penalties:
        assert penalty.party_name not in text and penalty.decision_no not in text


def test_each_demo_penalty_fits_its_party_and_states_its_own_facts(demo):
    """No school fined for selling fireworks; the register shows a type and the facts found."""
    from enforcement.demo import VIOLATIONS
    from enforcement.models import Penalty

    industries = {violation_type: allowed for violation_type, _f, _b, _k, _a, allowed in VIOLATIONS}
    penalties = list(Penalty.objects.select_related("enterprise"))
    assert len(penalties) > 100
    for p in penalties:
        assert p.violation_type and p.violation.startswith("经查") and p.violation != p.violation_type, p.decision_no
        allowed = industries.get(p.violation_type)
        if p.enterprise and allowed:
            assert p.enterprise.industry in allowed, (p.decision_no, p.violation_type, p.enterprise.industry)


def test_the_demo_keeps_the_document_rules(demo):
    """A 废止 document names what repealed it; every accident report has its 批复日期 and a full text."""
    from disclosure.models import Notice, NoticeRelation

    for notice in Notice.objects.published().filter(validity=Notice.Validity.REPEALED):
        assert NoticeRelation.objects.filter(target=notice, kind=NoticeRelation.Kind.REPEALS).exists(), notice.title
    reports = Notice.objects.published().filter(category__is_accident_report=True)
    assessments = set(NoticeRelation.objects.filter(kind=NoticeRelation.Kind.ASSESSES).values_list("source", flat=True))
    assert reports.count() >= 4
    for report in reports.exclude(pk__in=assessments):
        assert report.approved_on and "<h2>" in report.body, report.title
