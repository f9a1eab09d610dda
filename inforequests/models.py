"""Information requests (依申请公开): the request and its ledger of events.

The due date is never typed: it is computed from the events by
`inforequests.clock.compute_clock()` and cached on the request (`due_on`,
`status`) only so that lists and the obligations board can sort by it.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from loudi_portal.history import tracked


class ApplicantKind(models.TextChoices):
    PERSON = "person", _("自然人")
    COMMERCIAL = "commercial", _("商业企业")
    RESEARCH = "research", _("科研机构")
    SOCIAL = "social", _("社会公益组织")
    LEGAL_SERVICE = "legal_service", _("法律服务机构")
    OTHER_ORG = "other_org", _("其他组织")


class Channel(models.TextChoices):
    """How the request arrived; Art. 31 fixes the date of receipt for each."""

    IN_PERSON = "in_person", _("当面提交（提交之日为收到之日）")
    REGISTERED_POST = "registered_post", _("挂号信/快递（签收之日为收到之日）")
    ORDINARY_POST = "ordinary_post", _("平常信函（与申请人确认之日为收到之日）")
    ONLINE = "online", _("网上申请（双方确认之日为收到之日）")
    FAX = "fax", _("传真（双方确认之日为收到之日）")


class Outcome(models.TextChoices):
    """The Table 三 result categories of the annual report (group.sub)."""

    GRANTED = "1", _("（一）予以公开")
    PARTLY = "2", _("（二）部分公开")
    REFUSED_SECRET = "3.1", _("（三）不予公开：属于国家秘密")
    REFUSED_LAW = "3.2", _("（三）不予公开：其他法律行政法规禁止公开")
    REFUSED_SAFETY = "3.3", _("（三）不予公开：危及“三安全一稳定”")
    REFUSED_THIRD_PARTY = "3.4", _("（三）不予公开：保护第三方合法权益")
    REFUSED_INTERNAL = "3.5", _("（三）不予公开：属于三类内部事务信息")
    REFUSED_PROCESS = "3.6", _("（三）不予公开：属于四类过程性信息")
    REFUSED_CASE_FILE = "3.7", _("（三）不予公开：属于行政执法案卷")
    REFUSED_QUERY = "3.8", _("（三）不予公开：属于行政查询事项")
    UNAVAILABLE_NOT_HELD = "4.1", _("（四）无法提供：本机关不掌握相关政府信息")
    UNAVAILABLE_MUST_CREATE = "4.2", _("（四）无法提供：没有现成信息需要另行制作")
    UNAVAILABLE_UNCLEAR = "4.3", _("（四）无法提供：补正后申请内容仍不明确")
    NOT_HANDLED_PETITION = "5.1", _("（五）不予处理：信访举报投诉类申请")
    NOT_HANDLED_REPEAT = "5.2", _("（五）不予处理：重复申请")
    NOT_HANDLED_PUBLICATION = "5.3", _("（五）不予处理：要求提供公开出版物")
    NOT_HANDLED_MASS = "5.4", _("（五）不予处理：无正当理由大量反复申请")
    NOT_HANDLED_RECONFIRM = "5.5", _("（五）不予处理：要求行政机关确认或重新出具已获取信息")
    OTHER_NO_SUPPLEMENT = "6.1", _("（六）其他处理：申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请")
    OTHER_FEE_UNPAID = (
        "6.2",
        _("（六）其他处理：申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    )
    OTHER = "6.3", _("（六）其他处理：其他")


class InfoRequestQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status__in=[InfoRequest.Status.ANSWERED, InfoRequest.Status.ABANDONED])

    def visible_to(self, user):
        from .permissions import can_view_requests

        return self if can_view_requests(user) else self.none()


class InfoRequest(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("已提交，待登记")
        IN_PROGRESS = "in_progress", _("办理中")
        AWAITING_SUPPLEMENT = "awaiting_supplement", _("待申请人补正")
        CONSULTING = "consulting", _("征求第三方意见中")
        ANSWERED = "answered", _("已答复")
        ABANDONED = "abandoned", _("已终止（视为放弃申请）")

    class Form(models.TextChoices):
        PAPER = "paper", _("纸质")
        ELECTRONIC = "electronic", _("电子")

    class Delivery(models.TextChoices):
        POST = "post", _("邮寄")
        EMAIL = "email", _("电子邮件")
        PICKUP = "pickup", _("当面领取")
        ONLINE = "online", _("网上获取")

    reference = models.CharField(_("申请编号"), max_length=30, unique=True, editable=False)
    # Only a salted hash (loudi_portal.tracking); the code is shown once, on the receipt.
    query_code_hash = models.CharField(_("查询码摘要"), max_length=100, editable=False)
    applicant_kind = models.CharField(_("申请人类型"), max_length=20, choices=ApplicantKind)
    name = models.CharField(_("申请人姓名/名称"), max_length=100)
    id_number = models.CharField(_("身份证号码"), max_length=18, blank=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30)
    email = models.EmailField(_("电子邮箱"), max_length=100, blank=True)
    address = models.CharField(_("通信地址"), max_length=200)
    postal_code = models.CharField(_("邮政编码"), max_length=6, blank=True)
    description = models.TextField(_("所需信息的内容描述"), max_length=2000)
    form = models.CharField(_("获取信息的载体形式"), max_length=20, choices=Form, default=Form.ELECTRONIC)
    delivery = models.CharField(_("获取信息的方式"), max_length=20, choices=Delivery, default=Delivery.EMAIL)
    channel = models.CharField(_("申请渠道"), max_length=20, choices=Channel, default=Channel.ONLINE)
    submitted_at = models.DateTimeField(_("提交时间"))
    handler = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("承办人"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("负责办理本申请的工作人员，显示在公开义务看板上。"),
    )
    # Cached results of compute_clock(); written only by services.refresh_clock().
    status = models.CharField(_("状态"), max_length=30, choices=Status, default=Status.SUBMITTED, editable=False)
    received_on = models.DateField(_("收到申请日期"), null=True, blank=True, editable=False)
    due_on = models.DateField(_("答复期限"), null=True, blank=True, editable=False)
    due_is_provisional = models.BooleanField(_("期限为暂算"), default=False, editable=False)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True, editable=False)
    outcome = models.CharField(_("办理结果"), max_length=5, choices=Outcome, blank=True, editable=False)
    fee = models.DecimalField(_("信息处理费（元）"), max_digits=9, decimal_places=2, default=0, editable=False)

    # The applicant's personal data: auditor exports show it only to holders of this
    # permission of this app (the 依申请公开办理人 group); admins get no right on the model.
    personal_data_fields = (
        "name",
        "id_number",
        "credit_code",
        "contact_person",
        "phone",
        "email",
        "address",
        "postal_code",
        "description",
    )
    personal_data_permission = "handle_inforequest"

    # The history (which auditors export) keeps not even the code's hash.
    history = tracked(excluded_fields=["query_code_hash"])
    objects = InfoRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("政府信息公开申请")
        verbose_name_plural = _("政府信息公开申请")
        ordering = ["-submitted_at"]
        permissions = [("handle_inforequest", _("办理政府信息公开申请（可查看申请人信息）"))]
        indexes = [
            # The obligations board and the admin list: open requests by due date.
            models.Index(fields=["status", "due_on"], name="inforequests_due"),
            # Fee tiers: one applicant's requests in one month.
            models.Index(fields=["id_number", "credit_code", "received_on"], name="inforequests_applicant"),
        ]

    def __str__(self):
        return self.reference

    def get_absolute_url(self):
        return reverse("admin:inforequests_inforequest_change", args=[self.pk])

    @property
    def applicant_key(self) -> str:
        """Who the fee tiers count: one ID number or credit code."""
        return self.id_number or self.credit_code


class RequestEvent(models.Model):
    """One line of a request's ledger. Lines are added, never edited."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("收到申请")
        SUPPLEMENT_ASKED = "supplement_asked", _("告知补正")
        SUPPLEMENT_RECEIVED = "supplement_received", _("收到补正材料")
        CONSULTATION_STARTED = "consultation_started", _("征求第三方意见")
        CONSULTATION_ENDED = "consultation_ended", _("第三方意见收回")
        EXTENDED = "extended", _("延长答复期限")
        ANSWERED = "answered", _("作出答复")
        ABANDONED = "abandoned", _("视为放弃申请")

    request = models.ForeignKey(InfoRequest, verbose_name=_("申请"), on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("事项"), max_length=30, choices=Kind)
    on = models.DateField(_("日期"))
    channel = models.CharField(_("收到渠道"), max_length=20, choices=Channel, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延长工作日数"), null=True, blank=True)
    approved_by = models.CharField(_("批准人"), max_length=50, blank=True)
    applicant_told = models.BooleanField(_("已告知申请人"), default=False)
    outcome = models.CharField(_("办理结果"), max_length=5, choices=Outcome, blank=True)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("登记人"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(_("登记时间"), auto_now_add=True)

    # A note may name the applicant or quote their material (see InfoRequest).
    personal_data_fields = ("note",)
    personal_data_permission = "handle_inforequest"

    history = tracked()

    class Meta:
        verbose_name = _("办理记录")
        verbose_name_plural = _("办理记录")
        ordering = ["on", "id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.on}"
