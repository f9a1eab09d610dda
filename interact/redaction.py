"""Personal data in a message's free text: what to remove before the public reads it.

A reply is published with its question only after a reviewer approves it, and
only with personal data removed. `redact()` prepares the public version (the
reviewer reads and may edit it); `personal_data_left()` is the check the
publication refuses on. Pure: no database.
"""

import re

from django.utils.translation import gettext as _

# An 18-character resident ID number (GB 11643) or a 15-digit old one.
ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])")
# A mainland mobile number, with optional +86 and separators.
MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?!\d)")
# A landline: area code 0xx(x) and 7-8 digits (0738-8000000, 0738 8000000, (0738)8000000).
LANDLINE = re.compile(r"(?<!\d)[(（]?0\d{2,3}[)）]?[- ]?\d{7,8}(?!\d)")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A 微信/QQ number given as such.
ACCOUNT = re.compile(r"(微信|QQ|qq)[号:：\s]*[\w-]{5,}")

MASK = "***"

PATTERNS = [
    (ID_NUMBER, "证件号码"),
    (EMAIL, "电子邮箱"),
    (MOBILE, "手机号码"),
    (LANDLINE, "电话号码"),
    (ACCOUNT, "社交账号"),
]


def _names(*values: str) -> list[str]:
    """The sender's own words that identify them: the name (2+ characters) and the contact."""
    return sorted({v.strip() for v in values if v and len(v.strip()) >= 2}, key=len, reverse=True)


def redact(text: str, *identifying: str) -> str:
    """The text with ID numbers, phone numbers, e-mail and social accounts, and the given names replaced by ***."""
    text = text or ""
    for value in _names(*identifying):
        text = text.replace(value, MASK)
    for pattern, _label in PATTERNS:
        text = pattern.sub(MASK, text)
    return text


def personal_data_left(text: str, *identifying: str) -> list[str]:
    """What personal data `text` still holds (labels in Chinese); empty when it may be published."""
    text = text or ""
    found = [_(label) for pattern, label in PATTERNS if pattern.search(text)]
    if any(value in text for value in _names(*identifying)):
        found.insert(0, _("留言人姓名或联系方式"))
    return found
