"""“三公” budgets and final accounts (因公出国(境)费, 公务接待费, 公务用车购置及运行费)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loudi_portal.history import tracked


class BudgetCategory(models.TextChoices):
    OUTBOUND = "outbound", _("因公出国（境）费")
    RECEPTION = "reception", _("公务接待费")
    VEHICLE_PURCHASE = "vehicle_purchase", _("公务用车购置费")
    VEHICLE_OPERATION = "vehicle_operation", _("公务用车运行维护费")


# What the count of each category counts.
COUNT_LABELS = {
    BudgetCategory.OUTBOUND: _("出国（境）团组数"),
    BudgetCategory.RECEPTION: _("接待批次"),
    BudgetCategory.VEHICLE_PURCHASE: _("购置车辆数"),
    BudgetCategory.VEHICLE_OPERATION: _("公务用车保有量"),
}
PEOPLE_LABELS = {
    BudgetCategory.OUTBOUND: _("出国（境）人次"),
    BudgetCategory.RECEPTION: _("接待人次"),
}


class SanGongQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=SanGongStatement.Status.PUBLISHED)

    def public(self):
        """Published, and withdrawn ones (shown with their public reason)."""
        return self.filter(status__in=[SanGongStatement.Status.PUBLISHED, SanGongStatement.Status.WITHDRAWN])


class SanGongStatement(models.Model):
    """One year's “三公” budget, or its final accounts."""

    class Stage(models.TextChoices):
        BUDGET = "budget", _("预算")
        FINAL = "final", _("决算")

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PUBLISHED = "published", _("已发布")
        WITHDRAWN = "withdrawn", _("已撤回")

    year = models.PositiveSmallIntegerField(_("年度"))
    stage = models.CharField(_("类别"), max_length=10, choices=Stage, help_text=_("预算或决算。"))
    status = models.CharField(_("状态"), max_length=20, choices=Status, default=Status.DRAFT, editable=False)
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True, editable=False)
    note = models.TextField(
        _("总体说明"), blank=True, max_length=2000, help_text=_("对本年度“三公”经费情况的总体说明。")
    )
    withdrawn_reason = models.CharField(_("撤回原因"), max_length=300, blank=True, editable=False)

    history = tracked()
    objects = SanGongQuerySet.as_manager()

    class Meta:
        verbose_name = _("“三公”经费预决算")
        verbose_name_plural = _("“三公”经费预决算")
        ordering = ["-year", "stage"]
        permissions = [("publish_sangongstatement", _("发布“三公”经费预决算"))]
        constraints = [
            # One budget and one final-accounts statement per year.
            models.UniqueConstraint(fields=["year", "stage"], name="disclosure_sangong_year_stage"),
        ]
        indexes = [
            # The public page: published statements by year.
            models.Index(fields=["status", "-year"], name="disclosure_sangong_list"),
        ]

    def __str__(self):
        return f"{self.year} 年“三公”经费{self.get_stage_display()}"

    def get_absolute_url(self):
        return reverse("disclosure:budget-list") + f"#year-{self.year}"


class SanGongLine(models.Model):
    statement = models.ForeignKey(
        SanGongStatement, verbose_name=_("预决算"), on_delete=models.PROTECT, related_name="lines"
    )
    category = models.CharField(_("项目"), max_length=20, choices=BudgetCategory)
    amount = models.DecimalField(
        _("金额（元）"), max_digits=12, decimal_places=2, help_text=_("以元为单位，保留两位小数。")
    )
    count = models.PositiveIntegerField(
        _("数量"), null=True, blank=True, help_text=_("出国团组数、接待批次、购置车辆数或公务用车保有量。")
    )
    people = models.PositiveIntegerField(_("人次"), null=True, blank=True, help_text=_("出国（境）或接待的人次。"))
    explanation = models.TextField(
        _("增减变化原因"), blank=True, max_length=1000, help_text=_("与上年相比金额有变化时必须填写。")
    )

    history = tracked()

    class Meta:
        verbose_name = _("“三公”经费明细")
        verbose_name_plural = _("“三公”经费明细")
        ordering = ["statement", "category"]
        constraints = [
            # Each category appears once per statement.
            models.UniqueConstraint(fields=["statement", "category"], name="disclosure_sangong_line_unique"),
            models.CheckConstraint(condition=models.Q(amount__gte=0), name="disclosure_sangong_line_amount_nonneg"),
        ]

    def __str__(self):
        return f"{self.statement} {self.get_category_display()}"
