"""The bureau's enforcement record: who is supervised, who inspects, draws, inspections,
hazards, penalties and closures (双随机、一公开, 双公示, 行政处罚法 Art. 48).
"""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loudi_portal import gram_search, workdays
from loudi_portal.areas import County
from loudi_portal.choice_labels import ChoiceLabels
from loudi_portal.doc_number import doc_number_error
from loudi_portal.history import tracked
from loudi_portal.identifiers import (
    id_number_error,
    mask_id_number,
    mask_name,
    normalize_credit_code,
    validate_credit_code,
)
from loudi_portal.models import BureauProfile
from loudi_portal.publishing import Publishable, PublishableQuerySet, Status, publication_permissions

from . import draw as algorithm_module
from .publicity_period import Severity, default_end, earliest_public_decision, end_error, latest_end

PUBLICATION_WORKING_DAYS = 7  # 双公示: penalty decisions are published within 7 working days


def publication_deadline(decided_on: date) -> date:
    """The last day a penalty decision may be published on time (the decision day not counted)."""
    return workdays.add_working_days(decided_on, PUBLICATION_WORKING_DAYS).due


class Industry(models.TextChoices):
    """The ten key industries (十大重点行业领域)."""

    MINES = "mines", _("煤矿和非煤矿山")
    TRAFFIC = "traffic", _("道路和水上交通")
    CONSTRUCTION = "construction", _("建设施工")
    FIREWORKS = "fireworks", _("烟花爆竹")
    CHEMICALS = "chemicals", _("危险化学品")
    METALLURGY = "metallurgy", _("冶金工贸")
    FIRE = "fire", _("消防")
    SCHOOL = "school", _("校园校车")
    SPECIAL_EQUIPMENT = "special_equipment", _("特种设备")
    TOURISM = "tourism", _("旅游")


class RiskGrade(models.TextChoices):
    MAJOR = "red", _("重大风险（红）")
    HIGH = "orange", _("较大风险（橙）")
    GENERAL = "yellow", _("一般风险（黄）")
    LOW = "blue", _("低风险（蓝）")


# --- Directories ------------------------------------------------------------------------


class EnterpriseStatus(models.TextChoices):
    OPERATING = "operating", _("在营")
    SUSPENDED = "suspended", _("停产整顿")
    CLOSED = "closed", _("关闭")


