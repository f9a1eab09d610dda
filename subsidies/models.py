"""The coal-mine closure subsidy ledger (淘汰落后煤矿关闭奖补).

Four tables:
- `SubsidyScheme`: one year's standards, versioned. Once a payment of that
  year exists its figures are frozen; a correction is a new version that
  names the one it replaces and says why.
- `SubsidyQuota`: each county's closure task (关闭任务数) under a scheme version.
- `MineClosure`: one closed mine. Its entitlement is never typed: it follows
  from the scheme and the mine type (see `subsidies.ledger`).
- `SubsidyPayment`: the append-only ledger of tranches (拨付). Rows are never
  edited or deleted; a wrong entry is cancelled by a negative reversal row that
  points at it and gives a reason.

These models reference no enforcement model (no app imports another): the
enterprise is kept as a name plus an optional credit code.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loudi_portal.areas import County
from loudi_portal.doc_number import doc_number_error
from loudi_portal.history import tracked
from loudi_portal.identifiers import normalize_credit_code, validate_credit_code
from loudi_portal.publishing import Publishable, PublishableQuerySet, publication_permissions

MONEY = {"max_digits": 14, "decimal_places": 2}
ZERO = Decimal("0.00")


class LedgerError(ValidationError):
    """A change the ledger refuses (frozen scheme, edit of a payment, over-payment...)."""


# Loudi's divisions in their official order (loudi_portal.areas).
COUNTY_ORDER = {value: index for index, value in enumerate(County.values)}


class MineType(models.TextChoices):
    OUTBURST = "outburst", _("突出矿井")
    NON_OUTBURST = "non_outburst", _("非突出矿井")


class FundingLevel(models.TextChoices):
    CENTRAL = "central", _("中央财政")
    PROVINCE = "province", _("省级财政")
    CITY = "city", _("市级财政")
    COUNTY = "county", _("县级财政")


class PaymentItem(models.TextChoices):
    """What a tranche pays for; the payee follows from it."""

    SUBSIDY = "subsidy", _("矿井关闭奖补资金")
    REWARD = "reward", _("超任务关闭奖励")
    WORKING_FUNDS = "working_funds", _("超任务关闭工作经费")


class FundStatus(models.TextChoices):
    """经费到位情况, derived from paid against entitled; never stored."""

    UNPAID = "unpaid", _("未到位")
    PARTIAL = "partial", _("部分到位")
    PAID = "paid", _("已到位")


class SubsidySchemeQuerySet(models.QuerySet):
    def current(self):
        """The version in force for each year: the one no later version replaces."""
        return self.filter(replaced_by__isnull=True)


class SubsidyScheme(models.Model):
    # Figures that decide entitlements: frozen once the year has payments.
    STANDARD_FIELDS = (
        "year",
        "outburst_subsidy",
        "non_outburst_subsidy",
        "over_quota_reward",
        "over_quota_working_funds",
    )

    year = models.PositiveSmallIntegerField(_("年度"), help_text=_("方案适用的关闭年度，如 2019。"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1, editable=False)
    title = models.CharField(_("方案名称"), max_length=200)
    basis_number = models.CharField(
        _("依据文号"), max_length=100, help_text=_("印发方案的文件文号，如“娄政办发〔2019〕X号”。")
    )
    basis_url = models.URLField(_("依据文件链接"), blank=True, help_text=_("文件已在本站公开时，填写其页面地址。"))
    outburst_subsidy = models.DecimalField(
        _("突出矿井奖补标准（元/处）"), **MONEY, help_text=_("关闭一处突出矿井给予企业的奖补资金，单位元。")
    )
    non_outburst_subsidy = models.DecimalField(
        _("非突出矿井奖补标准（元/处）"), **MONEY, help_text=_("关闭一处非突出矿井给予企业的奖补资金，单位元。")
    )
    over_quota_reward = models.DecimalField(
        _("超任务关闭奖励（元/处）"), **MONEY, help_text=_("县市区超额完成关闭任务，每多关闭一处奖励县级政府的金额。")
    )
    over_quota_working_funds = models.DecimalField(
        _("超任务关闭工作经费（元/处）"), **MONEY, help_text=_("每超额关闭一处拨付县级政府的工作经费。")
    )
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("更正的原版本"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        editable=False,
    )
    correction_reason = models.TextField(_("更正原因"), blank=True, editable=False)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = SubsidySchemeQuerySet.as_manager()
    history = tracked()

    class Meta:
        verbose_name = _("关闭奖补方案")
        verbose_name_plural = _("关闭奖补方案")
        ordering = ["-year", "-version"]
        constraints = [
            # One numbered chain of versions per year.
            models.UniqueConstraint(fields=["year", "version"], name="subsidy_scheme_year_version"),
            # A later version always says why it corrects the earlier one.
            models.CheckConstraint(
                condition=models.Q(replaces__isnull=True) | ~models.Q(correction_reason=""),
                name="subsidy_scheme_correction_has_reason",
            ),
            models.CheckConstraint(
                condition=models.Q(outburst_subsidy__gte=0)
                & models.Q(non_outburst_subsidy__gte=0)
                & models.Q(over_quota_reward__gte=0)
                & models.Q(over_quota_working_funds__gte=0),
                name="subsidy_scheme_standards_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.title}（第{self.version}版）" if self.version > 1 else self.title

    def save(self, *args, **kwargs):
        if self.pk is not None:
            old = SubsidyScheme.objects.filter(pk=self.pk).first()
            if old is not None:
                changed = [f for f in self.STANDARD_FIELDS if getattr(old, f) != getattr(self, f)]
                if changed and not old.is_current:
                    raise LedgerError(_("该方案已被新版本更正，不能再修改。"), code="scheme_superseded")
                if changed and old.has_payments():
                    raise LedgerError(
                        _("该年度已有拨付记录，奖补标准不能直接修改；请发布更正版本并说明原因。"),
                        code="scheme_frozen",
                    )
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self._state.adding and not self.replaces_id and SubsidyScheme.objects.filter(year=self.year).exists():
            raise ValidationError(
                {"year": _("%(year)s 年度已有奖补方案；如需更正，请在原方案页面“发布更正版本”。") % {"year": self.year}}
            )

    def delete(self, *args, **kwargs):
        if self.has_payments():
            raise LedgerError(_("该年度已有拨付记录，方案不能删除。"), code="scheme_frozen")
        return super().delete(*args, **kwargs)

    def subsidy_for(self, mine_type: str) -> Decimal:
        """The subsidy one mine of this type is entitled to."""
        return self.outburst_subsidy if mine_type == MineType.OUTBURST else self.non_outburst_subsidy

    def has_payments(self) -> bool:
        """True once any tranche of this scheme's year is in the ledger (one query)."""
        return SubsidyPayment.objects.filter(year=self.year).exists()

    @property
    def is_current(self) -> bool:
        try:
            self.replaced_by  # noqa: B018  (reverse one-to-one: raises when absent)
        except SubsidyScheme.DoesNotExist:
            return True
        return False


