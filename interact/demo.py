"""Demo 互动交流: a year of 咨询 / 建言 messages up to yesterday, their replies and public versions,
and a few 找错 reports. Dated back from today, never after it; safe to re-run (nothing is duplicated).

Messages are received and answered through the services (with past times); the public versions
the reviewer approved in the past are stored as published with the lifecycle fields filled in
(the services refuse back-dating by design, see docs/publishing.md).
"""

from datetime import datetime, time, timedelta

from django.contrib.auth.models import Group, User
from django.utils import timezone

from loudi_portal import demo as shell_demo
from loudi_portal import publishing, roles, workdays

from . import services
from .models import ErrorReport, Message, PublishedReply
from .public import MESSAGE_HANDLER_GROUP

HANDLER = "portal_sample_messages"

# (kind, subject, body, reply). "{phone}" in a body is the sender's own number (removed when published).
TOPICS = [
    (
        "consult",
        "烟花爆竹零售许可证需要哪些材料",
        "我在涟源市开了一家小超市，想在春节前申请烟花爆竹零售许可证，请问需要准备哪些材料，到哪里办理？",
        "烟花爆竹零售经营许可由所在县市区应急管理部门审批。需提交申请书、营业执照、零售场所产权或租赁证明、"
        "主要负责人安全培训合格证明和场所平面图。请携带材料到涟源市政务服务中心应急管理窗口办理，"
        "办事指南见本站“行政审批”栏目。",
    ),
    (
        "consult",
        "特种作业操作证复审的时间",
        "我的电工作业操作证明年到期，复审需要提前多久申请？可以在网上办吗？我的电话{phone}。",
        "特种作业操作证每 3 年复审一次，应在期满前 60 日内提出申请。可登录湖南省政务服务网在线申请，"
        "或到市政务服务中心窗口办理。连续从事本工种 10 年以上、严格遵守安全规程的，经原考核发证机关同意，"
        "复审时间可延长至每 6 年一次。",
    ),
    (
        "suggest",
        "建议在社区增设应急避难场所指示牌",
        "我住在娄星区，小区附近有一处应急避难场所，但很多居民不知道。建议在路口增设指示牌，并定期组织演练。",
        "感谢您的建议。我局已将该建议转娄星区应急管理局，结合今年应急避难场所标识规范化工作，"
        "在周边主要路口增设指示标识，并纳入社区年度应急演练计划。",
    ),
    (
        "consult",
        "危险化学品经营许可证延期办理",
        "我公司的危险化学品经营许可证将于三个月后到期，延期需要重新做安全评价吗？",
        "危险化学品经营许可证有效期 3 年。有效期满需继续经营的，应在期满 3 个月前提出延期申请。"
        "符合条件的企业（如安全生产标准化达标、未发生死亡事故），可以不再提交安全评价报告，"
        "具体条件请见本站办事指南“危险化学品经营许可证核发（延期）”。",
    ),
    (
        "consult",
        "安全生产培训机构名单在哪里查",
        "公司新招了几名员工，要参加安全生产培训，请问娄底市有哪些正规的培训机构？",
        "生产经营单位可以自主培训，也可以委托具备条件的培训机构。本市安全生产培训机构名单可在本站"
        "“政务公开”栏目查询，培训后由企业组织考核并建立培训档案。",
    ),
    (
        "suggest",
        "汛期预警信息请多渠道发布",
        "去年汛期我们村收到的预警短信比较晚，建议通过村广播、微信群等多种方式同时发布预警信息。",
        "感谢您的意见。今年起，我局会同气象、水利部门建立预警信息“叫应”机制，预警信息同步通过短信、"
        "应急广播和村（社区）网格员微信群发布，并要求乡镇在接到预警后 30 分钟内反馈。",
    ),
    (
        "consult",
        "小型加油站是否需要编制应急预案",
        "我们是一家乡镇小型加油站，员工不到十人，也需要编制生产安全事故应急预案并备案吗？",
        "需要。加油站属于危险化学品经营单位，应当编制应急预案并向所在县市区应急管理部门备案。"
        "小微企业可以只编制现场处置方案，重点明确火灾、泄漏等情形的处置措施和联系方式。",
    ),
    (
        "consult",
        "企业安全生产标准化如何申请定级",
        "我公司是一家冶金工贸企业，想申请安全生产标准化三级，流程是怎样的？联系电话{phone}。",
        "企业按照标准化定级办法自评后，通过全国安全生产标准化管理信息系统提交定级申请，"
        "由定级部门组织现场评审，评审通过并公示无异议后予以公告。三级企业由县市区应急管理部门负责定级。",
    ),
    (
        "suggest",
        "建议公开双随机抽查结果的整改情况",
        "网站上公布了双随机抽查的结果，建议同时公布问题的整改情况，方便群众监督。",
        "感谢您的建议。自下季度起，“执法公示”栏目的抽查结果将补充隐患整改情况和复查日期，整改完成后及时更新。",
    ),
    (
        "consult",
        "非煤矿山安全生产许可证变更",
        "我们矿山的主要负责人更换了，安全生产许可证需要办理变更吗？多长时间能办好？",
        "主要负责人变更的，应在变更后 10 日内申请变更安全生产许可证。材料齐全的，"
        "我局承诺 5 个工作日内办结，详见本站“行政审批”栏目的办事指南。",
    ),
    (
        "consult",
        "应急管理局的办公地址和时间",
        "想当面咨询安全评价报告的问题，请问应急管理局在哪里办公，周末上班吗？",
        "本局办公地址和办公时间见网站页面底部“联系我们”。周六、周日及法定节假日不对外办公，"
        "工作日可先拨打办公室电话预约，我们安排业务科室接待。",
    ),
    (
        "suggest",
        "建议网站增加办事材料样表下载",
        "办事指南里列了申请书，但没有样表，每次都要跑窗口拿，建议网上提供样表下载。",
        "感谢您的建议。我局已整理各审批事项的申请书样表，陆续在办事指南中提供下载，首批 7 个事项已上线。",
    ),
]

