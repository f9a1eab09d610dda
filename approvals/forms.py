"""Back-office forms of the approvals app."""

from django import forms
from django.utils.translation import gettext_lazy as _

from loudi_portal.rich_text import RichTextFormMixin

from .models import Service


class ServiceForm(RichTextFormMixin, forms.ModelForm):
    """A service guide: its prose sections (事项简介, 办理方式) with the rich-text editor.

    设定依据 and 申请条件 stay one item per line: the guide numbers them and the self-check counts them.
    """

    rich_text_fields = ("summary", "how_to_apply")

    class Meta:
        model = Service
        fields = ["code", "name", "summary", "how_to_apply"]  # the admin adds its fieldsets' fields

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "how_to_apply" in self.fields:
            self.fields["how_to_apply"].help_text = _("窗口、网上、邮寄等，可用列表逐项写明。")
