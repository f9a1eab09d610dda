"""The shell's models: the bureau's profile, the working-day calendar and the audit trail."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import identifiers, identity, roles
from .files import random_name
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
        validators=[identifiers.validate_credit_code],
        help_text=_("用于生成公开信息的索引号，并作为处罚机关、许可机关和数据来源单位的代码；18 位，系统核对校验位。"),
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
    site_name = models.CharField(
        _("网站名称"),
        max_length=100,
        default="娄底市应急管理局政府信息公开平台",
        help_text=_("开办审批时登记的网站名称；每个页面的网页标签 SiteName 使用它。"),
    )
    site_code = models.CharField(
        _("网站标识码"),
        max_length=30,  # 10 digits by the validator; the column keeps its width so history rows stay as written
        blank=True,
        validators=[identity.validate_site_code],
        help_text=_("10 位数字：娄底市（431300）或所辖县市区的行政区划代码加 4 位顺序号。"),
    )
    icp_record = models.CharField(
        _("ICP备案号"), max_length=50, blank=True, help_text=_("例如“湘ICP备12345678号”；页脚链接到工信部备案系统。")
    )
    police_record = models.CharField(
        _("公安机关备案号"),
        max_length=50,
        blank=True,
        validators=[identity.validate_police_record],
        help_text=_("例如“湘公网安备 43130202000123号”；页脚带备案图标，链接到全国互联网安全管理服务平台。"),
    )
    conac_url = models.URLField(
        _("党政机关网站标识链接"),
        blank=True,
        help_text=_("机构编制部门发放标识时给出的地址，例如 https://bszs.conac.cn/sitename?method=show&id=…"),
    )
    conac_badge = models.FileField(
        _("党政机关网站标识图片"),
        upload_to=random_name("identity"),
        max_length=255,
        blank=True,
        validators=[identity.validate_badge_image],
        help_text=_("机构编制部门发放的标识图片（PNG 或 JPEG，不超过 200 KB），显示在每个页面底部中间。"),
    )
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

    def clean(self):
        super().clean()
        self.credit_code = identifiers.normalize_credit_code(self.credit_code or "")

    @classmethod
    def current(cls) -> "BureauProfile":
        """Return the profile (an unsaved default before any is entered)."""
        profile = cache.get(PROFILE_CACHE_KEY)
        if profile is None:
            profile = cls.objects.filter(pk=1).first() or cls(pk=1)
            cache.set(PROFILE_CACHE_KEY, profile, 300)
        return profile

    @property
    def police_record_url(self) -> str:
        """The 公安 备案 site's page of this record ("" without a number)."""
        code = identity.police_record_code(self.police_record)
        return identity.POLICE_BEIAN_URL.format(code) if code else ""

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


# --- The working-day calendar as data staff can edit.
#
# China's working days are weekdays, minus statutory holidays, plus adjusted
# working weekends (调休上班), announced each year by the State Council's General
# Office. One row per exceptional date; ordinary weekdays and weekends have no
# row. A year with no row at all is "not yet entered": deadlines that reach into
# it are computed on weekends alone and shown as provisional
# (`loudi_portal.workdays`).


class WorkCalendarEntry(models.Model):
    """One date whose working status differs from the plain Monday-to-Friday rule."""

    class Kind(models.TextChoices):
        HOLIDAY = "holiday", _("法定节假日")
        WORKDAY = "workday", _("调休上班")

    date = models.DateField(_("日期"), unique=True)
    kind = models.CharField(
        _("类型"),
        max_length=10,
        choices=Kind,
        help_text=_("法定节假日：当天不上班（含落在周末的假日）；调休上班：周末当天照常上班。"),
    )
    name = models.CharField(_("名称"), max_length=100, help_text=_("所属节日，例如“国庆节”“春节”。"))
    source = models.CharField(
        _("依据通知"),
        max_length=200,
        help_text=_("国务院办公厅发布的节假日安排通知名称及文号。"),
    )

    history = tracked()

    class Meta:
        verbose_name = _("工作日历")
        verbose_name_plural = _("工作日历")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date.isoformat()} {self.get_kind_display()} {self.name}"

    @property
    def is_working_day(self) -> bool:
        return self.kind == self.Kind.WORKDAY


def _calendar_changed(sender, **kwargs):
    from . import workdays

    workdays._on_calendar_change()


post_save.connect(_calendar_changed, sender=WorkCalendarEntry, dispatch_uid="workcalendar_saved")


post_delete.connect(_calendar_changed, sender=WorkCalendarEntry, dispatch_uid="workcalendar_deleted")


# Admins maintain the calendar; everyone on staff reads it.
roles.register(
    "loudi_portal.workcalendarentry",
    editor={"view"},
    reviewer={"view"},
    admin={"view", "add", "change", "delete"},
)