class SubsidyQuota(models.Model):
    scheme = models.ForeignKey(
        SubsidyScheme, verbose_name=_("奖补方案"), on_delete=models.CASCADE, related_name="quotas"
    )
    county = models.CharField(_("县市区"), max_length=20, choices=County)
    quota = models.PositiveSmallIntegerField(
        _("关闭任务数（处）"), help_text=_("下达该县市区的年度关闭任务；超过任务数的关闭按关闭日期先后计为超任务关闭。")
    )

    history = tracked()

    class Meta:
        verbose_name = _("县市区关闭任务")
        verbose_name_plural = _("县市区关闭任务")
        ordering = ["scheme", "county"]
        constraints = [
            # One task figure per county and scheme version.
            models.UniqueConstraint(fields=["scheme", "county"], name="subsidy_quota_scheme_county"),
        ]

    def __str__(self):
        return f"{self.get_county_display()} {self.quota}"

    def save(self, *args, **kwargs):
        old = SubsidyQuota.objects.filter(pk=self.pk).first() if self.pk else None
        if old is None or (old.quota, old.county, old.scheme_id) != (self.quota, self.county, self.scheme_id):
            # Versioning copies quotas into a new, payment-free version; that is allowed.
            if not getattr(self, "_new_version_copy", False):
                self._check_unlocked(self.scheme)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_unlocked(self.scheme)
        return super().delete(*args, **kwargs)

    def _check_unlocked(self, scheme: SubsidyScheme) -> None:
        if not scheme.is_current:
            raise LedgerError(_("该方案已被新版本更正，任务数不能再修改。"), code="scheme_superseded")
        if scheme.has_payments():
            raise LedgerError(
                _("该年度已有拨付记录，关闭任务数不能直接修改；请发布更正版本并说明原因。"), code="scheme_frozen"
            )


class MineClosureQuerySet(PublishableQuerySet):
    """Only published closures count in the public ledger and the entitlements (`published()`)."""


