"""Administrative approvals: the service catalogue, applications on a working-day clock,
published results (双公示) and the directory of safety evaluation and testing agencies."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loudi_portal.choice_labels import ChoiceLabels
from loudi_portal.doc_number import doc_number_error
from loudi_portal.files import original_name, random_name, validate_magic
from loudi_portal.history import tracked
from loudi_portal.identifiers import normalize_credit_code, validate_credit_code
from loudi_portal.models import BureauProfile
from loudi_portal.publishing import Publishable, PublishableQuerySet, Status, publication_permissions

from .service_codes import validate_basic_code, validate_implementation_code

# 双公示: licensing decisions are published within 7 working days of the decision.
RESULT_PUBLICATION_DAYS = 7
# 《行政许可法》 Art. 42: one extension of at most 10 working days.
MAX_EXTENSION_DAYS = 10
# Service codes become /approvals/<code>/: these are the register pages' own paths.
RESERVED_CODES = {"track", "results", "stats", "agencies"}


class HandlingType(models.TextChoices):
    IMMEDIATE = "immediate", _("即办件")
    PROMISED = "promised", _("承诺件")


class Service(Publishable):
    """A service (事项) and its published guide (办事指南), on the shared publication lifecycle.

    Withdrawn (Status.WITHDRAWN) reads 已停止办理 on its public page, with the public reason.
    """

    class Kind(models.TextChoices):
        LICENSING = "licensing", _("行政许可")
        OTHER = "other", _("其他行政权力")

    # The shared vocabulary (kept as an attribute for callers that write Service.Status).
    Status = Status
    # The slug is in public URLs: a correction never changes it.
    correction_excluded_fields = ("code",)

    code = models.SlugField(
        _("事项编码"), max_length=40, unique=True, help_text=_("公开网址中使用，例如 yjxk-001；字母、数字和连字符。")
    )
    name = models.CharField(_("事项名称"), max_length=200)
    kind = models.CharField(_("事项类型"), max_length=20, choices=Kind, default=Kind.LICENSING)
    is_delegated = models.BooleanField(
        _("省级下放事项"), default=False, help_text=_("由省应急管理厅下放至市局实施的事项。")
    )
    summary = models.TextField(_("事项简介"), blank=True)
    legal_basis = models.TextField(_("设定依据"), help_text=_("法律、法规、规章名称及条款，每条一行。"))
    conditions = models.TextField(_("申请条件"), help_text=_("每条一行。"))
    applicants = models.CharField(_("申请对象"), max_length=300, blank=True)
    statutory_limit_days = models.PositiveSmallIntegerField(
        _("法定时限（工作日）"), validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    committed_limit_days = models.PositiveSmallIntegerField(
        _("承诺时限（工作日）"),
        validators=[MinValueValidator(1), MaxValueValidator(365)],
        help_text=_("不得超过法定时限。"),
    )
    fee_yuan = models.DecimalField(_("收费金额（元）"), max_digits=10, decimal_places=2, default=0)
    fee_basis = models.CharField(_("收费标准及依据"), max_length=300, default="不收费")
    where_to_apply = models.CharField(_("办理地点"), max_length=300)
    how_to_apply = models.TextField(_("办理方式"), help_text=_("窗口、网上、邮寄等，每种一行。"))
    office_hours = models.CharField(_("办理时间"), max_length=200)
    department = models.CharField(_("承办科室"), max_length=100)
    enquiry_phone = models.CharField(_("咨询电话"), max_length=50)
    complaint_phone = models.CharField(_("监督投诉电话"), max_length=50, blank=True)
    result_name = models.CharField(_("审批结果名称"), max_length=200, blank=True, help_text=_("例如 安全生产许可证。"))
    version = models.PositiveSmallIntegerField(_("指南版本"), default=1)
    revised_on = models.DateField(_("修订日期"), default=date.today)
    change_note = models.CharField(_("修订说明"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0, help_text=_("数字小的排在前面。"))
    # 全国一体化政务服务平台 事项标准 (GB/T 39554.1-2020); formats in service_codes.py.
    basic_code = models.CharField(
        _("基本编码"),
        max_length=12,
        blank=True,
        validators=[validate_basic_code],
        help_text=_("国家政务服务事项基本目录中的事项编码，12 位数字。"),
    )
    implementation_code = models.CharField(
        _("实施编码"),
        max_length=31,
        blank=True,
        validators=[validate_implementation_code],
        help_text=_("实施清单编码：实施机关统一社会信用代码（18 位）+ 实施层级（1 位）+ 基本编码（12 位）。"),
    )
    handling_type = models.CharField(_("办件类型"), max_length=20, choices=HandlingType, default=HandlingType.PROMISED)
    onsite_visits = models.PositiveSmallIntegerField(
        _("到办事现场次数"),
        default=1,
        validators=[MaxValueValidator(9)],
        help_text=_("申请人须到窗口的次数；全程网办填 0。"),
    )
    online_url = models.URLField(
        _("网上办理地址"), max_length=300, blank=True, help_text=_("湖南政务服务网上本事项的办理页面地址。")
    )

    history = tracked()
    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("审批事项")
        verbose_name_plural = _("审批事项")
        ordering = ["position", "code"]
        permissions = publication_permissions("办事指南", "service")
        indexes = [
            # The public catalogue: published services in display order.
            models.Index(fields=["status", "position", "code"], name="approvals_service_list"),
        ]
        constraints = [
            # A promise shorter than the law, never longer.
            models.CheckConstraint(
                condition=models.Q(committed_limit_days__lte=models.F("statutory_limit_days")),
                name="approvals_service_committed_le_statutory",
            ),
        ]

    def __str__(self):
        return f"{self.name}（{self.code}）"

    def get_absolute_url(self):
        return reverse("approvals:service-detail", args=[self.code])

    def clean(self):
        if self.code in RESERVED_CODES:
            raise ValidationError({"code": _("该编码与网站栏目地址冲突，请换一个。")})
        if self.implementation_code and self.basic_code and not self.implementation_code.endswith(self.basic_code):
            raise ValidationError({"implementation_code": _("实施编码的末 12 位应与基本编码一致。")})
        if self.handling_type == HandlingType.IMMEDIATE and self.committed_limit_days and self.committed_limit_days > 1:
            raise ValidationError({"handling_type": _("即办件当场或当日办结，承诺时限不应超过 1 个工作日。")})
        if self.committed_limit_days and self.statutory_limit_days:
            if self.committed_limit_days > self.statutory_limit_days:
                raise ValidationError({"committed_limit_days": _("承诺时限不得超过法定时限。")})

    @property
    def public_status(self) -> str:
        """A withdrawn guide reads 已停止办理 to the public."""
        return str(_("已停止办理")) if self.status == Status.WITHDRAWN else self.get_status_display()

    @property
    def compression_percent(self) -> int:
        """The committed limit as a share of the statutory one, in percent."""
        return round(100 * self.committed_limit_days / self.statutory_limit_days) if self.statutory_limit_days else 0

    def lines(self, field: str) -> list[str]:
        return [line.strip() for line in getattr(self, field).splitlines() if line.strip()]


class Intermediary(models.Model):
    """An intermediary service (中介服务) the application depends on, e.g. a 安全评价 report."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="intermediaries", verbose_name=_("事项")
    )
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("中介服务名称"), max_length=200, help_text=_("例如 安全现状评价。"))
    is_required = models.BooleanField(_("是否必须"), default=True, help_text=_("是否为受理的前置条件。"))
    provider = models.CharField(
        _("中介服务机构"), max_length=300, blank=True, help_text=_("例如 具备相应资质的安全评价机构，申请人自主选择。")
    )
    legal_basis = models.CharField(_("设定依据"), max_length=300, blank=True)

    history = tracked()

    class Meta:
        verbose_name = _("中介服务")
        verbose_name_plural = _("中介服务")
        ordering = ["service", "position", "id"]

    def __str__(self):
        return self.name


