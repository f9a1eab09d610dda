"""互动交流: the public's 咨询 / 建言 messages and their published replies, and 「我为政府网站找错」 reports."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from loudi_portal.history import tracked
from loudi_portal.publishing import Publishable, PublishableQuerySet, publication_permissions


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


class MessageKind(models.TextChoices):
    CONSULT = "consult", _("咨询")
    SUGGEST = "suggest", _("建言")


class MessageQuerySet(models.QuerySet):
    def valid(self):
        """Messages the bureau must answer (the 互动回应 veto counts these): everything not refused."""
        return self.exclude(status=Message.Status.NOT_ACCEPTED)

    def open(self):
        return self.filter(status=Message.Status.RECEIVED)


class Message(models.Model):
    """One 咨询 or 建言 from the public: the question, who may be contacted, the reply and its clock.

    The sender's name and contact are personal data: only the 留言办理 group and
    auditors see them; the public sees a reply only through `PublishedReply`.
    """

    class Status(models.TextChoices):
        RECEIVED = "received", _("办理中")
        ANSWERED = "answered", _("已答复")
        NOT_ACCEPTED = "not_accepted", _("不予受理")

    reference = models.CharField(_("留言编号"), max_length=30, unique=True, editable=False)
    query_code_hash = models.CharField(_("查询码摘要"), max_length=100, editable=False)
    kind = models.CharField(_("留言类型"), max_length=20, choices=MessageKind, default=MessageKind.CONSULT)
    subject = models.CharField(_("标题"), max_length=100)
    body = models.TextField(_("留言内容"), max_length=2000)
    name = models.CharField(_("姓名"), max_length=50, blank=True)
    contact = models.CharField(_("联系方式"), max_length=100, blank=True)
    wants_reply = models.BooleanField(_("需要电话或邮件答复"), default=False)
    agrees_to_publish = models.BooleanField(
        _("同意公开"), default=True, help_text=_("留言人同意在去除个人信息后公开留言和答复。")
    )
    received_at = models.DateTimeField(_("收到时间"), default=timezone.now, editable=False)
    due_on = models.DateField(_("答复期限"), editable=False, help_text=_("按工作日计算的本局承诺答复日期。"))
    limit_on = models.DateField(_("最迟期限"), editable=False, help_text=_("收到后 3 个月：逾期未答复为单项否决。"))
    due_is_provisional = models.BooleanField(_("期限为暂算"), default=False, editable=False)
    status = models.CharField(_("办理状态"), max_length=20, choices=Status, default=Status.RECEIVED, editable=False)
    reply = models.TextField(_("答复内容"), blank=True, editable=False)
    refusal_reason = models.TextField(_("不予受理理由"), blank=True, editable=False)
    replied_at = models.DateTimeField(_("答复时间"), null=True, blank=True, editable=False)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("答复人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    personal_data_fields = ("name", "contact")
    personal_data_permission = "change_message"

    objects = MessageQuerySet.as_manager()
    history = tracked(excluded_fields=["query_code_hash"])

    class Meta:
        verbose_name = _("留言")
        verbose_name_plural = _("留言")
        ordering = ["-received_at"]
        indexes = [
            # The handlers' queue and the obligations board: open messages by due date.
            models.Index(fields=["status", "due_on"], name="interact_message_queue"),
            # The public statistics: messages by month of receipt.
            models.Index(fields=["received_at"], name="interact_message_received"),
        ]

    def __str__(self):
        return f"{self.reference} {self.subject}"

    @property
    def received_on(self):
        return timezone.localdate(self.received_at)

    @property
    def replied_on(self):
        return timezone.localdate(self.replied_at) if self.replied_at else None


class PublishedReplyQuerySet(PublishableQuerySet):
    pass


class PublishedReply(Publishable):
    """留言选登: a message and its reply as the public reads them, personal data removed, published by a reviewer."""

    message = models.OneToOneField(
        Message, verbose_name=_("留言"), on_delete=models.PROTECT, related_name="publication", editable=False
    )
    kind = models.CharField(_("留言类型"), max_length=20, choices=MessageKind, default=MessageKind.CONSULT)
    title = models.CharField(_("标题"), max_length=100)
    question = models.TextField(_("留言内容（公开版）"), help_text=_("已去除姓名、电话、邮箱、证件号码等个人信息。"))
    answer = models.TextField(_("答复内容（公开版）"))
    received_on = models.DateField(_("留言日期"))
    replied_on = models.DateField(_("答复日期"))

    correction_excluded_fields = ("kind",)

    objects = PublishedReplyQuerySet.as_manager()
    history = tracked()

    class Meta:
        verbose_name = _("留言选登")
        verbose_name_plural = _("留言选登")
        ordering = ["-replied_on", "-pk"]
        permissions = publication_permissions("留言答复", "publishedreply")
        indexes = [
            # The public list: published replies, newest first.
            models.Index(fields=["status", "-published_at"], name="interact_reply_list"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("interact:reply-detail", args=[self.pk])

    def publication_errors(self) -> dict:
        from .redaction import personal_data_left

        errors = {}
        for field in ("question", "answer"):
            left = personal_data_left(getattr(self, field), self.message.name, self.message.contact)
            if left:
                errors[field] = _("仍含有个人信息（%(what)s），请删除后再送审。") % {"what": "、".join(left)}
        if not self.message.agrees_to_publish:
            errors["title"] = _("留言人不同意公开，此留言不能公开。")
        if self.message.status != Message.Status.ANSWERED:
            errors["answer"] = _("留言尚未答复，不能公开。")
        return errors
