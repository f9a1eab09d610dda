"""Staff imports of enterprises, inspections and penalties from CSV or XLSX.

All rows or none: every row is checked first, and only a file without a single
error is saved, in one transaction. The report names each bad row and why.
Headers may be the Chinese labels shown in the admin or the English keys.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django import forms
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from loudi_portal import hostile_files, publishing
from loudi_portal.identifiers import credit_code_error, normalize_credit_code
from loudi_portal.publishing import Publishable

from .models import (
    County,
    Enterprise,
    EnterpriseStatus,
    Industry,
    Inspection,
    InspectionResult,
    InspectionSource,
    Inspector,
    PartyKind,
    Penalty,
    PenaltyKind,
    RiskGrade,
)

MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
# An XLSX is a zip: what it may inflate to, and how many cells its sheets may hold in all
# (every row of the largest import with 30 columns: far above any real file, far below the
# 400,000-cell row that once took seconds to parse).
MAX_UNZIPPED_BYTES = 64 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_ZIP_MEMBERS = 1000
MAX_CELLS = (MAX_ROWS + 1) * 30

# kind -> list of (key, Chinese header, required)
SPECS = {
    "enterprises": [
        ("name", "企业名称", True),
        ("credit_code", "统一社会信用代码", True),
        ("county", "所在县市区", True),
        ("industry", "行业领域", True),
        ("address", "地址", False),
        ("risk_grade", "风险等级", False),
        ("status", "经营状态", False),
    ],
    "inspections": [
        ("credit_code", "统一社会信用代码", True),
        ("inspected_on", "检查日期", True),
        ("source", "检查来源", True),
        ("inspectors", "检查人员执法证号", True),
        ("result", "检查结果", True),
        ("action_name", "专项行动名称", False),
        ("findings", "检查情况", False),
    ],
    "penalties": [
        ("decision_no", "决定书文号", True),
        ("party_kind", "当事人类型", True),
        ("party_name", "当事人名称或姓名", True),
        ("party_id_number", "身份证件号码", False),
        ("credit_code", "统一社会信用代码", False),
        ("violation_type", "违法行为类型", False),
        ("violation", "违法事实", True),
        ("legal_basis", "处罚依据", True),
        ("kind", "处罚种类", True),
        ("content", "处罚内容", False),
        ("fine_amount", "罚没金额（元）", False),
        ("decided_on", "处罚决定日期", True),
    ],
}
KIND_CHOICES = [
    ("enterprises", gettext_lazy("检查对象（企业）")),
    ("inspections", gettext_lazy("执法检查")),
    ("penalties", gettext_lazy("行政处罚")),
]
ADD_PERMS = {
    "enterprises": "enforcement.add_enterprise",
    "inspections": "enforcement.add_inspection",
    "penalties": "enforcement.add_penalty",
}


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("导入内容"), choices=KIND_CHOICES)
    file = forms.FileField(
        label=gettext_lazy("文件"), help_text=gettext_lazy("CSV（UTF-8）或 XLSX，第一行为表头；最多 5000 行。")
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:  # offer only what this user may import
            self.fields["kind"].choices = [(k, label) for k, label in KIND_CHOICES if can_import(user, k)]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("只接受 .csv 或 .xlsx 文件。"))
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("文件超过 5 MB。"))
        return upload


def can_import(user, kind: str) -> bool:
    return bool(user.is_active and user.is_staff and user.has_perm(ADD_PERMS[kind]))


@dataclass
class Report:
    errors: list[tuple[int, str]] = field(default_factory=list)
    created: int = 0
    rows: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class FileRefused(ValueError):
    """A file refused before reading its rows; the message says why, in Chinese."""


def refuse_hostile_xlsx(upload) -> None:
    """Refuse an .xlsx that is no XLSX, inflates too far or holds too many cells (no full parse)."""
    members = hostile_files.zip_members(upload) if hostile_files.head(upload).startswith(hostile_files.ZIP) else None
    if not members or not any(m.filename.startswith("xl/") for m in members):
        raise FileRefused(
            _("文件内容不是 XLSX 表格（可能已损坏或被改了扩展名），请用 Excel 或 WPS 另存为 .xlsx 后重新导入。")
        )
    if hostile_files.inflates_too_far(
        upload, max_bytes=MAX_UNZIPPED_BYTES, max_ratio=MAX_ZIP_RATIO, max_members=MAX_ZIP_MEMBERS, size=upload.size
    ):
        raise FileRefused(_("文件解压后异常巨大（疑似“压缩炸弹”），已拒收。请用办公软件重新保存后导入。"))
    if hostile_files.xlsx_cells_over(upload, MAX_CELLS):
        raise FileRefused(
            _("表格的单元格过多（超过 %(n)s 个，常见原因是整行或整列被误填或设置了格式），请删除多余的行列后重新导入。")
            % {"n": f"{MAX_CELLS:,}"}
        )


def read_rows(upload) -> list[list[str]]:
    """Return the file's rows as lists of text (header first); raise FileRefused for a hostile file."""
    if upload.name.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        refuse_hostile_xlsx(upload)
        workbook = load_workbook(upload, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        rows = [[_cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2)]
        workbook.close()
        return rows
    raw = upload.read()
    if b"\x00" in raw:
        raise FileRefused(
            _(
                "文件含有空字符（NUL），不是 UTF-8 或 GB18030 编码的 CSV 文本（可能是 UTF-16 文本或二进制文件），请另存为“CSV UTF-8”后重新导入。"
            )
        )
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError(_("无法识别文件编码，请另存为 UTF-8 的 CSV。"))
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text))]