class SpecialStep(models.Model):
    """A special step (特殊环节): hearing, testing, expert review, on-site check... with its own time limit."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="special_steps", verbose_name=_("事项"))
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("特殊环节名称"), max_length=100, help_text=_("例如 专家评审、现场核查、听证。"))
    limit_days = models.PositiveSmallIntegerField(
        _("时限（工作日）"), validators=[MinValueValidator(1), MaxValueValidator(365)]
    )
    legal_basis = models.CharField(_("法定依据"), max_length=300)
    counts_toward_limit = models.BooleanField(
        _("计入办结时限"),
        default=False,
        help_text=_("《行政许可法》第四十五条：听证、检验、检测、检疫、鉴定和专家评审所需时间不计算在期限内。"),
    )

    history = tracked()

    class Meta:
        verbose_name = _("特殊环节")
        verbose_name_plural = _("特殊环节")
        ordering = ["service", "position", "id"]

    def __str__(self):
        return self.name


class Material(models.Model):
    """A document the applicant submits (申请材料)."""

    class Form(models.TextChoices):
        ORIGINAL = "original", _("原件")
        COPY = "copy", _("复印件")
        BOTH = "both", _("原件和复印件")
        ELECTRONIC = "electronic", _("电子材料")

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="materials", verbose_name=_("事项"))
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("材料名称"), max_length=300)
    is_required = models.BooleanField(_("必要材料"), default=True)
    form = models.CharField(_("材料形式"), max_length=20, choices=Form, default=Form.ORIGINAL)
    copies = models.PositiveSmallIntegerField(_("份数"), default=1, validators=[MaxValueValidator(99)])
    template = models.FileField(
        _("表格模板"),
        upload_to=random_name("approvals/templates"),
        max_length=255,
        blank=True,
        validators=[FileExtensionValidator(["pdf", "ofd", "doc", "docx", "xls", "xlsx", "wps"]), validate_magic],
        help_text=_("供申请人下载的空白表格；PDF、OFD、Word、Excel 或 WPS 文件。"),
    )
    template_name = models.CharField(_("模板原文件名"), max_length=255, blank=True, editable=False)
    not_needed_reason = models.CharField(
        _("免于提交说明"),
        max_length=300,
        blank=True,
        help_text=_("证照分离：本局可自行查询核验的证照（如营业执照），申请人无需提交；在此写明。"),
    )
    note = models.CharField(_("备注"), max_length=300, blank=True)

    history = tracked()

    class Meta:
        verbose_name = _("申请材料")
        verbose_name_plural = _("申请材料")
        ordering = ["service", "position", "id"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.template and not self.template._committed:  # a new upload: keep the name it came with
            self.template_name = original_name(self.template.name)
        super().save(*args, **kwargs)

    @property
    def template_download_name(self) -> str:
        return self.template_name or self.template.name.rsplit("/", 1)[-1]

    def get_template_url(self) -> str:
        return reverse("approvals:material-template", args=[self.service.code, self.pk])

    @property
    def applicant_need_not_submit(self) -> bool:
        return bool(self.not_needed_reason)


class Step(models.Model):
    """One step of the procedure (办理流程)."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="steps", verbose_name=_("事项"))
    position = models.PositiveSmallIntegerField(_("序号"), default=0)
    name = models.CharField(_("环节"), max_length=100)
    description = models.TextField(_("办理内容"))
    responsible = models.CharField(_("承办岗位"), max_length=100, blank=True)
    limit_days = models.PositiveSmallIntegerField(_("环节时限（工作日）"), null=True, blank=True)

    history = tracked()

    class Meta:
        verbose_name = _("办理流程")
        verbose_name_plural = _("办理流程")
        ordering = ["service", "position", "id"]

    def __str__(self):
        return self.name


