import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from loudi_portal.forms import PublicFormMixin
from loudi_portal.submit_once import SubmitOnceForm

from .models import ErrorReport, Message, MessageKind

# A person takes longer than this to read the form and describe the error.
MIN_FILL_SECONDS = 3
STARTED_SALT = "interact.error-report.started"


def started_token() -> str:
    """A signed time stamp for the form's hidden field (the time check: no CAPTCHA)."""
    return signing.dumps(int(time.time()), salt=STARTED_SALT)


def check_bot(cleaned: dict) -> None:
    """No CAPTCHA: refuse a filled honeypot and a form sent within seconds of opening (with rate limits)."""
    if cleaned.get("website"):
        raise forms.ValidationError(_("提交未成功，请清空“请勿填写此项”一栏后重试。"))
    try:
        started = signing.loads(cleaned.get("started") or "", salt=STARTED_SALT, max_age=24 * 3600)
    except signing.BadSignature:
        raise forms.ValidationError(_("表单已过期，请刷新页面后重新填写。")) from None
    if time.time() - started < MIN_FILL_SECONDS:
        raise forms.ValidationError(_("提交太快了，请核对内容后再提交。"))


class ErrorReportForm(PublicFormMixin, SubmitOnceForm, forms.ModelForm):
    # Left empty by people; bots fill every field. Hidden by CSS, labelled for screen readers.
    website = forms.CharField(label=_("请勿填写此项"), required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = ErrorReport
        fields = ["page_url", "kind", "description", "contact"]
        widgets = {
            "page_url": forms.TextInput(attrs={"maxlength": 500}),
            "description": forms.Textarea(attrs={"rows": 5, "maxlength": 1000}),
        }
        help_texts = {
            "page_url": _("出错页面的地址；从页面底部“我为网站找错”进入时已自动填好。"),
            "description": _("请写明哪里有错、应当如何改正。"),
            "contact": _("选填：电话或邮箱，需要核实时与您联系；不会公开。"),
        }

    def clean_page_url(self):
        url = self.cleaned_data["page_url"].strip()
        site = settings.SITE_URL
        if url.startswith(site + "/"):
            url = url[len(site) :]
        if not url.startswith("/") or url.startswith("//"):
            raise forms.ValidationError(_("请填写本站页面的地址，例如 /notices/23/。"))
        return url

    def clean(self):
        cleaned = super().clean()
        check_bot(cleaned)
        return cleaned


class TrackForm(PublicFormMixin, forms.Form):
    reference = forms.CharField(label=_("编号"), max_length=30, help_text=_("例如 ZC-2026-00001"))
    code = forms.CharField(label=_("查询码"), max_length=20)


class MessageForm(PublicFormMixin, SubmitOnceForm, forms.ModelForm):
    """A 咨询 or 建言: a 咨询 gives a name and a contact; a 建言 may be anonymous unless a reply is wanted."""

    conditionally_required = {"name": _("咨询必填"), "contact": _("咨询或需要答复时必填")}

    website = forms.CharField(label=_("请勿填写此项"), required=False, max_length=200)
    started = forms.CharField(widget=forms.HiddenInput)

    class Meta:
        model = Message
        fields = ["kind", "subject", "body", "name", "contact", "wants_reply", "agrees_to_publish"]
        widgets = {
            "kind": forms.RadioSelect,
            "subject": forms.TextInput(attrs={"maxlength": 100}),
            "body": forms.Textarea(attrs={"rows": 8, "maxlength": 2000}),
            "name": forms.TextInput(attrs={"maxlength": 50, "autocomplete": "name"}),
            "contact": forms.TextInput(attrs={"maxlength": 100, "autocomplete": "tel"}),
        }
        help_texts = {
            "kind": _(
                "咨询：询问政策、办事等问题，我们答复；建言：对本局工作提出意见建议。信访、举报投诉请走专门渠道。"
            ),
            "body": _("请写清楚事由，不超过 2000 字。请勿填写身份证号等个人信息。"),
            "name": _("咨询必填；建言可以匿名。不会公开。"),
            "contact": _("手机、固定电话或电子邮箱。咨询必填；需要电话或邮件答复时必填。不会公开。"),
            "wants_reply": _("不勾选时，凭留言编号和查询码在本站查看答复。"),
            "agrees_to_publish": _("勾选后，答复经审核可在“留言选登”中公开，公开时去除姓名、电话等个人信息。"),
        }

    def clean_contact(self):
        contact = self.cleaned_data["contact"].strip()
        if contact and not CONTACT.fullmatch(contact):
            raise forms.ValidationError(_("请填写手机号码、固定电话（如 0738-8000000）或电子邮箱。"))
        return contact

    def clean(self):
        cleaned = super().clean()
        check_bot(cleaned)
        consult = cleaned.get("kind") == MessageKind.CONSULT
        if consult and not (cleaned.get("name") or "").strip():
            self.add_error("name", _("咨询请填写姓名。"))
        if (consult or cleaned.get("wants_reply")) and not cleaned.get("contact") and "contact" not in self.errors:
            self.add_error("contact", _("咨询或需要答复时，请填写联系方式，以便答复您。"))
        return cleaned


# A mobile, a landline (with area code) or an e-mail address.
CONTACT = re.compile(r"(\+?86[- ]?)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,5})?|[\w.+-]+@[\w-]+(\.[\w-]+)+")


class MessageTrackForm(PublicFormMixin, forms.Form):
    reference = forms.CharField(label=_("留言编号"), max_length=30, help_text=_("例如 LY-2026-00001"))
    code = forms.CharField(label=_("查询码"), max_length=20)
