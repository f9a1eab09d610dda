from django.core.cache import cache
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .calendar_models import WorkCalendarEntry  # noqa: F401  (the working-day calendar)
from .history import tracked
from .roles import track_user_history

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


from .audit_models import ExportLog, HistoryChainHead, HistoryLink  # noqa: E402, F401  (the audit trail's models)

# Staff accounts and their groups: in the history and its hash chain (loudi_portal/roles.py).
track_user_history()
