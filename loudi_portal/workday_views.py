"""The public working-day calculator: a deadline and every day it skipped, explained."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from . import pagemeta
from .forms import PublicFormMixin
from .workdays import add_working_days

MAX_DAYS = 365


# 网页标签: the column each page of this module belongs to (loudi_portal/pagemeta.py).
WORKDAYS_COLUMN = pagemeta.Column(
    name="工作日计算",
    description="按法定工作日和调休安排计算依申请公开、行政许可等事项的办理期限。",
    keywords="工作日,办理期限",
    type="办事服务",
)


class DeadlineForm(PublicFormMixin, forms.Form):
    start = forms.DateField(
        label=_("起算日"),
        help_text=_("收到申请或作出决定的日期，当天不计入。格式：2019-09-27。"),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    days = forms.IntegerField(
        label=_("工作日数"), min_value=0, max_value=MAX_DAYS, help_text=_("例如 20（个工作日）。")
    )


@pagemeta.page_meta(column=WORKDAYS_COLUMN)
@require_safe
def deadline_calculator(request):
    """Compute a deadline from ?start=&days= (no query on a warm calendar cache)."""
    form = DeadlineForm(request.GET or None)
    deadline = None
    if form.is_bound and form.is_valid():
        try:
            deadline = add_working_days(form.cleaned_data["start"], form.cleaned_data["days"])
        except ValueError:
            form.add_error(None, _("无法计算这一期限，请检查日期。"))
    return render(request, "workdays/deadline_calculator.html", {"form": form, "deadline": deadline})
