"""Form widgets the apps share.

`RichTextWidget` is the staff HTML editor (django-prose-editor's bundle, from our static
files; see docs/back-office.md). Without JavaScript it is the plain textarea it wraps, and
the server-side sanitiser is what decides in either case.
"""

from django import forms
from django.forms.widgets import Script

_PROSE = "django_prose_editor/"


class RichTextWidget(forms.Textarea):
    """A textarea the editor module turns into a WYSIWYG editor (headings, lists, tables, links)."""

    def __init__(self, attrs=None):
        super().__init__({"rows": 20, "cols": 80, "data-rich-text": "", **(attrs or {})})

    @property
    def media(self):
        return forms.Media(
            css={
                "all": [
                    f"{_PROSE}material-icons.css",
                    f"{_PROSE}editor.css",
                    f"{_PROSE}overrides.css",
                    "css/admin-rich-text.css",
                ]
            },
            js=["js/rich-text-i18n.js", Script("js/rich-text.js", type="module")],
        )

    def use_required_attribute(self, initial):
        # The textarea is hidden behind the editor: a browser "required" bubble would point at nothing.
        return False
