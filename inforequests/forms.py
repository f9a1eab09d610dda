"""The public request form: validated identifiers, size limits and a honeypot."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from loudi_portal.forms import PublicFormMixin
from loudi_portal.identifiers import credit_code_error, id_number_error, normalize_credit_code
from loudi_portal.submit_once import SubmitOnceForm

from .models import ApplicantKind, InfoRequest


class RequestForm(PublicFormMixin, SubmitOnceForm, forms.ModelForm):
    conditionally_required = {
        "contact_person": _("法人或其他组织必填"),
        "email": _("获取方式选择“电子邮件”时必填"),
    }
    # Left empty by people; bots fill every field. Hidden by CSS, labelled for screen readers.
    website = forms.CharField(label=_("请勿填写此项"), required=False, max_length=200)
    identifier = forms.CharField(
        label=_("身份证号码或统一社会信用代码"),
        max_length=30,
        help_text=_("自然人填写 18 位居民身份证号码；法人或其他组织填写 18 位统一社会信用代码。"),
    )

    class Meta:
        model = InfoRequest
        fields = [
            "applicant_kind",
            "name",
            "contact_person",
            "phone",
            "email",
            "address",
            "postal_code",
            "description",
            "form",
            "delivery",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 6, "maxlength": 2000})}
        help_texts = {
            "applicant_kind": _("法人或其他组织请选择所属类别。"),
            "description": _("请写明所需政府信息的名称、文号或便于查询的其他特征，不超过 2000 字。"),
        }

    field_order = ["applicant_kind", "name", "identifier", "contact_person", "phone", "email", "address", "postal_code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The two applicant groups of the report's Table 三, organisations with their sub-kind.
        orgs = [(k.value, k.label) for k in ApplicantKind if k != ApplicantKind.PERSON]
        self.fields["applicant_kind"].choices = [
            ("", "---------"),
            (ApplicantKind.PERSON.value, ApplicantKind.PERSON.label),
            (_("法人或其他组织"), orgs),
        ]

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise ValidationError(_("提交未通过校验，请刷新页面后重试。"))
        return ""

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if not re.fullmatch(r"[\d\-+ ]{7,20}", phone):
            raise ValidationError(_("请填写有效的联系电话。"))
        return phone

    def clean_postal_code(self):
        code = self.cleaned_data.get("postal_code", "").strip()
        if code and not re.fullmatch(r"\d{6}", code):
            raise ValidationError(_("邮政编码为 6 位数字。"))
        return code

    def clean(self):
        cleaned = super().clean()
        kind = cleaned.get("applicant_kind")
        raw = normalize_credit_code(cleaned.get("identifier", "") or "")
        if kind and raw:
            if kind == ApplicantKind.PERSON:
                error = id_number_error(raw)
                if error:
                    self.add_error("identifier", error)
                else:
                    cleaned["id_number"], cleaned["credit_code"] = raw, ""
            else:
                error = credit_code_error(raw)
                if error:
                    self.add_error("identifier", error)
                else:
                    cleaned["id_number"], cleaned["credit_code"] = "", raw
                if not cleaned.get("contact_person"):
                    self.add_error("contact_person", _("法人或其他组织请填写联系人。"))
        if cleaned.get("delivery") == InfoRequest.Delivery.EMAIL and not cleaned.get("email"):
            self.add_error("email", _("选择电子邮件方式获取信息时，请填写电子邮箱。"))
        return cleaned

    def request_data(self) -> dict:
        data = {name: self.cleaned_data[name] for name in self._meta.fields}
        data["id_number"] = self.cleaned_data.get("id_number", "")
        data["credit_code"] = self.cleaned_data.get("credit_code", "")
        return data


class TrackForm(PublicFormMixin, forms.Form):
    reference = forms.CharField(label=_("申请编号"), max_length=30, help_text=_("例如 YSQ-2026-00001"))
    code = forms.CharField(label=_("查询码"), max_length=20)
