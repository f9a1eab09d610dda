"""`get_FOO_display()` read from a map kept per field gives what Django's own gives."""

from django.apps import apps
from django.db import models
from django.utils import translation

from loudi_portal.choice_labels import ChoiceLabels

FIELDS = [
    (model, field)
    for model in apps.get_models()
    if issubclass(model, ChoiceLabels)
    for field in model._meta.concrete_fields
    if field.choices
]


def test_the_public_records_use_the_kept_labels():
    names = {model.__name__ for model, _ in FIELDS}
    assert {"Notice", "Penalty", "Inspection", "MineClosure", "Enterprise", "Application"} <= names


def test_every_label_is_the_one_django_gives_in_each_language():
    assert FIELDS
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for model, field in FIELDS:
                record = model()
                for value, _label in [*field.flatchoices, ("no-such-value", "")]:
                    setattr(record, field.attname, value)
                    ours = getattr(record, f"get_{field.name}_display")()
                    assert ours == models.Model._get_FIELD_display(record, field), (model, field.name, value)
                    assert type(ours) is str or ours == value