class ApplicationQuerySet(models.QuerySet):
    def open(self):
        return self.filter(decision="")

    def late(self, today: date):
        """Open applications past their committed deadline, or decided after it."""
        return self.filter(
            models.Q(decision="", committed_due_on__lt=today)
            | models.Q(decision_on__isnull=False, committed_due_on__lt=models.F("decision_on"))
        )


class Application(ChoiceLabels, models.Model):
    """An application (申请) on the working-day clock."""

    class Stage(models.TextChoices):
        ACCEPTED = "accepted", _("受理")
        REVIEW = "review", _("审查")
        DECIDED = "decided", _("决定")
        COMPLETED = "completed", _("送达/办结")

    class Decision(models.TextChoices):
        NONE = "", _("尚未决定")
        GRANTED = "granted", _("准予许可")
        REFUSED = "refused", _("不予许可")

    reference = models.CharField(_("受理编号"), max_length=30, unique=True, editable=False)
    # Only a salted hash (loudi_portal.tracking): the code itself is shown once, on the acceptance slip.
    query_code_hash = models.CharField(_("查询码摘要"), max_length=100, editable=False, default="")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="applications", verbose_name=_("事项"))
    enterprise_name = models.CharField(_("申请单位"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, validators=[validate_credit_code])
    contact_name = models.CharField(_("联系人"), max_length=50, help_text=_("个人信息，不在公开页面显示。"))
    contact_phone = models.CharField(_("联系电话"), max_length=30, help_text=_("个人信息，不在公开页面显示。"))
    received_on = models.DateField(_("收件日期"))
    accepted_on = models.DateField(_("受理日期"), help_text=_("受理当日不计入办理时限。"))
    statutory_limit_days = models.PositiveSmallIntegerField(
        _("法定时限（工作日）"), help_text=_("受理时按事项规定确定。")
    )
    committed_limit_days = models.PositiveSmallIntegerField(_("承诺时限（工作日）"))
    stage = models.CharField(_("办理环节"), max_length=20, choices=Stage, default=Stage.ACCEPTED)
    review_started_on = models.DateField(_("进入审查日期"), null=True, blank=True)
    # One extension at most (the fields hold it; a second one is refused by the service).
    extension_days = models.PositiveSmallIntegerField(_("延长工作日"), default=0)
    extension_reason = models.CharField(_("延长理由"), max_length=300, blank=True)
    extension_approved_by = models.CharField(_("批准延期的负责人"), max_length=50, blank=True)
    extension_approved_on = models.DateField(_("延期批准日期"), null=True, blank=True)
    extension_notified_on = models.DateField(_("告知申请人日期"), null=True, blank=True)
    decision = models.CharField(_("决定"), max_length=20, choices=Decision, default=Decision.NONE, blank=True)
    decision_on = models.DateField(_("决定日期"), null=True, blank=True)
    decision_number = models.CharField(_("决定书文号"), max_length=100, blank=True)
    decision_reason = models.TextField(_("不予许可理由"), blank=True)
    licence_number = models.CharField(_("许可证编号"), max_length=100, blank=True)
    licence_valid_from = models.DateField(_("有效期自"), null=True, blank=True)
    licence_valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    completed_on = models.DateField(_("办结日期"), null=True, blank=True)
    # Computed by services.refresh_deadlines from the working-day calendar; null while paused.
    committed_due_on = models.DateField(_("承诺期限"), null=True, blank=True, editable=False)
    statutory_due_on = models.DateField(_("法定期限"), null=True, blank=True, editable=False)
    due_is_provisional = models.BooleanField(_("期限暂定"), default=False, editable=False)
    working_days_taken = models.PositiveSmallIntegerField(
        _("实际用时（工作日）"), null=True, blank=True, editable=False
    )

    # The applicant's contact person: in auditor exports only for staff who process applications.
    personal_data_fields = ("contact_name", "contact_phone")
    personal_data_permission = "change_application"

    # The history (which staff and auditors export) keeps not even the code's hash.
    history = tracked(excluded_fields=["query_code_hash"])
    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("审批申请")
        verbose_name_plural = _("审批申请")
        ordering = ["-accepted_on", "-id"]
        indexes = [
            # Statistics: per service and month of acceptance.
            models.Index(fields=["service", "accepted_on"], name="approvals_app_service_month"),
            # The admin's due-soon and late views.
            models.Index(fields=["decision", "committed_due_on"], name="approvals_app_due"),
        ]
        constraints = [
            # The clock starts at acceptance, never before the papers arrived.
            models.CheckConstraint(
                condition=models.Q(accepted_on__gte=models.F("received_on")),
                name="approvals_app_accepted_after_received",
            ),
            models.CheckConstraint(
                condition=models.Q(extension_days__lte=MAX_EXTENSION_DAYS), name="approvals_app_extension_max"
            ),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("approvals:result-list") + f"?q={self.reference}"

    def clean(self):
        errors = {}
        if self.received_on and self.accepted_on and self.accepted_on < self.received_on:
            errors["accepted_on"] = _("受理日期不得早于收件日期。")
        if self.extension_days:
            if self.extension_days > MAX_EXTENSION_DAYS:
                errors["extension_days"] = _("延长期限最多 %(max)d 个工作日。") % {"max": MAX_EXTENSION_DAYS}
            missing = [
                f
                for f in ("extension_reason", "extension_approved_by", "extension_approved_on", "extension_notified_on")
                if not getattr(self, f)
            ]
            for f in missing:
                errors[f] = _("延期须写明理由、批准的负责人、批准日期和告知申请人日期。")
        if self.decision and not self.decision_on:
            errors["decision_on"] = _("请填写决定日期。")
        if self.decision_number and (message := doc_number_error(self.decision_number)):
            errors["decision_number"] = message
        if self.decision_on and self.accepted_on and self.decision_on < self.accepted_on:
            errors["decision_on"] = _("决定日期不得早于受理日期。")
        if self.decision == self.Decision.REFUSED and not self.decision_reason.strip():
            errors["decision_reason"] = _("不予许可须说明理由。")
        if (
            self.decision == self.Decision.GRANTED
            and self.service_id
            and self.service.kind == Service.Kind.LICENSING
            and not (self.licence_number and self.licence_valid_from and self.licence_valid_until)
        ):
            errors["licence_number"] = _("准予许可须填写许可证编号和有效期。")
        if self.licence_valid_from and self.licence_valid_until and self.licence_valid_until <= self.licence_valid_from:
            errors["licence_valid_until"] = _("有效期截止日应晚于起始日。")
        if self.extension_approved_on and self.decision_on and self.extension_approved_on > self.decision_on:
            errors["extension_approved_on"] = _("延期批准日期不得晚于决定日期：作出决定后不能再延期。")
        if self.completed_on and not self.decision:
            errors["completed_on"] = _("尚未作出决定，不能办结。")
        if self.completed_on and self.decision_on and self.completed_on < self.decision_on:
            errors["completed_on"] = _("办结日期不得早于决定日期。")
        if errors:
            raise ValidationError(errors)

    def sync_stage(self) -> None:
        """Set the stage from the dates recorded (used when staff edit in the back office)."""
        if self.completed_on:
            self.stage = self.Stage.COMPLETED
        elif self.decision:
            self.stage = self.Stage.DECIDED
        elif self.review_started_on:
            self.stage = self.Stage.REVIEW
        else:
            self.stage = self.Stage.ACCEPTED

    @property
    def is_paused(self) -> bool:
        return any(p.ends_on is None for p in self.pauses.all())

    @property
    def is_extended(self) -> bool:
        return self.extension_days > 0

    @property
    def result_due_on(self) -> date | None:
        """双公示: the last day to publish the decision."""
        if not self.decision_on:
            return None
        from loudi_portal.workdays import add_working_days

        return add_working_days(self.decision_on, RESULT_PUBLICATION_DAYS).due

    @property
    def result_is_public(self) -> bool:
        """Whether the decision's 双公示 result has ever been published (it is then changed only by a correction)."""
        # A query, not the reverse accessor: that would cache "no result" on this instance.
        return (
            bool(self.pk) and ApprovalResult.objects.filter(application_id=self.pk, published_at__isnull=False).exists()
        )

    @property
    def on_time_committed(self) -> bool | None:
        if not self.decision_on or not self.committed_due_on:
            return None
        return self.decision_on <= self.committed_due_on

    @property
    def on_time_statutory(self) -> bool | None:
        if not self.decision_on or not self.statutory_due_on:
            return None
        return self.decision_on <= self.statutory_due_on

    def due_state(self, today: date | None = None) -> str:
        """'done', 'late', 'soon' (due within 3 calendar days), 'ok' or 'paused'."""
        today = today or timezone.localdate()
        if self.decision:
            return "late" if self.on_time_committed is False else "done"
        if self.committed_due_on is None:
            return "paused"
        if self.committed_due_on < today:
            return "late"
        if (self.committed_due_on - today).days <= 3:
            return "soon"
        return "ok"

    def pause_periods(self, *, until: date | None = None) -> list[tuple[date, date, str]]:
        """Closed pauses as (first, last, label); an open pause runs to `until` when given."""
        periods = []
        for p in self.pauses.all():
            end = p.ends_on or until
            if end is not None:
                periods.append((p.starts_on, end, p.get_kind_display()))
        return periods


class Pause(models.Model):
    """A period not counted in the time limit (补正, 听证, 检验检测, 专家评审, 征求意见)."""

    class Kind(models.TextChoices):
        SUPPLEMENT = "supplement", _("补正材料")
        HEARING = "hearing", _("听证")
        TESTING = "testing", _("检验、检测、检疫")
        EXPERT_REVIEW = "expert_review", _("专家评审")
        CONSULTATION = "consultation", _("征求第三方意见")
        SITE_CHECK = "site_check", _("现场核查整改")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="pauses", verbose_name=_("申请")
    )
    kind = models.CharField(_("暂停事由"), max_length=20, choices=Kind)
    reason = models.CharField(_("具体说明"), max_length=300, blank=True, help_text=_("内部记录，不公开。"))
    starts_on = models.DateField(_("暂停起始日"), help_text=_("当日起不计入办理时限。"))
    ends_on = models.DateField(
        _("恢复计时前一日"), null=True, blank=True, help_text=_("暂停的最后一天（含）；尚未恢复则留空。")
    )

    history = tracked()

    class Meta:
        verbose_name = _("暂停计时")
        verbose_name_plural = _("暂停计时")
        ordering = ["application", "starts_on", "id"]
        constraints = [
            # A pause ends on or after its first day.
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True) | models.Q(ends_on__gte=models.F("starts_on")),
                name="approvals_pause_ends_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_on}–{self.ends_on or ''}"

    def clean(self):
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("暂停结束日不得早于起始日。")})


