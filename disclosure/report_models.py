"""The yearly disclosure report (政府信息公开工作年度报告) and what staff enter for it."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loudi_portal.history import tracked


class ReportQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=AnnualReport.Status.PUBLISHED)

    def public(self):
        """Published, and withdrawn ones (shown with their public reason)."""
        return self.filter(status__in=[AnnualReport.Status.PUBLISHED, AnnualReport.Status.WITHDRAWN])


class AnnualReport(models.Model):
    """One year's report. Its tables are computed; on publication they are frozen in `tables`."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")
        WITHDRAWN = "withdrawn", _("已撤回")

    year = models.PositiveSmallIntegerField(_("报告年度"), unique=True)
    overview = models.TextField(_("一、总体情况"), blank=True, max_length=20000)
    problems = models.TextField(_("五、存在的主要问题及改进情况"), blank=True, max_length=20000)
    other_matters = models.TextField(_("六、其他需要报告的事项"), blank=True, max_length=20000)
    status = models.CharField(_("状态"), max_length=20, choices=Status, default=Status.DRAFT, editable=False)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    tables = models.JSONField(_("发布时的统计表"), null=True, blank=True, editable=False)
    withdrawn_reason = models.CharField(_("撤回原因"), max_length=300, blank=True, editable=False)

    history = tracked()
    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开工作年度报告")
        verbose_name_plural = _("政府信息公开工作年度报告")
        ordering = ["-year"]
        permissions = [("publish_annualreport", _("发布政府信息公开工作年度报告"))]
        indexes = [
            # /annual-reports/: published reports, newest year first.
            models.Index(fields=["status", "-year"], name="disclosure_report_list"),
        ]

    def __str__(self):
        return f"娄底市应急管理局 {self.year} 年政府信息公开工作年度报告"

    def get_absolute_url(self):
        return reverse("disclosure:annual-report-detail", args=[self.year])


class Table2Row(models.TextChoices):
    RULES = "rules", _("规章")
    NORMATIVE = "normative", _("行政规范性文件")
    LICENSING = "licensing", _("行政许可")
    PENALTY = "penalty", _("行政处罚")
    COERCION = "coercion", _("行政强制")
    FEES = "fees", _("行政事业性收费")


class Table2Column(models.TextChoices):
    ISSUED = "issued", _("本年制发件数")
    REPEALED = "repealed", _("本年废止件数")
    IN_FORCE = "in_force", _("现行有效件数")
    DECISIONS = "decisions", _("本年处理决定数量")
    AMOUNT = "amount", _("本年收费金额（万元）")


class ReportManualFigure(models.Model):
    """A Table 二 figure typed by staff where no register of the portal provides it yet."""

    report = models.ForeignKey(
        AnnualReport, verbose_name=_("年度报告"), on_delete=models.CASCADE, related_name="manual_figures"
    )
    row = models.CharField(_("行"), max_length=20, choices=Table2Row)
    column = models.CharField(_("列"), max_length=20, choices=Table2Column)
    value = models.DecimalField(
        _("数值"), max_digits=12, decimal_places=2, help_text=_("件数填整数；收费金额以万元计。")
    )
    source_note = models.CharField(_("数据来源"), max_length=200, blank=True)

    history = tracked()

    class Meta:
        verbose_name = _("表二人工填报数")
        verbose_name_plural = _("表二人工填报数")
        constraints = [
            # One figure per cell of Table 二.
            models.UniqueConstraint(fields=["report", "row", "column"], name="disclosure_report_manual_cell"),
        ]

    def __str__(self):
        return f"{self.get_row_display()} {self.get_column_display()}"


class ReviewCase(models.Model):
    """An administrative reconsideration or lawsuit about the bureau's disclosure (Table 四)."""

    class Kind(models.TextChoices):
        RECONSIDERATION = "reconsideration", _("行政复议")
        LITIGATION_DIRECT = "litigation_direct", _("行政诉讼（未经复议直接起诉）")
        LITIGATION_AFTER_REVIEW = "litigation_after_review", _("行政诉讼（复议后起诉）")

    class Result(models.TextChoices):
        UPHELD = "upheld", _("结果维持")
        CORRECTED = "corrected", _("结果纠正")
        OTHER = "other", _("其他结果")
        PENDING = "pending", _("尚未审结")

    kind = models.CharField(_("类别"), max_length=30, choices=Kind)
    case_number = models.CharField(_("案号"), max_length=100, blank=True)
    filed_on = models.DateField(_("立案日期"))
    result = models.CharField(_("结果"), max_length=20, choices=Result, default=Result.PENDING)
    concluded_on = models.DateField(_("审结日期"), null=True, blank=True)
    summary = models.CharField(_("案由摘要"), max_length=500, blank=True, help_text=_("不写申请人姓名等个人信息。"))

    history = tracked()

    class Meta:
        verbose_name = _("复议诉讼案件")
        verbose_name_plural = _("复议诉讼案件")
        ordering = ["-filed_on"]
        indexes = [
            # Table 四: the cases filed in one year.
            models.Index(fields=["filed_on"], name="disclosure_reviewcase_filed"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.case_number or self.filed_on}"
