"""Template filters of the back office."""

import re

from django import template
from django.utils.translation import gettext as _

register = template.Library()

# simple-history writes a missing related object as "<Deleted …> (pk=…)"; with pk=None the field was empty.
_EMPTY_RELATION = re.compile(r"\(pk=None\)$")


@register.filter
def history_value(value):
    """A field's old or new value on the history page, in words: never `None`, `True` or `False`."""
    text = "" if value is None else str(value)
    if text in {"", "None"} or _EMPTY_RELATION.search(text):
        return _("（空）")
    if text == "True":
        return _("是")
    if text == "False":
        return _("否")
    return value