class MineClosure(Publishable):
    scheme = models.ForeignKey(
        SubsidyScheme,
        verbose_name=_("奖补方案"),
        on_delete=models.PROTECT,
        related_name="closures",
        help_text=_("按哪一年度的方案计算奖补；方案更正后自动指向新版本。"),
    )
    mine_name = models.CharField(_("煤矿名称"), max_length=100)
    enterprise_name = models.CharField(
        _("企业名称"), max_length=200, help_text=_("矿井所属企业，即奖补资金的收款单位。")
    )
    enterprise_credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        validators=[validate_credit_code],
        help_text=_("已知时填写，18 位。"),
    )
    county = models.CharField(_("县市区"), max_length=20, choices=County)
    mine_type = models.CharField(_("矿井类型"), max_length=20, choices=MineType)
    capacity = models.DecimalField(
        _("生产能力（万吨/年）"), max_digits=8, decimal_places=2, help_text=_("核定生产能力，单位万吨/年。")
    )
    decision_no = models.CharField(_("关闭决定文号"), max_length=100, unique=True)
    closed_on = models.DateField(_("关闭日期"), help_text=_("关闭决定作出之日；同一年度内按此日期先后认定超任务关闭。"))
    accepted_on = models.DateField(
        _("验收日期"), null=True, blank=True, help_text=_("关闭验收通过之日，尚未验收的留空。")
    )
    note = models.TextField(_("备注"), blank=True)
    created_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = MineClosureQuerySet.as_manager()
    history = tracked()

    class Meta:
        verbose_name = _("关闭煤矿")
        verbose_name_plural = _("关闭煤矿")
        ordering = ["county", "closed_on", "decision_no"]
        permissions = publication_permissions("关闭煤矿", "mineclosure")
        constraints = [
            models.CheckConstraint(condition=models.Q(capacity__gte=0), name="mine_closure_capacity_not_negative"),
            models.CheckConstraint(
                condition=models.Q(accepted_on__isnull=True) | models.Q(accepted_on__gte=models.F("closed_on")),
                name="mine_closure_accepted_after_closed",
            ),
        ]
        indexes = [
            # The public table: one scheme's closures by county, then closure date (the over-quota order).
            models.Index(fields=["scheme", "county", "closed_on", "decision_no"], name="mine_closure_list"),
        ]

    def __str__(self):
        return self.mine_name

    def save(self, *args, **kwargs):
        error = self._entitlement_change_error()
        if error:
            raise LedgerError(error, code="closure_frozen")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("subsidies:closure-detail", args=[self.pk])

    # The scheme is re-pointed by a scheme correction, never by a closure's correction.
    correction_excluded_fields = ("scheme",)

    def delete(self, *args, **kwargs):
        if (
            SubsidyPayment.objects.filter(year=self.scheme.year)
            .filter(models.Q(closure=self) | models.Q(county=self.county, closure__isnull=True))
            .exists()
        ):
            raise LedgerError(_("该煤矿或其所在县市区已有拨付记录，不能删除。"), code="closure_frozen")
        return super().delete(*args, **kwargs)

    def _entitlement_change_error(self) -> str | None:
        """Why this change would cut an entitlement that money was already paid against, or None.

        A mine's type decides its subsidy; its county decides which county's
        over-quota count it adds to. Once the mine, or its county's reward or
        working funds, has payments, neither may change: reverse the tranches first.
        """
        if self._state.adding or self.pk is None:
            return None
        old = MineClosure.objects.filter(pk=self.pk).select_related("scheme").first()
        if old is None or (old.mine_type, old.county) == (self.mine_type, self.county):
            return None
        paid = SubsidyPayment.objects.filter(year=old.scheme.year).filter(
            models.Q(closure=old) | models.Q(county=old.county, closure__isnull=True)
        )
        if paid.exists():
            return _("该煤矿或其所在县市区已有拨付记录，矿井类型和县市区不能直接修改；如确有错误，请先冲正相关拨付。")
        return None

    def clean(self):
        super().clean()
        self.enterprise_credit_code = normalize_credit_code(self.enterprise_credit_code or "")
        self.decision_no = (self.decision_no or "").strip()
        if self.decision_no and (message := doc_number_error(self.decision_no)):
            raise ValidationError({"decision_no": message})
        if self.scheme_id and self.closed_on and self.closed_on.year != self.scheme.year:
            raise ValidationError(
                {"closed_on": _("关闭日期须在所选方案的年度（%(year)s 年）内。") % {"year": self.scheme.year}}
            )
        if self.accepted_on and self.closed_on and self.accepted_on < self.closed_on:
            raise ValidationError({"accepted_on": _("验收日期不能早于关闭日期。")})
        error = self._entitlement_change_error()
        if error:
            raise ValidationError(error)

    @property
    def county_government(self) -> str:
        return county_government(self.county)

    @property
    def days_since_closure(self) -> int:
        return (timezone.localdate() - self.closed_on).days

    @property
    def fund_status_label(self) -> str:
        """The label of the `fund_status` annotation of `closures_with_money()`."""
        return FundStatus(self.fund_status).label