class Enterprise(ChoiceLabels, models.Model):
    """A supervised enterprise (检查对象名录库); the whole directory is public."""

    name = models.CharField(_("企业名称"), max_length=200)
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
        help_text=_("18 位，最后一位为校验位；系统会核对校验位。"),
    )
    county = models.CharField(_("所在县市区"), max_length=20, choices=County)
    industry = models.CharField(_("行业领域"), max_length=30, choices=Industry)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    risk_grade = models.CharField(_("风险等级"), max_length=10, choices=RiskGrade, default=RiskGrade.LOW)
    status = models.CharField(
        _("经营状态"), max_length=20, choices=EnterpriseStatus, default=EnterpriseStatus.OPERATING
    )

    history = tracked()

    class Meta:
        verbose_name = _("检查对象（企业）")
        verbose_name_plural = _("检查对象名录库")
        ordering = ["credit_code"]
        indexes = [
            # The public directory filtered by county and industry, in credit-code order.
            models.Index(fields=["county", "industry", "credit_code"], name="enf_enterprise_list"),
            # Deep pages of the unfiltered directory: the page's ids from the index alone.
            models.Index(fields=["credit_code"], include=["id"], name="enf_enterprise_page"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.credit_code = normalize_credit_code(self.credit_code or "")


class Inspector(models.Model):
    """A law-enforcement inspector (执法检查人员名录库) and the enterprises they must avoid (回避)."""

    name = models.CharField(_("姓名"), max_length=50)
    cert_no = models.CharField(_("执法证号"), max_length=30, unique=True)
    unit = models.CharField(_("所在单位"), max_length=100, default="娄底市应急管理局")
    is_active = models.BooleanField(_("在岗"), default=True, help_text=_("只有在岗人员参加随机抽取。"))
    conflicts = models.ManyToManyField(
        Enterprise,
        verbose_name=_("回避企业"),
        blank=True,
        related_name="conflicted_inspectors",
        help_text=_("与本人有利害关系、抽取时须回避的企业。"),
    )

    history = tracked(m2m_fields=[conflicts])

    class Meta:
        verbose_name = _("执法检查人员")
        verbose_name_plural = _("执法检查人员名录库")
        ordering = ["cert_no"]

    def __str__(self):
        return f"{self.name}（{self.cert_no}）"


# --- Plans and draws --------------------------------------------------------------------


class InspectionPlan(Publishable):
    """A random-inspection plan (双随机抽查计划): scope, size and who takes part."""

    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("计划名称"), max_length=200)
    lead_department = models.CharField(_("牵头部门"), max_length=100, default="娄底市应急管理局")
    joint_departments = models.CharField(
        _("联合部门"),
        max_length=300,
        blank=True,
        help_text=_("联合抽查的部门，用顿号分隔，例如：市市场监督管理局、市交通运输局。"),
    )
    industries = models.JSONField(_("行业范围"), default=list, blank=True, help_text=_("不选表示全部行业。"))
    counties = models.JSONField(_("地域范围"), default=list, blank=True, help_text=_("不选表示全部县市区。"))
    risk_grades = models.JSONField(_("风险等级范围"), default=list, blank=True, help_text=_("不选表示全部等级。"))
    enterprise_count = models.PositiveSmallIntegerField(
        _("抽取企业数"), validators=[MinValueValidator(1)], help_text=_("从候选企业中抽取的家数（k）。")
    )
    inspectors_per_enterprise = models.PositiveSmallIntegerField(
        _("每家检查人员数"), default=2, validators=[MinValueValidator(2)], help_text=_("每家至少 2 名（m）。")
    )
    description = models.TextField(_("说明"), blank=True)

    history = tracked()

    class Meta:
        verbose_name = _("随机抽查计划")
        verbose_name_plural = _("随机抽查计划")
        ordering = ["-year", "-id"]
        permissions = [
            *publication_permissions("随机抽查计划", "inspectionplan"),
            ("freeze_inspectionplan", _("可以冻结抽查名单")),
        ]
        constraints = [
            # 双随机: at least two inspectors go to every drawn enterprise.
            models.CheckConstraint(condition=Q(inspectors_per_enterprise__gte=2), name="enf_plan_two_inspectors"),
            models.CheckConstraint(condition=Q(enterprise_count__gte=1), name="enf_plan_positive_count"),
        ]
        indexes = [
            # The public plan list: published plans, newest year first.
            models.Index(fields=["status", "-year", "-id"], name="enf_plan_list"),
        ]

    def __str__(self):
        return f"{self.year} {self.title}"

    def joint_list(self) -> list[str]:
        return [
            d.strip() for d in self.joint_departments.replace(",", "、").replace("，", "、").split("、") if d.strip()
        ]

    def clean(self):
        super().clean()
        if self.lead_department.strip() and self.lead_department.strip() in self.joint_list():
            raise ValidationError(
                {
                    "joint_departments": _("牵头部门“%(lead)s”不能同时列为联合部门。")
                    % {"lead": self.lead_department.strip()}
                }
            )

    def scope_labels(self) -> dict[str, list[str]]:
        return {
            "industries": [Industry(v).label for v in self.industries if v in Industry.values],
            "counties": [County(v).label for v in self.counties if v in County.values],
            "risk_grades": [RiskGrade(v).label for v in self.risk_grades if v in RiskGrade.values],
        }

    def candidates(self):
        """Enterprises in scope and operating, sorted by credit code (one query)."""
        qs = Enterprise.objects.filter(status=EnterpriseStatus.OPERATING)
        if self.industries:
            qs = qs.filter(industry__in=self.industries)
        if self.counties:
            qs = qs.filter(county__in=self.counties)
        if self.risk_grades:
            qs = qs.filter(risk_grade__in=self.risk_grades)
        return qs.order_by("credit_code")


class DrawStatus(models.TextChoices):
    FROZEN = "frozen", _("名单已冻结，待抽取")
    DRAWN = "drawn", _("已抽取")


class DrawQuerySet(models.QuerySet):
    def published(self):
        """A draw stays public once its plan was published, even if the plan is later withdrawn."""
        return self.filter(
            Q(plan__status=Status.PUBLISHED, plan__published_at__lte=Now()) | Q(plan__status=Status.WITHDRAWN)
        )


class Draw(models.Model):
    """The frozen lists, the commitment and, once drawn, the result of one plan's draw.

    Created by `services.freeze_plan`, completed by `services.run_draw`; never edited or
    deleted afterwards (the admin shows it read-only).
    """

    plan = models.OneToOneField(
        InspectionPlan, verbose_name=_("抽查计划"), on_delete=models.PROTECT, related_name="draw"
    )
    status = models.CharField(_("状态"), max_length=20, choices=DrawStatus, default=DrawStatus.FROZEN)
    k = models.PositiveSmallIntegerField(_("抽取企业数"))
    m = models.PositiveSmallIntegerField(_("每家检查人员数"))
    candidates = models.JSONField(_("候选企业名单"))
    candidates_sha256 = models.CharField(_("候选企业名单哈希"), max_length=64)
    inspectors = models.JSONField(_("检查人员名单"))
    inspectors_sha256 = models.CharField(_("检查人员名单哈希"), max_length=64)
    conflicts = models.JSONField(_("回避关系"))
    conflicts_sha256 = models.CharField(_("回避关系哈希"), max_length=64)
    commitment = models.CharField(_("承诺值"), max_length=64, help_text=_("sha256(密钥)，冻结时公开。"))
    secret = models.CharField(_("密钥"), max_length=64, help_text=_("抽取后公开。"))
    public_source = models.CharField(
        _("公开随机数来源"), max_length=300, help_text=_("例如：2026年3月2日中国福利彩票“快乐8”开奖号码。")
    )
    public_value = models.CharField(
        _("公开随机数"),
        max_length=400,
        blank=True,
        help_text=_("规范形式：来源|开奖日期|号码1,号码2,…（算法 sha256-rank-v2 起）。"),
    )
    algorithm = models.CharField(
        _("抽取算法"),
        max_length=20,
        default=algorithm_module.ALGORITHM,
        editable=False,
        help_text=_("sha256-rank-v1 按输入原样使用公开随机数；v2 使用其规范形式。"),
    )
    seed = models.CharField(_("种子"), max_length=64, blank=True)
    selected = models.JSONField(_("抽取结果"), null=True, blank=True)
    frozen_at = models.DateTimeField(_("冻结时间"))
    frozen_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("冻结人"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    drawn_at = models.DateTimeField(_("抽取时间"), null=True, blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("抽取人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    # The secret stays out of every export, history included, until the draw is made.
    secret_fields = {"secret": "is_drawn"}

    objects = DrawQuerySet.as_manager()
    history = tracked()

    class Meta:
        verbose_name = _("随机抽取")
        verbose_name_plural = _("随机抽取")
        ordering = ["-frozen_at"]
        permissions = [("run_draw", _("可以执行随机抽取"))]
        constraints = [
            # A drawn draw always carries its public value, seed and result.
            models.CheckConstraint(
                condition=Q(status="frozen") | (~Q(public_value="") & ~Q(seed="") & Q(selected__isnull=False)),
                name="enf_draw_complete_when_drawn",
            ),
        ]

    def __str__(self):
        return str(_("抽取：%(plan)s") % {"plan": self.plan})

    def get_absolute_url(self):
        return reverse("enforcement:draw-detail", args=[self.pk])

    @property
    def is_drawn(self) -> bool:
        return self.status == DrawStatus.DRAWN

    def public_value_parts(self) -> dict | None:
        """The canonical public value's source, date and numbers; None for a v1 draw or before the draw."""
        if self.algorithm == "sha256-rank-v1" or not self.public_value:
            return None
        source, day, numbers = self.public_value.split("|")
        return {"source": source, "day": day, "numbers": numbers.replace(",", " ")}

    def public_data(self) -> dict:
        """The data.json document: exactly what a citizen needs to re-run the draw."""
        drawn = self.is_drawn
        return {
            "algorithm": self.algorithm,
            "commitment": self.commitment,
            "secret": self.secret if drawn else None,
            "public_value": self.public_value if drawn else None,
            "seed": self.seed if drawn else None,
            "k": self.k,
            "m": self.m,
            "candidates": self.candidates,
            "candidates_sha256": self.candidates_sha256,
            "inspectors": self.inspectors,
            "inspectors_sha256": self.inspectors_sha256,
            "conflicts": self.conflicts,
            "conflicts_sha256": self.conflicts_sha256,
            "selected": self.selected if drawn else None,
        }


# --- Inspections and hazards ------------------------------------------------------------


class InspectionSource(models.TextChoices):
    RANDOM = "random", _("双随机抽查")
    SPECIAL = "special", _("专项执法行动")
    COMPLAINT = "complaint", _("投诉举报")
    UNANNOUNCED = "unannounced", _("“四不两直”暗查暗访")
    ROUTINE = "routine", _("日常检查")


class InspectionResult(models.TextChoices):
    NO_ISSUES = "no_issues", _("未发现问题")
    HAZARDS = "hazards", _("发现隐患，责令整改")
    CASE = "case", _("立案查处")
    SUSPENDED = "suspended", _("责令停产停业整顿")


class Inspection(Publishable):
    """One inspection of one enterprise: why, by whom, when, and what was found."""

    source = models.CharField(_("检查来源"), max_length=20, choices=InspectionSource)
    plan = models.ForeignKey(
        InspectionPlan,
        verbose_name=_("抽查计划"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
    )
    action_name = models.CharField(
        _("专项行动名称"), max_length=200, blank=True, help_text=_("专项执法行动的名称；其他来源可不填。")
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("被检查企业"), on_delete=models.PROTECT, related_name="inspections"
    )
    inspectors = models.ManyToManyField(Inspector, verbose_name=_("检查人员"), related_name="inspections")
    inspected_on = models.DateField(_("检查日期"))
    result = models.CharField(_("检查结果"), max_length=20, choices=InspectionResult)
    findings = models.TextField(_("检查情况"), blank=True)

    history = tracked(m2m_fields=[inspectors])

    class Meta:
        verbose_name = _("执法检查")
        verbose_name_plural = _("执法检查")
        ordering = ["-inspected_on", "-id"]
        permissions = publication_permissions("执法检查", "inspection")
        indexes = [
            # The public list: published inspections, newest first.
            models.Index(fields=["status", "-inspected_on", "-id"], name="enf_inspection_list"),
            # Deep pages (loudi_portal/listing.py): the list's order with what public() filters on,
            # so the page's ids come from an index-only scan (PostgreSQL; SQLite ignores INCLUDE).
            models.Index(
                fields=["-inspected_on", "-id"], include=["status", "published_at"], name="enf_inspection_page"
            ),
        ]

    def __str__(self):
        return f"{self.inspected_on} {self.enterprise}"

    def clean(self):
        if self.source != InspectionSource.RANDOM:
            return
        if not self.plan_id:
            raise ValidationError({"plan": _("双随机抽查须选择抽查计划。")})
        draw = Draw.objects.filter(plan_id=self.plan_id, status=DrawStatus.DRAWN).first()
        if draw is None:
            raise ValidationError({"plan": _("该计划尚未完成随机抽取。")})
        if self.enterprise_id and not any(
            row["credit_code"] == self.enterprise.credit_code for row in draw.selected or []
        ):
            raise ValidationError({"enterprise": _("该企业不在本计划的抽取结果中。")})

    def publication_errors(self) -> dict:
        if self.pk and self.inspectors.count() < 2:
            return {"inspectors": _("每次检查至少 2 名检查人员。")}
        return {}


class HazardLevel(models.TextChoices):
    GENERAL = "general", _("一般隐患")
    MAJOR = "major", _("重大隐患")


class HazardStatus(models.TextChoices):
    RECTIFYING = "rectifying", _("整改中")
    RECTIFIED = "rectified", _("已整改")


class HazardQuerySet(PublishableQuerySet):
    def published(self):
        """Public when both the hazard and the inspection that found it are published."""
        return super().published().filter(inspection__status=Status.PUBLISHED, inspection__published_at__lte=Now())

    def public_or_withdrawn(self):
        return (
            super()
            .public_or_withdrawn()
            .filter(inspection__status=Status.PUBLISHED, inspection__published_at__lte=Now())
        )

    public = public_or_withdrawn

    def overdue(self, today: date | None = None):
        today = today or timezone.localdate()
        return self.filter(rectification_status=HazardStatus.RECTIFYING, deadline__lt=today)


class Hazard(Publishable):
    """A hazard found in an inspection; major ones carry the 一单四制 fields."""

    inspection = models.ForeignKey(
        Inspection, verbose_name=_("执法检查"), on_delete=models.PROTECT, related_name="hazards"
    )
    description = models.TextField(_("隐患描述"))
    level = models.CharField(_("隐患等级"), max_length=10, choices=HazardLevel, default=HazardLevel.GENERAL)
    responsible_person = models.CharField(_("整改责任人"), max_length=50, blank=True)
    measures = models.TextField(_("整改措施"), blank=True)
    funds = models.DecimalField(
        _("整改资金（元）"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    deadline = models.DateField(_("整改期限"))
    rectification_status = models.CharField(
        _("整改状态"), max_length=20, choices=HazardStatus, default=HazardStatus.RECTIFYING
    )
    rectified_on = models.DateField(_("整改完成日期"), null=True, blank=True)

    objects = HazardQuerySet.as_manager()
    history = tracked()

    class Meta:
        verbose_name = _("隐患")
        verbose_name_plural = _("隐患")
        ordering = ["-deadline", "-id"]
        permissions = publication_permissions("隐患", "hazard")
        constraints = [
            # 一单四制: a major hazard names who, how, with what money, by when.
            models.CheckConstraint(
                condition=Q(level="general") | (~Q(responsible_person="") & ~Q(measures="") & Q(funds__isnull=False)),
                name="enf_major_hazard_four_fields",
            ),
            # Rectified means a completion date.
            models.CheckConstraint(
                condition=Q(rectification_status="rectifying") | Q(rectified_on__isnull=False),
                name="enf_hazard_rectified_date",
            ),
        ]
        indexes = [
            # The public hazard list, latest deadline first.
            models.Index(fields=["-deadline", "-id"], name="enf_hazard_list"),
            # Deep pages: the hazard's own public() columns and the inspection to check, index-only.
            models.Index(
                fields=["-deadline", "-id"], include=["status", "published_at", "inspection"], name="enf_hazard_page"
            ),
        ]

    def __str__(self):
        return self.description[:40]

    def clean(self):
        errors = {}
        if self.level == HazardLevel.MAJOR:
            for field in ("responsible_person", "measures", "funds"):
                if getattr(self, field) in (None, ""):
                    errors[field] = _("重大隐患须按“一单四制”填写责任人、措施、资金和期限。")
        if self.rectification_status == HazardStatus.RECTIFIED and not self.rectified_on:
            errors["rectified_on"] = _("已整改的隐患须填写整改完成日期。")
        if errors:
            raise ValidationError(errors)

    @property
    def is_overdue(self) -> bool:
        return self.rectification_status == HazardStatus.RECTIFYING and self.deadline < timezone.localdate()


# --- Penalties --------------------------------------------------------------------------


class PartyKind(models.TextChoices):
    """相对人类别 (双公示): 个体工商户 is kept apart from 法人 and 自然人."""

    ORGANISATION = "organisation", _("法人或其他组织")
    SOLE_TRADER = "sole_trader", _("个体工商户")
    PERSON = "person", _("自然人")


class PenaltyKind(models.TextChoices):
    WARNING = "warning", _("警告")
    FINE = "fine", _("罚款")
    CONFISCATION = "confiscation", _("没收违法所得")
    SUSPENSION = "suspension", _("责令停产停业")
    LICENCE = "licence", _("暂扣或吊销许可证")
    CLOSURE = "closure", _("关闭")
    OTHER = "other", _("其他")


class PenaltyCategory(models.TextChoices):
    """处罚类别 (双公示): the kinds of penalty in 《行政处罚法》 (2021) Art. 9, one per value."""

    WARNING = "warning", _("警告")
    CRITICISM = "criticism", _("通报批评")
    FINE = "fine", _("罚款")
    CONFISCATE_GAINS = "confiscate_gains", _("没收违法所得")
    CONFISCATE_PROPERTY = "confiscate_property", _("没收非法财物")
    SUSPEND_LICENCE = "suspend_licence", _("暂扣许可证件")
    DOWNGRADE = "downgrade", _("降低资质等级")
    REVOKE_LICENCE = "revoke_licence", _("吊销许可证件")
    RESTRICT_BUSINESS = "restrict_business", _("限制开展生产经营活动")
    SUSPEND_BUSINESS = "suspend_business", _("责令停产停业")
    CLOSE = "close", _("责令关闭")
    RESTRICT_PRACTICE = "restrict_practice", _("限制从业")
    DETENTION = "detention", _("行政拘留")
    OTHER = "other", _("其他")


# The 处罚类别 each (older, single) 处罚种类 implies; a decision's categories include it.
CATEGORY_OF_KIND = {
    PenaltyKind.WARNING: PenaltyCategory.WARNING,
    PenaltyKind.FINE: PenaltyCategory.FINE,
    PenaltyKind.CONFISCATION: PenaltyCategory.CONFISCATE_GAINS,
    PenaltyKind.SUSPENSION: PenaltyCategory.SUSPEND_BUSINESS,
    PenaltyKind.LICENCE: PenaltyCategory.SUSPEND_LICENCE,
    PenaltyKind.CLOSURE: PenaltyCategory.CLOSE,
    PenaltyKind.OTHER: PenaltyCategory.OTHER,
}
# Categories that act on a licence: the decision names the licence and its number.
LICENCE_CATEGORIES = {PenaltyCategory.SUSPEND_LICENCE, PenaltyCategory.DOWNGRADE, PenaltyCategory.REVOKE_LICENCE}
CONFISCATION_CATEGORIES = {PenaltyCategory.CONFISCATE_GAINS, PenaltyCategory.CONFISCATE_PROPERTY}
WAN = Decimal("10000")
WAN_PLACES = Decimal("0.000001")


def yuan_to_wan(amount: Decimal | None) -> Decimal | None:
    """An amount in 元 as the 双公示 standard writes it: 万元 with six decimals (exact for whole 分)."""
    if amount is None:
        return None
    return (Decimal(amount) / WAN).quantize(WAN_PLACES)


def _wan_text(amount: Decimal | None) -> str:
    if not amount:
        return ""
    text = format(yuan_to_wan(amount), "f").rstrip("0")
    return text.rstrip(".")


class PenaltySeverity(models.TextChoices):
    """失信行为的严重程度: decides the 公示期 (enforcement/publicity_period.py)."""

    MINOR = Severity.MINOR.value, _("轻微")
    GENERAL = Severity.GENERAL.value, _("一般")
    SERIOUS = Severity.SERIOUS.value, _("严重")


# The text the keyword box searches (the grams column, loudi_portal/gram_search.py): a natural
# person's name is never in it, since a match would confirm who was penalised.
PENALTY_SEARCH_TEXT = (
    "coalesce(decision_no, '') || ' ' || coalesce(credit_code, '') || ' ' || coalesce(violation, '') || ' ' || "
    "CASE WHEN party_kind = 'organisation' THEN coalesce(party_name, '') ELSE '' END"
)


MAX_SEARCH_WORDS = 12  # as the notice search (disclosure/search.py MAX_TERMS)


class PenaltyQuerySet(PublishableQuerySet):
    def matching(self, text: str):
        """Rows where every word of `text` (split at spaces) is in the 决定书文号, 信用代码, 违法事实
        or (an organisation's) 当事人名称, as the notice search asks for all its words.

        On PostgreSQL the grams index picks the candidate rows first (a million rows: 1 ms
        instead of 3 s for a rare word); the icontains decide, so the rows are the same.
        """
        rows = self
        for word in text.split()[:MAX_SEARCH_WORDS]:
            # A word without letter case (Chinese, digits) is matched with a plain `contains`: the
            # same rows, but PostgreSQL estimates `col LIKE` from the column's statistics, while
            # icontains' UPPER(col) is an expression it guesses rare, and then it scans the
            # whole table instead of following the list's order (安全 生产: 1.4 s).
            lookup = "icontains" if word.lower() != word.upper() else "contains"
            contains = (
                Q(**{f"decision_no__{lookup}": word})
                | Q(**{f"credit_code__{lookup}": word})
                | Q(**{f"violation__{lookup}": word})
                | Q(party_kind=PartyKind.ORGANISATION, **{f"party_name__{lookup}": word})
            )
            narrowing = gram_search.narrowing(self.model, word)
            rows = rows.filter(narrowing, contains) if narrowing is not None else rows.filter(contains)
        return rows

    def public(self, today: date | None = None):
        """On the public list: published or withdrawn (with its reason), inside the publication period."""
        today = today or timezone.localdate()
        # The stored 公示截止期, and the statutory maximum on top of it, so a row saved with a
        # wrong date still comes down at the maximum of its severity.
        within_maximum = Q()
        for severity in PenaltySeverity:
            within_maximum |= Q(severity=severity, decided_on__gte=earliest_public_decision(severity, today))
        return self.public_or_withdrawn().filter(within_maximum, publicity_ends_on__gte=today)

    def past_publicity_period(self, today: date | None = None):
        """Published or withdrawn, but no longer on the public register: for auditors."""
        today = today or timezone.localdate()
        return self.public_or_withdrawn().exclude(pk__in=self.public(today).values("pk"))


class Penalty(Publishable):
    """An administrative penalty decision (行政处罚决定), published under 双公示."""

    decision_no = models.CharField(_("决定书文号"), max_length=100, unique=True)
    party_kind = models.CharField(_("当事人类型"), max_length=20, choices=PartyKind, default=PartyKind.ORGANISATION)
    party_name = models.CharField(
        _("当事人名称或姓名"), max_length=200, help_text=_("自然人姓名在公开页面上只显示姓。")
    )
    party_id_number = models.CharField(
        _("身份证件号码"), max_length=30, blank=True, help_text=_("仅自然人填写；公开页面上遮蔽。")
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("名录库企业"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="penalties",
    )
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True, validators=[validate_credit_code])
    legal_representative = models.CharField(_("法定代表人"), max_length=50, blank=True)
    violation_type = models.CharField(
        _("违法行为类型"),
        max_length=200,
        blank=True,
        help_text=_("违法行为的类型，例如：未按规定开展安全生产教育和培训。公示前必须填写。"),
    )
    violation = models.TextField(_("违法事实"))
    legal_basis = models.TextField(_("处罚依据"))
    kind = models.CharField(
        _("主要处罚种类"), max_length=20, choices=PenaltyKind, help_text=_("用于统计和筛选；全部处罚类别见下一项。")
    )
    categories = models.JSONField(
        _("处罚类别"),
        default=list,
        blank=True,
        help_text=_("《行政处罚法》第九条规定的种类，可多选；须包含主要处罚种类。"),
    )
    content = models.TextField(
        _("处罚内容"), blank=True, help_text=_("处罚决定的具体内容，例如：罚款人民币 3 万元。公示前必须填写。")
    )
    fine_amount = models.DecimalField(
        _("罚款金额（元）"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("以元填写；公开数据按双公示标准另给出万元数。"),
    )
    confiscation_amount = models.DecimalField(
        _("没收违法所得、没收非法财物的金额（元）"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("与罚款金额分开填写；没收非法财物的，填其价值。"),
    )
    licence_ref = models.CharField(
        _("暂扣或吊销证照名称及编号"),
        max_length=200,
        blank=True,
        help_text=_(
            "暂扣、吊销许可证件或降低资质等级时必须填写，例如：烟花爆竹经营（零售）许可证（湘娄烟零〔2025〕12号）。"
        ),
    )
    decided_on = models.DateField(_("处罚决定日期"))
    effective_until = models.DateField(
        _("处罚有效期"),
        null=True,
        blank=True,
        help_text=_("处罚决定履行或生效的截止日期（例如暂扣、停产停业的期限）；没有期限的不填。"),
    )
    authority = models.CharField(_("处罚机关"), max_length=100, blank=True, help_text=_("不填则取本局名称。"))
    authority_code = models.CharField(
        _("处罚机关统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("不填则取本局的统一社会信用代码。"),
    )
    data_source = models.CharField(_("数据来源单位"), max_length=100, blank=True, help_text=_("不填则取本局名称。"))
    data_source_code = models.CharField(
        _("数据来源单位统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("不填则取本局的统一社会信用代码。"),
    )
    severity = models.CharField(
        _("失信严重程度"),
        max_length=10,
        choices=PenaltySeverity,
        default=PenaltySeverity.GENERAL,
        help_text=_("《信用修复管理办法》：轻微一般不公示（最长 3 个月）；一般 3 个月至 1 年；严重 1 年至 3 年。"),
    )
    publicity_ends_on = models.DateField(
        _("公示截止期"),
        null=True,
        blank=True,
        help_text=_(
            "过了这一天，处罚决定从公开列表和公开数据中撤下（审计人员仍可查阅）。"
            "不填则取该严重程度的最长公示期；轻微的不填即不公示。"
        ),
    )

    publicity_lapsed_on = models.DateField(
        _("公示期满撤下日期"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("公示期满、从公开列表撤下的日期，由每日任务记入历史。"),
    )

    objects = PenaltyQuerySet.as_manager()
    history = tracked()

    class Meta:
        verbose_name = _("行政处罚")
        verbose_name_plural = _("行政处罚")
        ordering = ["-decided_on", "-id"]
        permissions = publication_permissions("行政处罚决定", "penalty")
        constraints = [
            models.CheckConstraint(condition=Q(fine_amount__gte=0), name="enf_penalty_fine_not_negative"),
            models.CheckConstraint(
                condition=Q(confiscation_amount__gte=0), name="enf_penalty_confiscation_not_negative"
            ),
        ]
        indexes = [
            # The public list: published penalties in their period, newest decision first.
            models.Index(fields=["status", "publicity_ends_on", "-decided_on", "-id"], name="enf_penalty_list"),
            # Deep pages (loudi_portal/listing.py): the register's order with every column public()
            # filters on, so the page's ids come from an index-only scan, not from the table.
            models.Index(
                fields=["-decided_on", "-id"],
                include=["status", "published_at", "severity", "publicity_ends_on"],
                name="enf_penalty_page",
            ),
        ]

    def __str__(self):
        return self.decision_no

    def save(self, *args, **kwargs):
        if self.decided_on and not self.publicity_ends_on:
            self.publicity_ends_on = default_end(self.severity, self.decided_on)
        for field in ("credit_code", "authority_code", "data_source_code"):
            if getattr(self, field):
                setattr(self, field, normalize_credit_code(getattr(self, field)))
        self.fill_standard_defaults()
        super().save(*args, **kwargs)

    def fill_standard_defaults(self) -> None:
        """处罚机关, 数据来源单位 and their codes default to the bureau's; categories include the main kind."""
        profile = BureauProfile.current()
        self.authority = self.authority or profile.name
        self.authority_code = self.authority_code or profile.credit_code
        self.data_source = self.data_source or profile.name
        self.data_source_code = self.data_source_code or profile.credit_code
        implied = CATEGORY_OF_KIND.get(self.kind)
        categories = list(self.categories or [])
        if implied and implied.value not in categories:
            categories.insert(0, implied.value)
        self.categories = [c for c in PenaltyCategory.values if c in categories]

    def clean(self):
        super().clean()
        errors = {}
        if self.decision_no and (message := doc_number_error(self.decision_no)):
            errors["decision_no"] = message
        if self.decided_on and self.severity and self.publicity_ends_on:
            message = end_error(self.severity, self.decided_on, self.publicity_ends_on)
            if message:
                errors["publicity_ends_on"] = message
        unknown = [str(c) for c in self.categories or [] if c not in PenaltyCategory.values]
        if unknown:
            errors["categories"] = _("处罚类别不在《行政处罚法》第九条的种类中：%(v)s。") % {"v": "、".join(unknown)}
        if self.party_kind == PartyKind.PERSON and self.party_id_number:
            self.party_id_number = self.party_id_number.strip().upper()
            if message := id_number_error(self.party_id_number):
                errors["party_id_number"] = message
        if self.decided_on and self.effective_until and self.effective_until < self.decided_on:
            errors["effective_until"] = _("处罚有效期不能早于处罚决定日期。")
        if errors:
            raise ValidationError(errors)

    def category_labels(self) -> str:
        """处罚类别 as the register shows it: 罚款、没收违法所得."""
        return "、".join(str(PenaltyCategory(c).label) for c in self.categories or [] if c in PenaltyCategory.values)

    @property
    def fine_amount_wan(self) -> Decimal | None:
        return yuan_to_wan(self.fine_amount)

    @property
    def confiscation_amount_wan(self) -> Decimal | None:
        return yuan_to_wan(self.confiscation_amount)

    @property
    def fine_wan_text(self) -> str:
        """罚款金额 for the page: "2.5" (万元) without trailing zeros; "" when there is no fine."""
        return _wan_text(self.fine_amount)

    @property
    def confiscation_wan_text(self) -> str:
        return _wan_text(self.confiscation_amount)

    @property
    def publicity_period_label(self) -> str:
        """公示期 as the register shows it: from the decision to its end, or 不公示."""
        if not self.publicity_ends_on:
            return str(_("不公示"))
        return f"{self.decided_on.isoformat()} 至 {self.publicity_ends_on.isoformat()}"

    @property
    def publicity_maximum_on(self) -> date:
        return latest_end(self.severity, self.decided_on)

    @property
    def publicity_last_day(self) -> date | None:
        """The last day on the public register: the 公示截止期, capped at the severity's maximum."""
        if not self.publicity_ends_on:
            return None
        return min(self.publicity_ends_on, self.publicity_maximum_on)

    def publication_errors(self) -> dict:
        """What the 双公示 standard requires before a decision goes public."""
        errors = {}
        categories = set(self.categories or [])
        if PenaltyCategory.FINE in categories and not self.fine_amount:
            errors["fine_amount"] = _("处罚类别含罚款，须填写罚款金额。")
        if categories & CONFISCATION_CATEGORIES and not self.confiscation_amount:
            errors["confiscation_amount"] = _("处罚类别含没收，须填写没收违法所得、没收非法财物的金额。")
        if categories & LICENCE_CATEGORIES and not self.licence_ref.strip():
            errors["licence_ref"] = _("暂扣、吊销许可证件或降低资质等级的，须填写证照名称及编号。")
        if not self.violation_type.strip():
            errors["violation_type"] = _("公示前须填写违法行为类型。")
        if not self.content.strip():
            errors["content"] = _("公示前须填写处罚内容。")
        return errors

    @property
    def public_party_name(self) -> str:
        return mask_name(self.party_name) if self.party_kind == PartyKind.PERSON else self.party_name

    @property
    def public_id_number(self) -> str:
        return mask_id_number(self.party_id_number) if self.party_id_number else ""

    @property
    def publication_due_on(self) -> date:
        return publication_deadline(self.decided_on)

    @property
    def is_publication_overdue(self) -> bool:
        """Published late, or still unpublished after the 7th working day."""
        due = self.publication_due_on
        if self.published_at:
            return timezone.localdate(self.published_at) > due
        return timezone.localdate() > due


# --- Closures ---------------------------------------------------------------------------


class ClosureKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("生产经营单位")
    FIREWORKS_OUTLET = "fireworks_outlet", _("烟花爆竹经营网点")
    ILLEGAL_SALE_POINT = "illegal_sale_point", _("非法销售点")
    COAL_MINE = "coal_mine", _("煤矿")
    NON_COAL_MINE = "non_coal_mine", _("非煤矿山")
    OTHER = "other", _("其他")


class Closure(Publishable):
    """Something closed or banned (关闭取缔): an enterprise, an outlet, an illegal sale point."""

    kind = models.CharField(_("类别"), max_length=30, choices=ClosureKind)
    name = models.CharField(_("名称"), max_length=200)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("名录库企业"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="closures",
    )
    county = models.CharField(_("所在县市区"), max_length=20, choices=County)
    address = models.CharField(_("地址"), max_length=300, blank=True)
    basis = models.TextField(_("关闭取缔依据"))
    closed_on = models.DateField(_("关闭取缔日期"))

    history = tracked()

    class Meta:
        verbose_name = _("关闭取缔")
        verbose_name_plural = _("关闭取缔")
        ordering = ["-closed_on", "-id"]
        permissions = publication_permissions("关闭取缔信息", "closure")
        indexes = [
            # The public list: published closures, newest first.
            models.Index(fields=["status", "-closed_on", "-id"], name="enf_closure_list"),
        ]

    def __str__(self):
        return self.name
