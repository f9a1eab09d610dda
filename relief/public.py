"""How the 救灾 registers join the shared pages: roles, /data/, the obligations board.

Called once from `ReliefConfig.ready()`.
"""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loudi_portal import obligations, registry
from loudi_portal.exports import Column

CATALOGUE = "救灾领域基层政务公开标准目录"
LOSS_STANDARD = CATALOGUE + "（灾后救助：本行政区域因灾损失情况）"
DONATION_STANDARD = CATALOGUE + "（款物管理：年度捐赠款物及使用情况）"
DATE_STANDARD = "；日期 GB/T 7408.1-2023"


def _published_on(record):
    return timezone.localdate(record.published_at) if record.published_at else None


LOSS_COLUMNS = [
    Column("id", "编号", kind="int", standard="本平台字段"),
    Column("title", "灾害名称", standard=LOSS_STANDARD),
    Column(
        "disaster_type",
        "灾害种类",
        "get_disaster_type_display",
        standard=LOSS_STANDARD + "；灾种按自然灾害情况统计调查制度",
    ),
    Column("began_on", "灾害发生时间", kind="date", standard=LOSS_STANDARD + DATE_STANDARD),
    Column("ended_on", "灾害结束时间", kind="date", help="仍在持续的为空。", standard=LOSS_STANDARD + DATE_STANDARD),
    Column("counties", "受灾县市区", "county_labels", standard=LOSS_STANDARD),
    Column("area_detail", "受灾区域", help="受灾乡镇（街道）等。", standard=LOSS_STANDARD),
    Column("affected_people", "受灾人口（人次）", kind="int", standard=LOSS_STANDARD),
    Column("deaths", "死亡人口（人）", kind="int", standard=LOSS_STANDARD),
    Column("missing", "失踪人口（人）", kind="int", standard=LOSS_STANDARD),
    Column("relocated", "紧急转移安置人口（人次）", kind="int", standard=LOSS_STANDARD),
    Column("crops_hectares", "农作物受灾面积（公顷）", kind="money", standard=LOSS_STANDARD),
    Column("houses_collapsed", "倒塌房屋（间）", kind="int", standard=LOSS_STANDARD),
    Column("houses_damaged", "损坏房屋（间）", kind="int", standard=LOSS_STANDARD),
    Column("direct_loss", "直接经济损失（元）", kind="money", standard=LOSS_STANDARD),
    Column("statistics_note", "统计口径", standard=LOSS_STANDARD),
    Column(
        "formed_on",
        "信息形成日期",
        kind="date",
        help="20 个工作日的公开时限从此日起算。",
        standard=CATALOGUE + "（公开时限）" + DATE_STANDARD,
    ),
    Column("published_on", "公开日期", _published_on, kind="date", standard=CATALOGUE + "（公开时限）" + DATE_STANDARD),
]

DONATION_COLUMNS = [
    Column("id", "编号", kind="int", standard="本平台字段"),
    Column("year", "年度", kind="int", standard=DONATION_STANDARD),
    Column("donor", "捐赠方", "public_donor", help="个人捐赠者只显示姓。", standard=DONATION_STANDARD),
    Column("donor_kind", "捐赠方类型", "get_donor_kind_display", standard=DONATION_STANDARD),
    Column("received_on", "接收日期", kind="date", standard=DONATION_STANDARD + DATE_STANDARD),
    Column("kind", "款物类别", "get_kind_display", standard=DONATION_STANDARD),
    Column("goods", "物资名称及数量", standard=DONATION_STANDARD),
    Column("amount", "金额或折价（元）", kind="money", standard=DONATION_STANDARD),
    Column("used_amount", "已使用金额或折价（元）", kind="money", standard=DONATION_STANDARD),
    Column("unused_amount", "结余（元）", kind="money", help="金额或折价减已使用。", standard=DONATION_STANDARD),
    Column("use", "使用情况", standard=DONATION_STANDARD),
    Column("formed_on", "信息形成日期", kind="date", standard=CATALOGUE + "（公开时限）" + DATE_STANDARD),
    Column("published_on", "公开日期", _published_on, kind="date", standard=CATALOGUE + "（公开时限）" + DATE_STANDARD),
]


def _losses():
    from .models import DisasterLoss

    return DisasterLoss.objects.published().order_by("-began_on", "-id")


def _donations():
    from .models import Donation

    return Donation.objects.published().order_by("-year", "-received_on", "-id")


def relief_obligations(today: date) -> list[obligations.Obligation]:
    """Loss and donation records formed in the last 120 days: public within 20 working days? (2 queries)"""
    from .models import DisasterLoss, Donation

    since = today - timedelta(days=120)
    items = []
    for model, label, admin_name in (
        (DisasterLoss, _("因灾损失情况"), "admin:relief_disasterloss_change"),
        (Donation, _("捐赠款物及使用情况"), "admin:relief_donation_change"),
    ):
        for record in model.objects.filter(formed_on__gte=since).order_by("formed_on", "id"):
            items.append(
                obligations.Obligation(
                    title=_("%(label)s：%(record)s") % {"label": label, "record": record},
                    rule=_("信息形成或变更之日起 20 个工作日内公开"),
                    due_on=record.publication_due_on,
                    done_on=_published_on(record) if record.status == "published" else None,
                    url=reverse(admin_name, args=[record.pk]),
                )
            )
    return items


def connect() -> None:
    from .models import DisasterLoss, Donation
    from .permissions import register_roles
    from .sitemaps import SITEMAPS

    register_roles()
    for key, sitemap in SITEMAPS.items():
        registry.register_sitemap(key, sitemap)
    for label, url_name, order in (
        (_("因灾损失情况"), "relief:loss-list", 40),
        (_("救灾捐赠款物及使用情况"), "relief:donation-list", 41),
    ):
        registry.register_category_link("emergency", registry.CategoryLink(label, url_name, order=order))
    registry.register_dataset(
        registry.Dataset(
            key="relief-losses",
            title=_("因灾损失情况"),
            description=_("本行政区域自然灾害的发生时间、灾种、受灾区域和人员、农作物、房屋及直接经济损失。"),
            url_name="relief:loss-list",
            columns=LOSS_COLUMNS,
            public=_losses,
            everything=lambda: DisasterLoss.objects.order_by("-id"),
            order=400,
            standard=LOSS_STANDARD,
        )
    )
    registry.register_dataset(
        registry.Dataset(
            key="relief-donations",
            title=_("救灾捐赠款物及使用情况"),
            description=_("本局接收的救灾捐赠资金和物资、折价、使用情况和结余；个人捐赠者只显示姓。"),
            url_name="relief:donation-list",
            columns=DONATION_COLUMNS,
            public=_donations,
            everything=lambda: Donation.objects.order_by("-id"),
            order=401,
            standard=DONATION_STANDARD,
        )
    )
    obligations.register_obligation_source(
        "relief", _("救灾信息（因灾损失、捐赠款物）"), _("形成或变更之日起 20 个工作日内"), relief_obligations
    )
