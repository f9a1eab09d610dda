"""Models of the audit trail that sits beside django-simple-history.

- `HistoryLink`: one link of the hash chain per history entry of any tracked
  model. The historical tables keep their schema; the chain lives here.
- `HistoryChainHead`: the single row holding the chain's last link. Appending
  locks it (`select_for_update`), which serialises appenders on PostgreSQL.
- `ExportLog`: every auditor export, with its manifest; staff read it, nobody
  changes it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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