def _choice(enum, text: str) -> str | None:
    """Accept a choice's Chinese label or its stored value."""
    for value, label in enum.choices:
        if text in (value, str(label)):
            return value
    return None


def _date(text: str) -> date | None:
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


class RowError(Exception):
    pass


def _need(row: dict, key: str, label: str) -> str:
    value = row.get(key, "")
    if not value:
        raise RowError(_("“%(f)s”不能为空") % {"f": label})
    return value


def _enum(row, key, label, enum, default=None):
    text = row.get(key, "")
    if not text:
        if default is not None:
            return default
        raise RowError(_("“%(f)s”不能为空") % {"f": label})
    value = _choice(enum, text)
    if value is None:
        raise RowError(
            _("未知的%(f)s“%(v)s”（可用：%(ok)s）")
            % {"f": label, "v": text[:50], "ok": "、".join(str(lbl) for _v, lbl in enum.choices)}
        )
    return value


def _code(row, key="credit_code", required=True) -> str:
    text = normalize_credit_code(row.get(key, ""))
    if not text:
        if required:
            raise RowError(_("“统一社会信用代码”不能为空"))
        return ""
    error = credit_code_error(text)
    if error:
        raise RowError(str(error))
    return text


def _length(value: str, label: str, limit: int) -> str:
    if len(value) > limit:
        raise RowError(_("“%(f)s”超过 %(n)d 个字符") % {"f": label, "n": limit})
    return value


def _check_enterprise(row, seen, lookups) -> Enterprise:
    code = _code(row)
    if code in seen:
        raise RowError(_("统一社会信用代码 %(c)s 在文件中重复") % {"c": code})
    if code in lookups["existing_codes"]:
        raise RowError(_("统一社会信用代码 %(c)s 已在名录库中") % {"c": code})
    seen.add(code)
    return Enterprise(
        name=_length(_need(row, "name", "企业名称"), "企业名称", 200),
        credit_code=code,
        county=_enum(row, "county", "县市区", County),
        industry=_enum(row, "industry", "行业领域", Industry),
        address=_length(row.get("address", ""), "地址", 300),
        risk_grade=_enum(row, "risk_grade", "风险等级", RiskGrade, default=RiskGrade.LOW),
        status=_enum(row, "status", "经营状态", EnterpriseStatus, default=EnterpriseStatus.OPERATING),
    )


def _check_inspection(row, seen, lookups):
    code = _code(row)
    enterprise = lookups["enterprises"].get(code)
    if enterprise is None:
        raise RowError(_("统一社会信用代码 %(c)s 不在检查对象名录库中") % {"c": code})
    inspected_on = _date(_need(row, "inspected_on", "检查日期"))
    if inspected_on is None:
        raise RowError(_("检查日期格式应为 2026-03-01"))
    certs = [
        c
        for c in row.get("inspectors", "").replace("；", ";").replace("、", ";").replace(",", ";").split(";")
        if c.strip()
    ]
    certs = [c.strip() for c in certs]
    if len(certs) < 2:
        raise RowError(_("每次检查至少 2 名检查人员（执法证号用分号或顿号分隔）"))
    unknown = [c for c in certs if c not in lookups["inspectors"]]
    if unknown:
        raise RowError(_("未知的执法证号：%(c)s") % {"c": "、".join(unknown[:5])})
    inspection = Inspection(
        enterprise=enterprise,
        inspected_on=inspected_on,
        source=_enum(row, "source", "检查来源", InspectionSource),
        result=_enum(row, "result", "检查结果", InspectionResult),
        action_name=_length(row.get("action_name", ""), "专项行动名称", 200),
        findings=row.get("findings", ""),
    )
    return inspection, [lookups["inspectors"][c] for c in certs]


