"""A choice field's label without rebuilding the field's choices on every call.

Django's `get_FOO_display()` builds a dict of the field's flattened choices and translates
the label each time it is called (about 30 µs here), and a register row calls it three or
four times: with the translations and date formatting inside row loops it was one of the
three largest costs of rendering a register page
(docs/benchmarks/2026-12-03-template-engines.md). A field's choices are fixed lists in this
project, so each field's value → label map is built once per language, translated.
"""

from django.utils.encoding import force_str
from django.utils.translation import get_language

_LABELS: dict = {}


def choice_labels(field) -> dict | None:
    """The field's value → label map in the active language; None when it cannot be kept."""
    key = (field, get_language())
    try:
        return _LABELS[key]
    except KeyError:
        pass
    labels = None
    if isinstance(field.choices, (list, tuple)):
        try:
            labels = {value: force_str(label, strings_only=True) for value, label in field.flatchoices}
        except TypeError:  # an unhashable choice value: leave it to Django
            labels = None
    _LABELS[key] = labels
    return labels


class ChoiceLabels:
    """Model mixin: `get_FOO_display()` reads the field's map, built once (same result)."""

    def _get_FIELD_display(self, field):
        labels = choice_labels(field)
        value = getattr(self, field.attname)
        if labels is None:
            return super()._get_FIELD_display(field)
        try:
            return labels.get(value, value)
        except TypeError:  # an unhashable value (a list, say): Django's own way
            return super()._get_FIELD_display(field)
