"""Personal data that must never appear on a public page or in a public export.

PERSONAL_FIELDS names, per model ("app_label.model"), the fields that hold
personal data; their values in the demo database (loaded with demo staff
accounts) are searched for in every public page and export reached from
tests/public_urls.py. Fields whose names look personal (PERSONAL_NAME_PATTERN)
are added automatically on every project model, so an applicant's ID number
or phone is covered even before anyone lists it. Add a line when a model holds
personal data under another name; add fixed strings to EXTRA_VALUES. Fields with
choices (enum codes) are never personal; a public field whose name only looks
personal goes in NOT_PERSONAL with the reason.

Public officials' names and office phones (领导信息, 内设机构) are public by law
(条例 Art. 20) and are not listed.
"""

import re

from django.apps import apps

from loudi_portal.roles import PROJECT_APPS

PERSONAL_FIELDS: dict[str, list[str]] = {
    "auth.user": ["username", "email", "first_name", "last_name", "password"],
    # An information request's applicant (issue 7): who asked is never published.
    "inforequests.inforequest": ["name", "id_number", "contact_person", "phone", "email", "address"],
    # An approval's contact person and the query code only the applicant is told (issue 6).
    "approvals.application": ["contact_name", "contact_phone", "query_code_hash"],
    # A 咨询 / 建言's sender and a 找错 reporter (issue 15): only handlers and auditors see them.
    "interact.message": ["name", "contact", "query_code_hash"],
    "interact.errorreport": ["contact", "query_code_hash"],
}

# Field names that hold personal data wherever they appear on a project model.
PERSONAL_NAME_PATTERN = re.compile(
    r"(id_card|id_number|identity|citizen_id|passport|applicant|requester|mobile|home_address|birth|personal)",
    re.IGNORECASE,
)

# Fields whose names look personal but hold public text, with the reason.
NOT_PERSONAL: dict[tuple[str, str], str] = {
    ("approvals.service", "applicants"): "申请对象 of the 办事指南 (who may apply, e.g. 生产经营单位): public by law",
}

EXTRA_VALUES: list[str] = []

# Shorter values are too likely to match ordinary text by chance.
MIN_LENGTH = 4
# A person's name is mostly three characters (刘志强): these fields are searched from three on.
PERSON_NAME_FIELDS = {
    ("inforequests.inforequest", "name"),
    ("inforequests.inforequest", "contact_person"),
    ("approvals.application", "contact_name"),
    ("interact.message", "name"),
}
NAME_MIN_LENGTH = 3
# Names that are public by law because of the role they are held in (条例 Art. 20, the 双公示 and
# 执法公示 standards): officials, inspectors, a penalised company's 法定代表人, the person
# responsible for a major hazard's rectification. A sender who shares such a name (the demo draws
# names from one pool) is not shown by that page, so those values are not searched for as names.
PUBLIC_ROLE_NAMES = [
    ("loudi_portal.leader", "name"),
    ("enforcement.inspector", "name"),
    ("enforcement.hazard", "responsible_person"),
    ("enforcement.penalty", "legal_representative"),
]
# A short value ending like a unit (办公室, 安全科) is an office, not a person.
UNIT_ENDINGS = ("室", "科", "处", "部", "局", "办", "队", "组", "中心")


def personal_fields() -> dict[str, list[str]]:
    """The explicit table plus every project model field whose name looks personal."""
    fields = {label: list(names) for label, names in PERSONAL_FIELDS.items()}
    for app_label in PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model._meta.model_name.startswith("historical"):
                continue
            for f in model._meta.concrete_fields:
                text_field = f.get_internal_type() in {"CharField", "TextField", "EmailField"}
                # A field with choices holds an enum code (applicant_kind = "person"), never a person.
                if f.choices or (model._meta.label_lower, f.name) in NOT_PERSONAL:
                    continue
                if text_field and PERSONAL_NAME_PATTERN.search(f.name):
                    fields.setdefault(model._meta.label_lower, [])
                    if f.name not in fields[model._meta.label_lower]:
                        fields[model._meta.label_lower].append(f.name)
    return fields


def personal_values() -> set[str]:
    """Every personal value in the database (at least MIN_LENGTH characters; names from three)."""
    found = {v for v in EXTRA_VALUES if len(v) >= MIN_LENGTH}
    public_names = {
        str(v).strip()
        for label, name in PUBLIC_ROLE_NAMES
        for v in apps.get_model(label)._default_manager.values_list(name, flat=True)
    }
    for label, names in personal_fields().items():
        model = apps.get_model(label)
        for row in model._default_manager.values_list(*names):
            for name, value in zip(names, row, strict=True):
                text = str(value).strip() if value is not None else ""
                if len(text) >= MIN_LENGTH:
                    found.add(text)
                elif (
                    (label, name) in PERSON_NAME_FIELDS
                    and len(text) >= NAME_MIN_LENGTH
                    and text not in public_names
                    and not text.endswith(UNIT_ENDINGS)
                ):
                    found.add(text)
    return found