# --- Models of the audit trail that sits beside django-simple-history.
#
# - `HistoryLink`: one link of the hash chain per history entry of any tracked
#   model. The historical tables keep their schema; the chain lives here.
# - `HistoryChainHead`: the single row holding the chain's last link. Appending
#   locks it (`select_for_update`), which serialises appenders on PostgreSQL.
# - `ExportLog`: every auditor export, with its manifest; staff read it, nobody
#   changes it.

GENESIS_HASH = "0" * 64


class HistoryChainHead(models.Model):
    """The end of the chain: position and hash of the last link (exactly one row)."""

    position = models.PositiveBigIntegerField(_("链长"), default=0)
    link_hash = models.CharField(_("末环哈希"), max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("历史哈希链链头")
        verbose_name_plural = _("历史哈希链链头")
        constraints = [
            # One chain for the whole portal.
            models.CheckConstraint(condition=models.Q(pk=1), name="history_chain_head_singleton"),
        ]

    def __str__(self):
        return f"#{self.position} {self.link_hash[:12]}"


class HistoryLink(models.Model):
    """A link of the chain: the hash of one history entry's content and of the previous link."""

    position = models.PositiveBigIntegerField(_("序号"), unique=True)
    history_model = models.CharField(_("历史表"), max_length=100, help_text=_("例如 loudi_portal.historicaldepartment"))
    history_id = models.CharField(_("历史记录编号"), max_length=64)
    fields = models.TextField(_("参与哈希的字段"), help_text=_("以逗号分隔；之后新增的字段不影响旧记录的校验。"))
    content_hash = models.CharField(_("内容哈希"), max_length=64)
    prev_hash = models.CharField(_("前一环哈希"), max_length=64)
    link_hash = models.CharField(_("本环哈希"), max_length=64)
    created_at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("历史哈希链")
        verbose_name_plural = _("历史哈希链")
        ordering = ["position"]
        constraints = [
            # A history entry is chained once: the verifier and the adopter look it up by this pair.
            models.UniqueConstraint(fields=["history_model", "history_id"], name="history_link_unique_entry"),
        ]

    def __str__(self):
        return f"#{self.position} {self.history_model}:{self.history_id}"


class ExportLog(models.Model):
    """One auditor export: who asked, when, what, and the manifest of the file they got."""

    class Kind(models.TextChoices):
        DATASET = "dataset", _("数据集（含未公开记录）")
        HISTORY = "history", _("变更历史")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导出人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("导出时间"), auto_now_add=True)
    kind = models.CharField(_("类型"), max_length=20, choices=Kind)
    dataset = models.CharField(_("数据集"), max_length=100, blank=True)
    file_format = models.CharField(_("格式"), max_length=10)
    filters = models.JSONField(_("筛选条件"), default=dict, blank=True)
    row_count = models.PositiveBigIntegerField(_("行数"))
    file_name = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(_("文件 SHA-256"), max_length=64)
    size_bytes = models.PositiveBigIntegerField(_("文件大小（字节）"))
    chain_head = models.CharField(
        _("导出时历史链头"), max_length=80, blank=True, help_text=_("导出时哈希链的序号与末环哈希，可供日后比对。")
    )

    class Meta:
        verbose_name = _("审计导出记录")
        verbose_name_plural = _("审计导出记录")
        ordering = ["-created_at", "-id"]
        permissions = [("export_audit", _("可导出全部数据（含未公开、已撤回记录）与变更历史"))]
        indexes = [
            # The log's list: newest first.
            models.Index(fields=["-created_at", "-id"], name="export_log_recent"),
        ]

    def __str__(self):
        return self.file_name


class CorrectionQuerySet(models.QuerySet):
    def for_record(self, record):
        return self.filter(content_type=ContentType.objects.get_for_model(type(record)), object_id=record.pk).order_by(
            "id"
        )

    def pending_review(self):
        return self.filter(status=Correction.Status.PENDING)


