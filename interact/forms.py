import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.translation import gettext_lazy as _

from .models import ErrorReport

# A person takes longer than this to read the form and describe the error.
MIN_FILL_SECONDS = 3
STARTED_SALT = "interact.error-report.started"


def started_token() -> str:
    """A signed time stamp for the form's hidden field (the time check: no CAPTCHA)."""
    return signing.dumps(int(time.time()), salt=STARTED_SALT)


class ErrorReportForm(forms.ModelForm):
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
        if cleaned.get("website"):
            raise forms.ValidationError(_("提交未成功，请清空“请勿填写此项”一栏后重试。"))
        try:
            started = signing.loads(cleaned.get("started") or "", salt=STARTED_SALT, max_age=24 * 3600)
        except signing.BadSignature:
            raise forms.ValidationError(_("表单已过期，请刷新页面后重新填写。")) from None
        if time.time() - started < MIN_FILL_SECONDS:
            raise forms.ValidationError(_("提交太快了，请核对内容后再提交。"))
        return cleaned


class TrackForm(forms.Form):
    reference = forms.CharField(label=_("编号"), max_length=30, help_text=_("例如 ZC-2026-00001"))
    code = forms.CharField(label=_("查询码"), max_length=20)