PEOPLE = ["刘志强", "陈晓燕", "王建华", "李红梅", "赵国庆", "周丽娟", "曾宪文", "彭玉兰", "谢海军", "罗春花"]

ERROR_REPORTS = [
    (40, "link", "/approvals/", "办事指南页面的申请书附件打不开。", "fixed", "已重新上传附件，感谢您的指正。"),
    (21, "content", "/about/", "内设机构一栏的电话号码少了一位。", "fixed", "已核对并更正电话号码。"),
    (9, "outdated", "/notices/", "通知公告里有一条已过期的培训通知仍在首页。", "no_error", "该通知仍在有效期内。"),
    (1, "access", "/interact/", "手机上留言表单的按钮有点小。", "", ""),
]


def handler() -> User:
    """The account demo messages are answered under: cannot log in; 留言办理 rights."""
    user, created = User.objects.get_or_create(
        username=HANDLER, defaults={"is_staff": False, "last_name": "演示留言办理（不可登录）"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    if not Group.objects.filter(name=MESSAGE_HANDLER_GROUP).exists():
        roles.sync_role_groups()
    user.groups.add(Group.objects.get(name=MESSAGE_HANDLER_GROUP))
    return User.objects.get(pk=user.pk)  # fresh permission cache


def _at(day, hour: int):
    return timezone.make_aware(datetime.combine(day, time(hour, 15 + hour)))


def load(*, stdout) -> None:
    load_messages(stdout=stdout)
    load_error_reports(stdout=stdout)


def load_messages(*, stdout) -> None:
    """About five messages a month over the past year; the last few still within their reply period."""
    if Message.objects.exists():
        return
    by = handler()
    loader = shell_demo.demo_loader()
    today = timezone.localdate()
    count = published = 0
    for n in range(60):
        received = today - timedelta(days=360 - n * 6)
        kind, subject, body, reply = TOPICS[n % len(TOPICS)]
        name = PEOPLE[n % len(PEOPLE)] if kind == "consult" or n % 3 else ""
        phone = f"1397380{n:04d}"
        message, _code = services.receive_message(
            kind=kind,
            subject=subject,
            body=body.format(phone=phone),
            name=name,
            contact=phone if name or n % 2 else "",
            wants_reply=bool(name) and n % 4 == 0,
            agrees_to_publish=n % 5 != 4,
            at=_at(received, 9 + n % 7),
        )
        count += 1
        # Answered within 1-9 working days; one in twelve a little after the commitment (never near 3 months).
        taken = 1 + (n * 7) % 9 + (8 if n % 12 == 11 else 0)
        replied = workdays.add_working_days(message.received_on, taken).due
        if replied >= today:
            continue  # still being handled
        if n == 33:
            services.refuse_message(
                message=message, reason="您反映的是安全生产违法行为举报，已转 12350 举报热线受理。", by=by
            )
            continue
        services.answer_message(message=message, reply=reply, by=by, at=_at(replied, 15))
        record = PublishedReply.objects.filter(message=message).first()
        if record is not None and record.status == publishing.Status.PENDING:
            reviewed = min(workdays.add_working_days(replied, 1).due, today - timedelta(days=1))
            if reviewed < replied:
                continue
            record.status = publishing.Status.PUBLISHED
            record.submitted_at = message.replied_at
            record.published_at = record.reviewed_at = _at(reviewed, 10)
            record.reviewed_by = loader
            record.revision_authors = []
            record._history_user = loader
            record.save()
            published += 1
    stdout.write(f"互动交流：{count} 条演示留言，{published} 条答复已公开。")


def load_error_reports(*, stdout) -> None:
    if ErrorReport.objects.exists():
        return
    by = handler()
    today = timezone.localdate()
    for ago, kind, url, description, status, outcome in ERROR_REPORTS:
        report, _code = services.receive_report(page_url=url, kind=kind, description=description)
        ErrorReport.objects.filter(pk=report.pk).update(received_at=_at(today - timedelta(days=ago), 10))
        if status:
            services.record_outcome(report=report, status=status, outcome=outcome, by=by)
            ErrorReport.objects.filter(pk=report.pk).update(
                handled_at=_at(workdays.add_working_days(today - timedelta(days=ago), 2).due, 16)
            )
    stdout.write(f"网站找错：{len(ERROR_REPORTS)} 条演示报告。")