class Correction(models.Model):
    """A correction (更正) of a published record: new field values and a public 更正说明.

    Reviewed like a draft (loudi_portal.publishing); when published, the values are
    applied to the record, whose history keeps the version it replaces.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("草稿")
        PENDING = "pending", _("待审核")
        PUBLISHED = "published", _("已发布")

    content_type = models.ForeignKey(ContentType, verbose_name=_("记录类型"), on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField(_("记录编号"))
    record = GenericForeignKey("content_type", "object_id")
    note = models.TextField(_("更正说明"), help_text=_("公开显示：更正了什么、为什么更正。"))
    changes = models.JSONField(_("更正后的内容"), default=dict, editable=False)
    previous = models.JSONField(_("更正前的内容"), default=dict, editable=False)
    status = models.CharField(_("状态"), max_length=20, choices=Status, default=Status.DRAFT, editable=False)
    revision = models.PositiveIntegerField(_("版本号"), default=1, editable=False)
    base_revision = models.PositiveIntegerField(_("所更正的版本"), editable=False)
    revision_authors = models.JSONField(_("经办人"), default=list, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("提出人"), on_delete=models.PROTECT, related_name="+", editable=False
    )
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("最后修改人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", editable=False,
    )  # fmt: skip
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("送审人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", editable=False,
    )  # fmt: skip
    submitted_at = models.DateTimeField(_("送审时间"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("审核发布人"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", editable=False,
    )  # fmt: skip
    review_comment = models.TextField(_("审核意见"), blank=True, editable=False)
    published_at = models.DateTimeField(_("更正时间"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("提出时间"), auto_now_add=True)

    objects = CorrectionQuerySet.as_manager()
    history = tracked()

    class Meta:
        verbose_name = _("更正")
        verbose_name_plural = _("更正")
        ordering = ["-id"]
        indexes = [
            # A record's corrections (its public page, its admin page).
            models.Index(fields=["content_type", "object_id", "status"], name="loudi_correction_record"),
            # The reviewers' queue.
            models.Index(fields=["status", "-submitted_at"], name="loudi_correction_queue"),
        ]

    def __str__(self):
        return _("更正：%(record)s") % {"record": self.record}

    def delete(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED:
            raise PermissionDenied("A published correction is part of the record's history.")
        return super().delete(*args, **kwargs)


# Staff accounts and their groups: in the history and its hash chain (loudi_portal/roles.py).
roles.track_user_history()


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


class FormSubmission(models.Model):
    """One public form submitted once: its one-time token and what the first post created.

    The row is inserted in the transaction that saves the record; a second post
    of the same form (a double click, a reload) collides on the unique token and
    is answered from `result` instead of saving again. See submit_once.py.
    Rows are deleted two days after their token expired (tokens live one day).
    """

    scope = models.CharField(_("表单"), max_length=50)
    token_hash = models.CharField(_("表单令牌摘要"), max_length=64)
    result = models.JSONField(_("首次提交的结果"), default=dict)
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)

    class Meta:
        verbose_name = _("表单提交记录")
        verbose_name_plural = verbose_name
        constraints = [
            # The collision that makes a second post of the same form a repeat, not a new record.
            models.UniqueConstraint(fields=["scope", "token_hash"], name="loudi_formsubmission_token"),
        ]
        indexes = [
            # The clean-up: delete where created_at < now - retention.
            models.Index(fields=["created_at"], name="loudi_formsubmission_created"),
        ]

    def __str__(self):
        return f"{self.scope} @ {self.created_at:%Y-%m-%d %H:%M}"


class SelfCheckRun(models.Model):
    """One run of the 自查 (loudi_portal/selfcheck.py): when, how far the crawl went, and every item's result."""

    started_at = models.DateTimeField(_("开始时间"), default=timezone.now)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    pages = models.PositiveIntegerField(_("检查页面数"), default=0)
    veto_failed = models.BooleanField(_("存在单项否决"), default=False)
    failed = models.PositiveSmallIntegerField(_("未通过项数"), default=0)
    results = models.JSONField(_("检查结果"), default=list)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("发起人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("留空表示定时任务（manage.py site_selfcheck）。"),
    )

    class Meta:
        verbose_name = _("网站自查")
        verbose_name_plural = _("网站自查")
        ordering = ["-started_at", "-id"]
        permissions = [("run_selfcheck", _("可以立即运行网站自查"))]

    def __str__(self):
        return timezone.localtime(self.started_at).strftime("%Y-%m-%d %H:%M")


class ExportJob(models.Model):
    """An auditor export run by the background worker (`manage.py db_worker`), off the request.

    The request that asks for it answers at once with the job's page; the worker writes the
    zip (data file and manifest.json, logged as an ExportLog) to private storage and counts
    rows as it goes; the page refreshes itself until the download link appears.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("正在导出")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("导出人"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("提交时间"), auto_now_add=True)
    what = models.CharField(_("导出内容"), max_length=120, help_text=_("history，或 dataset:<数据集>"))
    file_format = models.CharField(_("格式"), max_length=10)
    history_filters = models.JSONField(_("筛选条件"), default=dict, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status, default=Status.QUEUED)
    rows_done = models.PositiveBigIntegerField(_("已写出行数"), default=0)
    rows_expected = models.PositiveBigIntegerField(
        _("预计行数"),
        null=True,
        blank=True,
        help_text=_("数据集导出为记录条数；变更历史导出为历史条目数（每条可占多行）。"),
    )
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    error = models.TextField(_("失败原因"), blank=True)
    storage_name = models.CharField(_("存储文件名"), max_length=255, blank=True)
    zip_name = models.CharField(_("下载文件名"), max_length=255, blank=True)
    log = models.OneToOneField(
        ExportLog, verbose_name=_("导出记录"), null=True, blank=True, on_delete=models.PROTECT, related_name="job"
    )

    class Meta:
        verbose_name = _("后台导出任务")
        verbose_name_plural = _("后台导出任务")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="export_job_by_user")]

    def __str__(self):
        return f"{self.get_status_display()}：{self.what}.{self.file_format}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def percent(self) -> int | None:
        if not self.rows_expected or self.what == "history":
            return None
        return min(100, self.rows_done * 100 // self.rows_expected)
