"""Staff rich text beyond the notice body: the prose sections of service guides and of the
yearly report, written with the same editor (loudi_portal.widgets.RichTextWidget).

These fields held plain text before the editor; such text is still shown as paragraphs and
becomes HTML the first time it is edited. Whatever is saved goes through the sanitiser, and
the admin names what the sanitiser removed (`warn_removed`).
"""

from django.contrib import messages
from django.utils.html import linebreaks
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .sanitize import html_to_text, removed_attributes, removed_tags, sanitize_html
from .widgets import RichTextWidget


def is_html(value: str) -> bool:
    """Written with the editor (it always starts with a block tag), not older plain text."""
    return bool(value) and value.lstrip().startswith("<")


def as_html(value: str) -> SafeString:
    """The field for a page: editor HTML sanitised again, plain text as escaped paragraphs."""
    if not value:
        return mark_safe("")
    if is_html(value):
        return mark_safe(sanitize_html(value))
    return mark_safe(linebreaks(value, autoescape=True))  # escaped text in <p>/<br>


def removed_markup(submitted: str, cleaned: str) -> list[str]:
    """What a save dropped, as staff read it: `<script>`, `<iframe>`, `onclick 属性`, `javascript: 链接`."""
    tags = [f"<{name}>" for name in removed_tags(submitted, cleaned)]
    attributes = [
        str(_("%(scheme)s 链接") % {"scheme": name}) if name.endswith(":") else str(_("%(name)s 属性") % {"name": name})
        for name in removed_attributes(submitted, cleaned)
    ]
    return tags + attributes


def as_text(value: str) -> str:
    """The field as plain text (search snippets, exports), whichever way it was written."""
    return html_to_text(value) if is_html(value) else (value or "")


class RichTextFormMixin:
    """A ModelForm whose `rich_text_fields` are edited with the editor and sanitised on save.

    After cleaning, `removed_tags` maps each field's label to what the sanitiser removed (`removed_markup`).
    """

    rich_text_fields: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.removed_tags: dict[str, list[str]] = {}
        for name in self.rich_text_fields:
            field = self.fields.get(name)
            if field is None:
                continue
            field.widget = RichTextWidget()
            value = self.initial.get(name)
            if value and not is_html(value):  # plain text keeps its paragraphs in the editor
                # A plain str (not a SafeString), so the textarea escapes it like any value.
                self.initial[name] = linebreaks(value, autoescape=True)

    def clean(self):
        data = super().clean()
        for name in self.rich_text_fields:
            submitted = data.get(name)
            if not isinstance(submitted, str):
                continue
            cleaned = sanitize_html(submitted) if is_html(submitted) else submitted
            if cleaned.strip() in {"<p></p>", "<p><br></p>"}:
                cleaned = ""
            removed = removed_markup(submitted, cleaned) if is_html(submitted) else []
            if removed:
                self.removed_tags[str(self.fields[name].label)] = removed
            data[name] = cleaned
        return data


def warn_removed(request, form) -> None:
    """After saving: one message per rich-text field whose submitted HTML lost tags."""
    for label, names in (getattr(form, "removed_tags", None) or {}).items():
        tags = "、".join(names)
        messages.warning(
            request,
            _("“%(field)s”中以下不允许的标记已被移除：%(tags)s。请核对保存后的内容。") % {"field": label, "tags": tags},
        )
