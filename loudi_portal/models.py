from django.core.cache import cache
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .calendar_models import WorkCalendarEntry  # noqa: F401  (the working-day calendar)
from .history import tracked

PROFILE_CACHE_KEY = "loudi_portal:bureau-profile"


class BureauProfile(models.Model):
    """The bureau's own public facts (条例 Art. 20(二)): name, contacts, functions.

    There is exactly one row; pages read it through `BureauProfile.current()`,
    which is cached and costs no query on a warm cache.
    """

    name = models.CharField(_("机关名称"), max_length=100, default="娄底市应急管理局")
    short_name = models.CharField(_("简称"), max_length=50, default="娄底市应急局")
    credit_code = models.CharField(
        _("统一社会信用代码"),
        max_length=18,
        blank=True,
        help_text=_("用于生成公开信息的索引号；18 位。"),
    )
    head_name = models.CharField(_("主要负责人"), max_length=50, blank=True)
    functions = models.TextField(_("主要职能"), blank=True, help_text=_("每段一行，按行显示。"))
    address = models.CharField(_("办公地址"), max_length=200, blank=True)
    postcode = models.CharField(_("邮政编码"), max_length=6, blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    fax = models.CharField(_("传真"), max_length=50, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    office_hours = models.CharField(_("办公时间"), max_length=200, blank=True)
    disclosure_office = models.CharField(
        _("政务公开工作机构"), max_length=200, blank=True, help_text=_("受理依申请公开的机构与地点。")
    )
    site_code = models.CharField(_("网站标识码"), max_length=30, blank=True)
    icp_record = models.CharField(_("ICP备案号"), max_length=50, blank=True)
    police_record = models.CharField(_("公安机关备案号"), max_length=50, blank=True)
    is_demo = models.BooleanField(
        _("演示数据"),
        default=False,
        help_text=_("勾选后，公开页面顶部会提示本站内容为演示数据。正式上线前请取消。"),
    )

    history = tracked()

    class Meta:
        verbose_name = _("机关信息")
        verbose_name_plural = _("机关信息")
        constraints = [
            # A single row: the profile is the bureau's, not one of many.
            models.CheckConstraint(condition=models.Q(pk=1), name="bureau_profile_singleton"),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(PROFILE_CACHE_KEY)

    def get_absolute_url(self):
        return reverse("about")

    @classmethod
    def current(cls) -> "BureauProfile":
        """Return the profile (an unsaved default before any is entered)."""
        profile = cache.get(PROFILE_CACHE_KEY)
        if profile is None:
            profile = cls.objects.filter(pk=1).first() or cls(pk=1)
            cache.set(PROFILE_CACHE_KEY, profile, 300)
        return profile

    @property
    def function_paragraphs(self) -> list[str]:
        return [line.strip() for line in self.functions.splitlines() if line.strip()]


class Department(models.Model):
    """An internal department (内设机构) with its duties and phone."""

    name = models.CharField(_("名称"), max_length=100, unique=True)
    duties = models.TextField(_("职责"), blank=True)
    phone = models.CharField(_("联系电话"), max_length=50, blank=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0, help_text=_("数字小的排在前面。"))

    history = tracked()

    class Meta:
        verbose_name = _("内设机构")
        verbose_name_plural = _("内设机构")
        ordering = ["position", "id"]

    def __str__(self):
        return self.name


class Leader(models.Model):
    """A member of the bureau's leadership (领导信息) and what they are responsible for."""

    name = models.CharField(_("姓名"), max_length=50)
    title = models.CharField(_("职务"), max_length=100)
    responsibilities = models.TextField(_("分管工作"), blank=True)
    position = models.PositiveSmallIntegerField(_("排序"), default=0, help_text=_("数字小的排在前面。"))

    history = tracked()

    class Meta:
        verbose_name = _("领导信息")
        verbose_name_plural = _("领导信息")
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["name", "title"], name="leader_unique_name_title"),
        ]

    def __str__(self):
        return f"{self.title} {self.name}"


class ReferenceCounter(models.Model):
    """The last serial issued under one prefix and year (`LDYJ-2026` -> 61); see tracking.next_reference."""

    key = models.CharField(_("编号前缀与年度"), max_length=40, unique=True)
    last = models.PositiveIntegerField(_("最后序号"), default=0)

    class Meta:
        verbose_name = _("编号计数器")
        verbose_name_plural = verbose_name

    def __str__(self):
        return f"{self.key}: {self.last}"


class RateLimitCounter(models.Model):
    """Attempts of one client in one scope and fixed window; see tracking.hit.

    Rows are upserted (`INSERT … ON CONFLICT … SET count = count + 1`), never
    read and written back, and deleted once `expires_at` (Unix seconds) passes.
    """

    key = models.CharField(_("范围与客户端摘要"), max_length=120)
    window_start = models.BigIntegerField(_("时间窗起点（Unix 秒）"))
    expires_at = models.BigIntegerField(_("过期时间（Unix 秒）"))
    count = models.PositiveIntegerField(_("次数"), default=0)

    class Meta:
        verbose_name = _("频率限制计数")
        verbose_name_plural = verbose_name
        constraints = [
            # The upsert's conflict target: one row per client, scope and window.
            models.UniqueConstraint(fields=["key", "window_start"], name="loudi_ratelimit_key_window"),
        ]
        indexes = [
            # The clean-up: delete where expires_at < now.
            models.Index(fields=["expires_at"], name="loudi_ratelimit_expires"),
        ]

    def __str__(self):
        return f"{self.key} @ {self.window_start}: {self.count}"


from .audit_models import ExportLog, HistoryChainHead, HistoryLink  # noqa: E402, F401  (the audit trail's models)
