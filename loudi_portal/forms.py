"""What every public form shares, after GOV.UK's pattern for errors and required fields.

A public form mixes in `PublicFormMixin` and its template includes `includes/_form.html`
inside the `<form>` (error summary, then one row per field, then the hidden fields):

    class MessageForm(PublicFormMixin, forms.ModelForm):
        conditionally_required = {"contact": _("咨询或需要答复时必填")}

    <form method="post" novalidate>{% csrf_token %}{% include "includes/_form.html" %}
      <button type="submit" class="primary">提交</button></form>

The mixin gives every field Chinese messages that name it (no Django default text),
marks the fields that another choice makes required (`conditionally_required`: field name ->
the condition, shown next to the label), and after validation points each invalid input's
`aria-describedby` at its error message and help text. The error summary at the top is focused
when the page loads (`autofocus`, no script) and links to each field with an error.
"""

from django import forms
from django.utils.translation import gettext as _

HONEYPOT_FIELD = "website"


def _label(field, name: str) -> str:
    return str(field.label or name)


def chinese_messages(field: forms.Field, name: str) -> dict[str, str]:
    """Error messages for `field` in Chinese, each naming the field (Django's placeholders kept)."""
    label = _label(field, name)
    escaped = label.replace("%", "%%")  # for the messages Django fills in (%(limit_value)s and the like)
    choose = isinstance(field, (forms.ChoiceField, forms.ModelChoiceField, forms.DateField))
    if isinstance(field, forms.BooleanField):
        required = _("请勾选“%(label)s”。") % {"label": label}
    elif choose and not isinstance(field, forms.DateField):
        required = _("请选择%(label)s。") % {"label": label}
    else:
        required = _("请填写%(label)s。") % {"label": label}
    messages = {
        "required": required,
        "invalid_choice": _("请从列表中选择%(label)s。") % {"label": label},
        "invalid_list": _("请从列表中选择%(label)s。") % {"label": label},
        "max_length": _("%(label)s不能超过 %%(limit_value)d 个字符（现在 %%(show_value)d 个）。") % {"label": escaped},
        "min_length": _("%(label)s至少 %%(limit_value)d 个字符（现在 %%(show_value)d 个）。") % {"label": escaped},
        "max_value": _("%(label)s不能大于 %%(limit_value)s。") % {"label": escaped},
        "min_value": _("%(label)s不能小于 %%(limit_value)s。") % {"label": escaped},
        "max_digits": _("%(label)s最多 %%(max)s 位数字。") % {"label": escaped},
        "max_decimal_places": _("%(label)s最多 %%(max)s 位小数。") % {"label": escaped},
        "max_whole_digits": _("%(label)s的整数部分最多 %%(max)s 位。") % {"label": escaped},
        "step_size": _("%(label)s须是 %%(limit_value)s 的整数倍。") % {"label": escaped},
    }
    if isinstance(field, forms.EmailField):
        messages["invalid"] = _("%(label)s格式不正确，例如 name@example.com。") % {"label": label}
    elif isinstance(field, forms.DateTimeField):
        messages["invalid"] = _("%(label)s格式应为 YYYY-MM-DD HH:MM，例如 2026-09-28 09:30。") % {"label": label}
    elif isinstance(field, forms.DateField):
        messages["invalid"] = _("%(label)s格式应为 YYYY-MM-DD，例如 2026-09-28。") % {"label": label}
    elif isinstance(field, forms.IntegerField):
        messages["invalid"] = _("%(label)s请填写整数。") % {"label": label}
    elif isinstance(field, (forms.DecimalField, forms.FloatField)):
        messages["invalid"] = _("%(label)s请填写数字。") % {"label": label}
    elif isinstance(field, forms.URLField):
        messages["invalid"] = _("%(label)s格式不正确，请填写完整的网址。") % {"label": label}
    elif isinstance(field, forms.FileField):
        messages.update(
            {
                "invalid": _("%(label)s：请选择一个文件上传。") % {"label": label},
                "missing": _("%(label)s：没有收到文件，请重新选择。") % {"label": label},
                "empty": _("%(label)s：所选文件是空的。") % {"label": label},
            }
        )
    else:
        messages["invalid"] = _("%(label)s格式不正确。") % {"label": label}
    return messages


class PublicFormMixin:
    """Chinese messages, conditional required marks and error-linked inputs for a public form."""

    # Field name -> the condition that makes it required, e.g. {"email": "获取方式为“电子邮件”时必填"}.
    conditionally_required: dict = {}
    honeypot_field = HONEYPOT_FIELD

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.error_messages.update(chinese_messages(field, name))
            if field.widget.is_hidden:  # a hidden field's value came with the page: the page is stale
                stale = _("表单已过期，请刷新页面后重新填写。")
                field.error_messages.update({"required": stale, "invalid": stale})
            field.condition = self.conditionally_required.get(name, "")
            field.is_honeypot = name == self.honeypot_field

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields or self.fields[name].widget.is_hidden:
                continue
            bound = self[name]
            widget = self.fields[name].widget
            if getattr(widget, "input_type", None) == "date":
                widget.input_type = "text"  # show what was typed: a date input cannot hold an invalid value
            ids = [f"{bound.auto_id}_error"]
            if bound.help_text:
                ids.append(f"{bound.auto_id}_helptext")
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)

    def error_summary(self) -> list[tuple[str, str]]:
        """(anchor, message) for the summary: the form's own and hidden fields' errors first (no anchor),
        then each visible field's, linking to its input."""
        items = [("", str(e)) for e in self.non_field_errors()]
        for e in (str(e) for bound in self.hidden_fields() for e in bound.errors):
            if ("", e) not in items:
                items.append(("", e))
        for bound in self.visible_fields():
            for error in bound.errors:
                items.append((bound.id_for_label or "", str(error)))
        return items
