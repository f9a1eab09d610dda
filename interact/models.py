"""「我为政府网站找错」: reports of an error on a page, their outcome, and the sender's look-up."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from loudi_portal.history import tracked


class ErrorReport(models.Model):
    """One 找错 report: the page, what is wrong, and what staff did about it."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("已收到")
        FIXED = "fixed", _("已改正")
        NO_ERROR = "no_error", _("经核实无误")
        REFERRED = "referred", _("已转有关单位")

    class Kind(models.TextChoices):
        CONTENT = "content", _("内容错误（错别字、表述、数据）")
        LINK = "link", _("链接或附件打不开")
        OUTDATED = "outdated", _("信息过时")
        ACCESS = "access", _("无法正常使用（显示、无障碍）")
        OTHER = "other", _("其他")

    reference = models.CharField(_("编号"), max_length=30, unique=True, editable=False)
    query_code_hash = models.CharField(_("查询码摘要"), max_length=100, editable=False)
    page_url = models.CharField(_("出错页面"), max_length=500)
    kind = models.CharField(_("问题类型"), max_length=20, choices=Kind, default=Kind.CONTENT)
    description = models.TextField(_("问题描述"), max_length=1000)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    received_at = models.DateTimeField(_("收到时间"), auto_now_add=True)
    status = models.CharField(_("处理状态"), max_length=20, choices=Status, default=Status.RECEIVED)
    outcome = models.TextField(
        _("处理结果"), blank=True, help_text=_("反馈给报告人的处理情况；报告人凭编号和查询码可以看到。")
    )
    handled_at = models.DateTimeField(_("处理时间"), null=True, blank=True, editable=False)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("处理人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    personal_data_fields = ("contact",)
    personal_data_permission = "change_errorreport"

    # The history keeps not even the code's hash.
    history = tracked(excluded_fields=["query_code_hash"])

    class Meta:
        verbose_name = _("网站找错")
        verbose_name_plural = _("网站找错")
        ordering = ["-received_at"]
        indexes = [
            # The staff queue: open reports, oldest first.
            models.Index(fields=["status", "received_at"], name="interact_errorreport_queue"),
        ]

    def __str__(self):
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.RECEIVED
