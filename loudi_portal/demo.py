"""Demo content of the foundation: the bureau's profile, departments and leadership.

How the demo is put together (`manage.py load_demo`): every app's `demo.py` has a
`load(*, stdout)` writing its own records, run in PROJECT_APPS order, each in one
transaction; an app whose demo is computed from the other apps' records (the yearly
reports count licences, penalties and requests) adds `load_late(*, stdout)`, run after
every `load`. Each must be idempotent (skip what exists) and date nothing after today.
The demo history runs from 2019 (the year of the bureau's work report in
shared/seed/) to yesterday: `DEMO_FIRST_YEAR`, `demo_last_day()`.

Facts come from shared/DOMAIN.md (the bureau's name, its supervised industries);
names of people are invented. Every text is written for the demo.
"""

from contextlib import contextmanager

from django.contrib.auth.models import Group, User
from simple_history.signals import pre_create_historical_record

from .identifiers import make_credit_code
from .models import BureauProfile, Department, Leader
from .roles import EDITOR, REVIEWER, sync_role_groups

DEMO_FIRST_YEAR = 2019
DEMO_REASON = "演示数据"


def _mark_history_entry(sender, history_instance, **kwargs):
    reason = history_instance.history_change_reason or ""
    if DEMO_REASON not in reason and "历史数据" not in reason:
        mark = f"（{DEMO_REASON}）"
        # simple-history's reason column holds 100 characters (PostgreSQL enforces it).
        history_instance.history_change_reason = reason[: 100 - len(mark)] + mark if reason else DEMO_REASON


@contextmanager
def marked_as_demo():
    """Every history entry written inside says 演示数据 (after its writer's reason, such as
    “受理（演示数据）”): each demo record is marked as demo in its history and in the auditor's
    export of it."""
    pre_create_historical_record.connect(_mark_history_entry, dispatch_uid="loudi-demo-reason")
    try:
        yield
    finally:
        pre_create_historical_record.disconnect(dispatch_uid="loudi-demo-reason")


def demo_last_day():
    """The last day demo records may carry: yesterday (nothing is dated after today)."""
    from datetime import timedelta

    from django.utils import timezone

    return timezone.localdate() - timedelta(days=1)


# Not a login: no password, no staff flag; it only signs the demo ledger lines and publications.
LOADER = "portal_sample_data"
DRAFTER = "portal_sample_drafts"

FUNCTIONS = """负责全市应急管理工作，指导各县市区、各部门应对安全生产类、自然灾害类等突发事件和综合防灾减灾救灾工作。
组织编制全市总体应急预案和安全生产类、自然灾害类专项预案，综合协调应急预案衔接工作，组织开展预案演练。
依法行使全市安全生产综合监督管理职权，指导协调、监督检查市直有关部门和各县市区安全生产工作。
负责煤矿和非煤矿山、危险化学品、烟花爆竹、冶金工贸等行业领域的安全生产监督管理，依法组织实施行政许可和行政处罚。
推行“双随机、一公开”监管，组织开展安全生产执法检查，督促企业落实隐患排查治理和风险分级管控。
依法公开政府信息，受理和办理政府信息公开申请，接受社会监督。"""

DEPARTMENTS = [
    ("办公室", "负责机关日常运转、文电会务、政务公开、信息化和保密工作。", "0738-8000001"),
    ("政策法规科", "负责规范性文件合法性审查、行政复议和行政应诉、普法工作。", "0738-8000002"),
    ("行政审批科", "负责本局行政许可事项的受理、审查和办结，公开办事指南和审批结果。", "0738-8000003"),
    ("执法监督科", "负责“双随机、一公开”抽查、专项执法行动和行政处罚案件办理。", "0738-8000004"),
    ("煤矿安全监督管理科", "负责煤矿安全监管和落后煤矿关闭退出、奖补资金的监督。", "0738-8000005"),
    ("危险化学品安全监督管理科", "负责危险化学品、烟花爆竹生产经营单位的安全监管和风险分级。", "0738-8000006"),
    ("应急指挥中心", "负责应急值守、预警信息发布和突发事件的应急处置协调。", "0738-8000110"),
]

LEADERS = [
    ("王建国", "党委书记、局长", "主持局全面工作。"),
    ("刘晓红", "党委委员、副局长", "分管行政审批、政策法规和政务公开工作。"),
    ("陈志强", "党委委员、副局长", "分管执法监督、煤矿和非煤矿山安全监管工作。"),
    ("赵敏", "党委委员、副局长", "分管危险化学品、烟花爆竹安全监管和应急指挥工作。"),
]


def load(*, stdout) -> None:
    profile = BureauProfile.objects.filter(pk=1).first()
    if profile is None:
        profile = BureauProfile(
            name="娄底市应急管理局",
            short_name="娄底市应急局",
            credit_code=make_credit_code("11431300MB1234567"),
            head_name="王建国",
            functions=FUNCTIONS,
            address="湖南省娄底市娄星区长青中街（演示地址）",
            postcode="417000",
            phone="0738-8000000",
            email="yjj@example.gov.cn",
            office_hours="工作日 上午 8:30-12:00，下午 14:30-17:30（法定节假日除外）",
            disclosure_office="娄底市应急管理局办公室（政务公开办），受理政府信息公开申请",
            site_code="4313000000",
            icp_record="湘ICP备00000000号（演示）",
            police_record="湘公网安备 43130000000000号（演示）",
            conac_url="https://bszs.conac.cn/sitename?method=show&id=DEMO0000000000000000",
        )
    profile.is_demo = True
    profile.save()
    for position, (name, duties, phone) in enumerate(DEPARTMENTS, start=1):
        Department.objects.get_or_create(name=name, defaults={"duties": duties, "phone": phone, "position": position})
    for position, (name, title, resp) in enumerate(LEADERS, start=1):
        Leader.objects.get_or_create(name=name, title=title, defaults={"responsibilities": resp, "position": position})
    stdout.write(f"机关信息：{len(DEPARTMENTS)} 个内设机构，{len(LEADERS)} 位领导。")


def demo_loader() -> User:
    """The account every app's demo data is reviewed and published under: cannot log in; reviewer rights."""
    return _system_account(LOADER, "演示数据审核（不可登录）", REVIEWER)


def demo_drafter() -> User:
    """The account demo records are drafted and submitted under (four eyes): cannot log in; editor rights."""
    return _system_account(DRAFTER, "演示数据录入（不可登录）", EDITOR)


def _system_account(username: str, label: str, group_name: str) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"is_staff": False, "last_name": label})
    if created:
        user.set_unusable_password()
        user.save()
    if not Group.objects.filter(name=group_name).exists():
        sync_role_groups()
    user.groups.add(Group.objects.get(name=group_name))
    return User.objects.get(pk=user.pk)  # fresh permission cache