class Agency(Publishable):
    """A third-party safety evaluation or testing agency (安全评价检测检验机构), on the publication lifecycle."""

    class Kind(models.TextChoices):
        EVALUATION = "evaluation", _("安全评价机构")
        TESTING = "testing", _("检测检验机构")

    class QualificationStatus(models.TextChoices):
        NORMAL = "normal", _("正常")
        SUSPENDED = "suspended", _("暂停资质")
        REVOKED = "revoked", _("撤销资质")
        CANCELLED = "cancelled", _("注销")

    name = models.CharField(_("机构名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, unique=True, validators=[validate_credit_code])
    kind = models.CharField(_("机构类别"), max_length=20, choices=Kind)
    qualification_number = models.CharField(_("资质证书编号"), max_length=100, unique=True)
    scope = models.TextField(_("业务范围"))
    valid_until = models.DateField(_("资质有效期至"))
    qualification_status = models.CharField(
        _("资质状态"),
        max_length=20,
        choices=QualificationStatus,
        default=QualificationStatus.NORMAL,
        help_text=_("有效期届满自动显示为“已过期”。"),
    )
    address = models.CharField(_("地址"), max_length=200, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)

    history = tracked()
    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("安全评价检测机构")
        verbose_name_plural = _("安全评价检测机构")
        ordering = ["kind", "name"]
        permissions = publication_permissions("安全评价检测机构", "agency")
        indexes = [
            # The public directory: published agencies by kind and name.
            models.Index(fields=["status", "kind", "name"], name="approvals_agency_list"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("approvals:agency-detail", args=[self.pk])

    def is_expired(self, today: date | None = None) -> bool:
        return self.valid_until < (today or timezone.localdate())

    def public_status(self, today: date | None = None) -> str:
        """The status a reader sees: an expired qualification reads 已过期 whatever was entered."""
        if self.qualification_status == self.QualificationStatus.NORMAL and self.is_expired(today):
            return str(_("已过期"))
        return self.get_qualification_status_display()


class SupervisionRecord(models.Model):
    """A supervision check of an agency (监督检查记录) and what came of it."""

    class Kind(models.TextChoices):
        ROUTINE = "routine", _("日常检查")
        SPECIAL = "special", _("专项检查")
        COMPLAINT = "complaint", _("投诉举报核查")
        RANDOM = "random", _("双随机抽查")

    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="supervision_records", verbose_name=_("机构")
    )
    checked_on = models.DateField(_("检查日期"))
    kind = models.CharField(_("检查方式"), max_length=20, choices=Kind)
    findings = models.TextField(_("检查情况"))
    outcome = models.CharField(_("处理结果"), max_length=300)
    is_published = models.BooleanField(_("公开"), default=True)

    history = tracked()

    class Meta:
        verbose_name = _("机构监督检查记录")
        verbose_name_plural = _("机构监督检查记录")
        ordering = ["agency", "-checked_on", "-id"]

    def __str__(self):
        return f"{self.agency} {self.checked_on}"


class LicenceCategory(models.TextChoices):
    """许可类别 as the 双公示 data standard lists them (《行政许可法》 Art. 12)."""

    GENERAL = "general", _("普通")
    FRANCHISE = "franchise", _("特许")
    RECOGNITION = "recognition", _("认可")
    APPROVAL = "approval", _("核准")
    REGISTRATION = "registration", _("登记")
    OTHER = "other", _("其他")


class LicenceState(models.TextChoices):
    """What happened to a granted licence after the decision (当前状态 unless it merely expired)."""

    NORMAL = "normal", _("正常")
    SUSPENDED = "suspended", _("暂扣")
    REVOKED = "revoked", _("吊销")
    RESCINDED = "rescinded", _("撤销")
    CANCELLED = "cancelled", _("注销")


class ApprovalResult(Publishable):
    """The public 双公示 result of a licensing decision (行政许可结果), its own publishable record.

    Drafted from the decision by `services.draft_result` (the public fields are copied, so staff
    can keep working on the application), published by another reviewer, changed only by a
    correction, withdrawn with a public reason.
    """

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="result", verbose_name=_("申请"), editable=False
    )
    reference = models.CharField(_("受理编号"), max_length=30, editable=False)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="results", verbose_name=_("许可事项"))
    enterprise_name = models.CharField(_("行政相对人名称"), max_length=200)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, validators=[validate_credit_code])
    decision = models.CharField(
        _("决定"),
        max_length=20,
        choices=[(Application.Decision.GRANTED, _("准予许可")), (Application.Decision.REFUSED, _("不予许可"))],
    )
    decision_on = models.DateField(_("决定日期"))
    decision_number = models.CharField(_("决定书文号"), max_length=100, blank=True)
    licence_number = models.CharField(_("许可证编号"), max_length=100, blank=True)
    licence_valid_from = models.DateField(_("有效期自"), null=True, blank=True)
    licence_valid_until = models.DateField(_("有效期至"), null=True, blank=True)
    decision_reason = models.TextField(_("不予许可理由"), blank=True)
    licence_category = models.CharField(
        _("许可类别"),
        max_length=20,
        choices=LicenceCategory,
        default=LicenceCategory.GENERAL,
        help_text=_("双公示数据标准的许可类别：普通、特许、认可、核准、登记、其他。"),
    )
    certificate_name = models.CharField(
        _("许可证书名称"), max_length=200, blank=True, help_text=_("发证的填写，例如：危险化学品经营许可证。")
    )
    licence_state = models.CharField(
        _("许可证状态"),
        max_length=20,
        choices=LicenceState,
        default=LicenceState.NORMAL,
        help_text=_("许可证被暂扣、吊销、撤销或注销的，通过更正改为相应状态；到期失效由系统自动显示。"),
    )
    authority = models.CharField(_("许可机关"), max_length=100, blank=True, help_text=_("不填则取本局名称。"))
    authority_code = models.CharField(
        _("许可机关统一社会信用代码"),
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

    history = tracked()
    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("行政许可结果")
        verbose_name_plural = _("行政许可结果")
        ordering = ["-published_at", "-id"]
        permissions = publication_permissions("行政许可结果", "approvalresult")
        indexes = [
            # The public results register: published results, newest first.
            models.Index(fields=["status", "-published_at", "-id"], name="approvals_result_list"),
        ]

    def __str__(self):
        return f"{self.reference} {self.enterprise_name}"

    def get_absolute_url(self):
        return reverse("approvals:result-list") + f"?q={self.reference}"

    def save(self, *args, **kwargs):
        profile = BureauProfile.current()
        self.authority = self.authority or profile.name
        self.authority_code = normalize_credit_code(self.authority_code or profile.credit_code)
        self.data_source = self.data_source or profile.name
        self.data_source_code = normalize_credit_code(self.data_source_code or profile.credit_code)
        super().save(*args, **kwargs)

    def current_status(self, today: date | None = None) -> str:
        """当前状态 (双公示): 有效, 已过期, or what happened to the licence; 撤回 when the result was withdrawn."""
        if self.status == Status.WITHDRAWN:
            return str(_("已撤回"))
        if self.decision == Application.Decision.REFUSED:
            return str(_("不予许可"))
        if self.licence_state != LicenceState.NORMAL:
            return str(_("已%(state)s") % {"state": self.get_licence_state_display()})
        today = today or timezone.localdate()
        if self.licence_valid_until and self.licence_valid_until < today:
            return str(_("已过期"))
        return str(_("有效"))

    def clean(self):
        errors = {}
        if self.decision_number and (message := doc_number_error(self.decision_number)):
            errors["decision_number"] = message
        if self.decision == Application.Decision.REFUSED and self.licence_state != LicenceState.NORMAL:
            errors["licence_state"] = _("不予许可的决定没有许可证，状态只能为正常。")
        if self.decision == Application.Decision.REFUSED and not self.decision_reason.strip():
            errors["decision_reason"] = _("不予许可须说明理由。")
        if self.licence_valid_from and self.licence_valid_until and self.licence_valid_until <= self.licence_valid_from:
            errors["licence_valid_until"] = _("有效期截止日应晚于起始日。")
        if errors:
            raise ValidationError(errors)

    # Names the register, its exports and the obligations board read.
    @property
    def result_published_on(self) -> date | None:
        return timezone.localdate(self.published_at) if self.published_at else None

    @property
    def result_withdrawn_on(self) -> date | None:
        return timezone.localdate(self.withdrawn_at) if self.withdrawn_at else None

    @property
    def result_withdrawn_reason(self) -> str:
        return self.withdrawal_reason