def _check_penalty(row, seen, lookups) -> Penalty:
    number = _length(_need(row, "decision_no", "决定书文号"), "决定书文号", 100)
    if number in seen:
        raise RowError(_("决定书文号 %(n)s 在文件中重复") % {"n": number})
    if number in lookups["existing_numbers"]:
        raise RowError(_("决定书文号 %(n)s 已存在") % {"n": number})
    seen.add(number)
    decided_on = _date(_need(row, "decided_on", "处罚决定日期"))
    if decided_on is None:
        raise RowError(_("处罚决定日期格式应为 2026-03-01"))
    amount_text = row.get("fine_amount", "").replace(",", "") or "0"
    try:
        amount = Decimal(amount_text)
    except InvalidOperation:
        raise RowError(_("罚没金额“%(v)s”不是数字") % {"v": amount_text[:30]}) from None
    if amount < 0 or amount >= Decimal("1e12") or amount != amount.quantize(Decimal("0.01")):
        raise RowError(_("罚没金额应为不小于 0、最多两位小数的金额"))
    code = _code(row, required=False)
    kind = _enum(row, "kind", "处罚种类", PenaltyKind)
    return Penalty(
        decision_no=number,
        party_kind=_enum(row, "party_kind", "当事人类型", PartyKind),
        party_name=_length(_need(row, "party_name", "当事人名称或姓名"), "当事人名称或姓名", 200),
        party_id_number=_length(row.get("party_id_number", ""), "身份证件号码", 30),
        credit_code=code,
        enterprise=lookups["enterprises"].get(code) if code else None,
        violation_type=_length(row.get("violation_type", ""), "违法行为类型", 200),
        violation=_need(row, "violation", "违法事实"),
        legal_basis=_need(row, "legal_basis", "处罚依据"),
        kind=kind,
        content=row.get("content", ""),
        # One amount column: a confiscation's amount is its own 双公示 field, not a fine.
        fine_amount=Decimal(0) if kind == PenaltyKind.CONFISCATION else amount,
        confiscation_amount=amount if kind == PenaltyKind.CONFISCATION else Decimal(0),
        decided_on=decided_on,
    )


def _refuse_control_characters(row: dict, spec) -> None:
    """NUL and other invisible controls are refused (PostgreSQL cannot store NUL; exports would break)."""
    for key, label, _required in spec:
        if hostile_files.has_control_characters(row.get(key, "")):
            raise RowError(_("“%(f)s”含有不可见的控制字符（如 NUL、换页符），请删除后重新导入") % {"f": label})


CHECKERS = {"enterprises": _check_enterprise, "inspections": _check_inspection, "penalties": _check_penalty}


def _lookups(kind: str) -> dict:
    if kind == "enterprises":
        return {"existing_codes": set(Enterprise.objects.values_list("credit_code", flat=True))}
    enterprises = {e.credit_code: e for e in Enterprise.objects.only("id", "credit_code", "name")}
    if kind == "inspections":
        return {
            "enterprises": enterprises,
            "inspectors": {i.cert_no: i for i in Inspector.objects.only("id", "cert_no")},
        }
    return {"enterprises": enterprises, "existing_numbers": set(Penalty.objects.values_list("decision_no", flat=True))}


def run_import(*, kind: str, upload, by) -> Report:
    """Check every row; save all of them in one transaction only if none has an error."""
    report = Report()
    try:
        rows = read_rows(upload)
    except FileRefused as exc:
        report.errors.append((0, str(exc)))
        return report
    except Exception as exc:  # noqa: BLE001  (a broken file is the user's input, not our bug)
        report.errors.append((0, _("文件无法读取：%(e)s") % {"e": str(exc)[:200]}))
        return report
    rows = [r for r in rows if any(c for c in r)]
    if not rows:
        report.errors.append((0, _("文件是空的。")))
        return report
    spec = SPECS[kind]
    by_header = {}
    for key, label, _required in spec:
        by_header[key] = key
        by_header[label] = key
    header = [by_header.get(h.strip()) for h in rows[0]]
    missing = [label for key, label, required in spec if required and key not in header]
    if missing:
        report.errors.append((1, _("表头缺少：%(m)s") % {"m": "、".join(missing)}))
        return report
    body = rows[1:]
    if len(body) > MAX_ROWS:
        report.errors.append((0, _("一次最多导入 %(n)d 行。") % {"n": MAX_ROWS}))
        return report
    report.rows = len(body)
    lookups = _lookups(kind)
    checker = CHECKERS[kind]
    seen: set = set()
    built = []
    for number, cells in enumerate(body, start=2):
        row = {key: (cells[i] if i < len(cells) else "") for i, key in enumerate(header) if key}
        try:
            _refuse_control_characters(row, spec)
            obj = checker(row, seen, lookups)
            record = obj[0] if isinstance(obj, tuple) else obj
            record.full_clean(exclude=["enterprise", "inspectors", "created_by"], validate_unique=False)
        except RowError as exc:
            report.errors.append((number, str(exc)))
            continue
        except forms.ValidationError as exc:
            report.errors.append((number, "；".join(str(m) for m in exc.messages)))
            continue
        built.append(obj)
    if report.errors:
        return report
    with transaction.atomic():
        for obj in built:
            record, inspectors = obj if isinstance(obj, tuple) else (obj, None)
            if isinstance(record, Publishable):
                # Imported records are drafts by the importing editor; reviewers publish them.
                publishing.mark_edited(record, by=by)
                record._history_user = by
            record.save()
            if inspectors:
                record.inspectors.set(inspectors)
            report.created += 1
    return report
