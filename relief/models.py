"""救灾 registers the 救灾领域基层政务公开标准目录 requires: 本行政区域因灾损失 (灾后救助) and
年度捐赠款物 with how they were used (款物管理). Each is published through the shared lifecycle
within 20 working days of the information being formed or changed, and kept public long-term.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loudi_portal import workdays
from loudi_portal.areas import County
from loudi_portal.history import tracked
from loudi_portal.identifiers import mask_name
from loudi_portal.publishing import Publishable, PublishableQuerySet, publication_permissions

PUBLICATION_WORKING_DAYS = 20  # 信息形成或变更之日起 20 个工作日内


def publication_deadline(formed_on: date) -> date:
    return workdays.add_working_days(formed_on, PUBLICATION_WORKING_DAYS).due


class DisasterType(models.TextChoices):
    """灾种, as the 自然灾害情况统计调查制度 names them."""

    FLOOD = "flood", _("洪涝")
    DROUGHT = "drought", _("干旱")
    WIND_HAIL = "wind_hail", _("风雹")
    TYPHOON = "typhoon", _("台风")
    FREEZE = "freeze", _("低温冷冻")
    SNOW = "snow", _("雪灾")
    EARTHQUAKE = "earthquake", _("地震")
    GEOLOGICAL = "geological", _("地质灾害")
    FOREST_FIRE = "forest_fire", _("森林火灾")
    OTHER = "other", _("其他")


class DisasterLoss(Publishable):
    """本行政区域因灾损失: when, which disaster, where, and what was lost."""

    title = models.CharField(_("灾害名称"), max_length=200, help_text=_("例如：2026年6月下旬强降雨过程。"))
    disaster_type = models.CharField(_("灾害种类"), max_length=20, choices=DisasterType)
    began_on = models.DateField(_("灾害发生时间"))
    ended_on = models.DateField(_("灾害结束时间"), null=True, blank=True, help_text=_("仍在持续的不填。"))
    counties = models.JSONField(_("受灾县市区"), default=list, help_text=_("选择受灾的县市区，可多选。"))
    area_detail = models.CharField(
        _("受灾区域"), max_length=300, blank=True, help_text=_("受灾乡镇（街道）等，例如：新化县奉家镇、天门乡。")
    )
    affected_people = models.PositiveIntegerField(_("受灾人口（人次）"), default=0)
    deaths = models.PositiveIntegerField(_("死亡人口（人）"), default=0)
    missing = models.PositiveIntegerField(_("失踪人口（人）"), default=0)
    relocated = models.PositiveIntegerField(_("紧急转移安置人口（人次）"), default=0)
    crops_hectares = models.DecimalField(
        _("农作物受灾面积（公顷）"), max_digits=12, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    houses_collapsed = models.PositiveIntegerField(_("倒塌房屋（间）"), default=0)
    houses_damaged = models.PositiveIntegerField(_("损坏房屋（间）"), default=0)
    direct_loss = models.DecimalField(
        _("直接经济损失（元）"), max_digits=16, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    formed_on = models.DateField(
        _("信息形成日期"), help_text=_("核定损失数据的日期；须在其后 20 个工作日内公开。变更后重新核定的，填变更日期。")
    )
    statistics_note = models.CharField(
        _("统计口径"), max_length=300, blank=True, help_text=_("例如：县级应急管理部门核报，截至 6 月 30 日。")
    )

    history = tracked()
    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("因灾损失情况")
        verbose_name_plural = _("因灾损失情况")
        ordering = ["-began_on", "-id"]
        permissions = publication_permissions("因灾损失情况", "disasterloss")
        constraints = [
            models.CheckConstraint(condition=models.Q(direct_loss__gte=0), name="relief_loss_not_negative"),
        ]
        indexes = [
            # The public register: published records, latest disaster first.
            models.Index(fields=["status", "-began_on", "-id"], name="relief_loss_list"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("relief:loss-list") + f"#loss-{self.pk}"

    def clean(self):
        errors = {}
        unknown = [c for c in self.counties or [] if c not in County.values]
        if unknown:
            errors["counties"] = _("受灾县市区不在娄底市的县市区中。")
        if self.ended_on and self.began_on and self.ended_on < self.began_on:
            errors["ended_on"] = _("灾害结束时间不能早于发生时间。")
        if self.formed_on and self.began_on and self.formed_on < self.began_on:
            errors["formed_on"] = _("信息形成日期不能早于灾害发生时间。")
        if errors:
            raise ValidationError(errors)

    def publication_errors(self) -> dict:
        if not self.counties:
            return {"counties": _("公开前须选择受灾县市区。")}
        return {}

    @property
    def county_labels(self) -> str:
        return "、".join(str(County(c).label) for c in self.counties or [] if c in County.values)

    @property
    def publication_due_on(self) -> date:
        return publication_deadline(self.formed_on)


class DonorKind(models.TextChoices):
    ORGANISATION = "organisation", _("单位")
    PERSON = "person", _("个人")
    ANONYMOUS = "anonymous", _("匿名")


class DonationKind(models.TextChoices):
    MONEY = "money", _("资金")
    GOODS = "goods", _("物资")


class Donation(Publishable):
    """年度捐赠款物: one donation received for disaster relief, and how it was used."""

    year = models.PositiveSmallIntegerField(_("年度"))
    donor_kind = models.CharField(_("捐赠方类型"), max_length=20, choices=DonorKind, default=DonorKind.ORGANISATION)
    donor = models.CharField(
        _("捐赠方"), max_length=200, blank=True, help_text=_("个人捐赠者的姓名在公开页面上只显示姓；匿名的不填。")
    )
    received_on = models.DateField(_("接收日期"))
    kind = models.CharField(_("款物类别"), max_length=10, choices=DonationKind)
    goods = models.CharField(
        _("物资名称及数量"), max_length=300, blank=True, help_text=_("物资捐赠填写，例如：棉被 500 床、矿泉水 800 箱。")
    )
    amount = models.DecimalField(
        _("金额或折价（元）"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("资金填金额，物资填折价。"),
    )
    used_amount = models.DecimalField(
        _("已使用金额或折价（元）"), max_digits=14, decimal_places=2, default=0, validators=[MinValueValidator(0)]
    )
    use = models.TextField(
        _("使用情况"), blank=True, help_text=_("用于哪次灾害、哪些县市区、发放给谁（不写个人信息）。")
    )
    formed_on = models.DateField(
        _("信息形成日期"), help_text=_("接收或使用情况形成、变更的日期；须在其后 20 个工作日内公开。")
    )

    history = tracked()
    objects = PublishableQuerySet.as_manager()

    class Meta:
        verbose_name = _("捐赠款物")
        verbose_name_plural = _("捐赠款物及使用情况")
        ordering = ["-year", "-received_on", "-id"]
        permissions = publication_permissions("捐赠款物", "donation")
        constraints = [
            # Nothing is used that was not received.
            models.CheckConstraint(
                condition=models.Q(used_amount__lte=models.F("amount")), name="relief_used_le_received"
            ),
        ]
        indexes = [
            # The public register of one year.
            models.Index(fields=["status", "-year", "-received_on"], name="relief_donation_list"),
        ]

    def __str__(self):
        return f"{self.year} {self.public_donor} {self.amount}"

    def get_absolute_url(self):
        return reverse("relief:donation-list") + f"?year={self.year}"

    def clean(self):
        errors = {}
        if self.used_amount is not None and self.amount is not None and self.used_amount > self.amount:
            errors["used_amount"] = _("已使用金额不能超过捐赠金额或折价。")
        if self.kind == DonationKind.GOODS and not self.goods.strip():
            errors["goods"] = _("物资捐赠须填写物资名称及数量。")
        if self.donor_kind != DonorKind.ANONYMOUS and not self.donor.strip():
            errors["donor"] = _("请填写捐赠方，或选择“匿名”。")
        if self.received_on and self.year and self.received_on.year != self.year:
            errors["year"] = _("年度应与接收日期的年份一致。")
        if errors:
            raise ValidationError(errors)

    @property
    def public_donor(self) -> str:
        if self.donor_kind == DonorKind.ANONYMOUS:
            return str(_("匿名"))
        return mask_name(self.donor) if self.donor_kind == DonorKind.PERSON else self.donor

    @property
    def unused_amount(self):
        return self.amount - self.used_amount

    @property
    def publication_due_on(self) -> date:
        return publication_deadline(self.formed_on)
