"""The bureau's enforcement record: who is supervised, who inspects, draws, inspections,
hazards, penalties and closures (双随机、一公开, 双公示, 行政处罚法 Art. 48).
"""

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loudi_portal import workdays
from loudi_portal.areas import County
from loudi_portal.history import tracked
from loudi_portal.identifiers import normalize_credit_code, validate_credit_code
from loudi_portal.publishing import Publishable, PublishableQuerySet, Status, publication_permissions

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


class Enterprise(models.Model):
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
            Q(plan__status=Status.PUBLISHED, plan__published_at__lte=timezone.now()) | Q(plan__status=Status.WITHDRAWN)
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
    public_value = models.CharField(_("公开随机数"), max_length=200, blank=True)
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

    def public_data(self) -> dict:
        """The data.json document: exactly what a citizen needs to re-run the draw."""
        drawn = self.is_drawn
        return {
            "algorithm": "sha256-rank-v1",
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
        now = timezone.now()
        return super().published().filter(inspection__status=Status.PUBLISHED, inspection__published_at__lte=now)

    def public_or_withdrawn(self):
        now = timezone.now()
        return (
            super().public_or_withdrawn().filter(inspection__status=Status.PUBLISHED, inspection__published_at__lte=now)
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
    ORGANISATION = "organisation", _("法人或其他组织")
    PERSON = "person", _("自然人")


class PenaltyKind(models.TextChoices):
    WARNING = "warning", _("警告")
    FINE = "fine", _("罚款")
    CONFISCATION = "confiscation", _("没收违法所得")
    SUSPENSION = "suspension", _("责令停产停业")
    LICENCE = "licence", _("暂扣或吊销许可证")
    CLOSURE = "closure", _("关闭")
    OTHER = "other", _("其他")


# How long a decision stays on the public list when staff leave 公示截止日期 empty.
DEFAULT_PUBLICATION_YEARS = 3


def mask_name(name: str) -> str:
    """张三 -> 张*, 欧阳小明 -> 欧***: keep only the first character."""
    name = name.strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def mask_id_number(number: str) -> str:
    """Keep the first and last character of an ID number, hide the rest."""
    number = number.strip()
    if len(number) <= 2:
        return "*" * len(number)
    return number[0] + "*" * (len(number) - 2) + number[-1]


class PenaltyQuerySet(PublishableQuerySet):
    def public(self, today: date | None = None):
        """On the public list: published or withdrawn (with its reason), inside the publication period."""
        today = today or timezone.localdate()
        return self.public_or_withdrawn().filter(public_until__gte=today)


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
    violation = models.TextField(_("违法事实"))
    legal_basis = models.TextField(_("处罚依据"))
    kind = models.CharField(_("处罚种类"), max_length=20, choices=PenaltyKind)
    fine_amount = models.DecimalField(
        _("罚没金额（元）"), max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    decided_on = models.DateField(_("处罚决定日期"))
    public_until = models.DateField(
        _("公示截止日期"),
        null=True,
        blank=True,
        help_text=_("过了这一天，处罚决定从公开列表撤下（审计人员仍可查阅）。不填则为决定日起 3 年。"),
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
        ]
        indexes = [
            # The public list: published penalties in their period, newest decision first.
            models.Index(fields=["status", "public_until", "-decided_on", "-id"], name="enf_penalty_list"),
        ]

    def __str__(self):
        return self.decision_no

    def save(self, *args, **kwargs):
        if self.decided_on and not self.public_until:
            try:
                self.public_until = self.decided_on.replace(year=self.decided_on.year + DEFAULT_PUBLICATION_YEARS)
            except ValueError:  # 29 February
                self.public_until = self.decided_on + timedelta(days=365 * DEFAULT_PUBLICATION_YEARS + 1)
        if self.credit_code:
            self.credit_code = normalize_credit_code(self.credit_code)
        super().save(*args, **kwargs)

    def publication_errors(self) -> dict:
        if self.kind == PenaltyKind.FINE and not self.fine_amount:
            return {"fine_amount": _("罚款决定须填写罚没金额。")}
        return {}

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