def county_government(county: str) -> str:
    """The payee of a county's rewards and working funds."""
    label = County(county).label
    if county in (County.ECONOMIC_ZONE, County.WANBAO):
        return f"{label}管理委员会"
    return f"{label}人民政府"


class SubsidyPaymentQuerySet(models.QuerySet):
    """The ledger is append-only: bulk changes are refused here too."""

    def update(self, **kwargs):
        raise LedgerError(_("拨付台账只能追加，不能修改。"), code="ledger_append_only")

    def delete(self):
        raise LedgerError(_("拨付台账只能追加，不能删除。"), code="ledger_append_only")

    def published(self):
        return self.select_related("closure", "reverses", "reversed_by")


class SubsidyPayment(models.Model):
    item = models.CharField(_("拨付事项"), max_length=20, choices=PaymentItem)
    closure = models.ForeignKey(
        MineClosure,
        verbose_name=_("关闭煤矿"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="payments",
        help_text=_("拨付给矿井企业的奖补资金填写；拨付给县级政府的奖励和工作经费留空。"),
    )
    # Filled from the closure for a mine's subsidy; chosen for a county's reward or working funds.
    county = models.CharField(_("县市区"), max_length=20, choices=County)
    year = models.PositiveSmallIntegerField(_("方案年度"))
    amount = models.DecimalField(_("金额（元）"), **MONEY, help_text=_("冲正记录为负数。"))
    paid_on = models.DateField(_("拨付日期"))
    funding_level = models.CharField(_("资金来源"), max_length=20, choices=FundingLevel)
    voucher_no = models.CharField(_("凭证号"), max_length=60, unique=True)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    reverses = models.OneToOneField(
        "self",
        verbose_name=_("冲正的原记录"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reversed_by",
    )
    reversal_reason = models.CharField(_("冲正原因"), max_length=500, blank=True)
    justification = models.TextField(
        _("超额拨付说明"), blank=True, help_text=_("拨付后累计金额超过应拨金额时，由审核员填写理由。")
    )
    justified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("超额拨付审核人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("录入人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("录入时间"), auto_now_add=True)

    objects = SubsidyPaymentQuerySet.as_manager()
    history = tracked()

    class Meta:
        verbose_name = _("奖补资金拨付")
        verbose_name_plural = _("奖补资金拨付台账")
        ordering = ["paid_on", "id"]
        permissions = [
            ("justify_overpayment", _("可批准超过应拨金额的拨付")),
        ]
        constraints = [
            # A mine's subsidy is paid against the mine; rewards and working funds against the county.
            models.CheckConstraint(
                condition=(models.Q(item=PaymentItem.SUBSIDY) & models.Q(closure__isnull=False))
                | (~models.Q(item=PaymentItem.SUBSIDY) & models.Q(closure__isnull=True)),
                name="subsidy_payment_payee_matches_item",
            ),
            # Ordinary tranches are positive; only a reversal is negative, and it gives a reason.
            models.CheckConstraint(
                condition=(models.Q(reverses__isnull=True) & models.Q(amount__gt=0))
                | (models.Q(reverses__isnull=False) & models.Q(amount__lt=0) & ~models.Q(reversal_reason="")),
                name="subsidy_payment_sign_and_reversal",
            ),
        ]
        indexes = [
            # A mine's ledger in order; the list page's sums per closure.
            models.Index(fields=["closure", "paid_on", "id"], name="subsidy_payment_closure"),
            # Sums per county and item for one year (the county table).
            models.Index(fields=["year", "county", "item"], name="subsidy_payment_year_county"),
            # The public ledger page: newest tranche first.
            models.Index(fields=["-paid_on", "-id"], name="subsidy_payment_list"),
        ]

    def __str__(self):
        return f"{self.voucher_no} {self.amount}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LedgerError(_("拨付台账只能追加，不能修改；错误记录请以冲正记录更正。"), code="ledger_append_only")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        if self.closure_id:
            return reverse("subsidies:closure-detail", args=[self.closure_id])
        return reverse("subsidies:payment-list") + f"?year={self.year}&county={self.county}"

    def delete(self, *args, **kwargs):
        raise LedgerError(_("拨付台账只能追加，不能删除；错误记录请以冲正记录更正。"), code="ledger_append_only")

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    @property
    def is_reversed(self) -> bool:
        """True when a later entry cancels this one (free after `published()`'s select_related)."""
        return hasattr(self, "reversed_by")

    @property
    def payee(self) -> str:
        if self.closure_id:
            return self.closure.enterprise_name
        return county_government(self.county)
