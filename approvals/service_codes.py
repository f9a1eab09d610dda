"""The codes of a service under the 全国一体化政务服务平台 事项标准 (GB/T 39554.1-2020 编码要求).

The digit layout is UNCONFIRMED in the standard's text at hand (WEBSITE-STANDARDS.md §8.4); the
forms checked here are those the national platform's pages show:
- 基本编码: 12 digits, the item in the national 基本目录;
- 实施编码: the implementing body's 统一社会信用代码 (18, check character valid), one digit for the
  implementing level, then the 基本编码 (31 characters in all).
The URL slug (Service.code, e.g. yjxk-001) is the portal's own and stays the public address.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from loudi_portal.identifiers import validate_credit_code

BASIC_CODE = re.compile(r"\d{12}")
IMPLEMENTATION_CODE = re.compile(r"[0-9A-HJ-NPQRTUWXY]{18}\d\d{12}")


def validate_basic_code(value: str) -> None:
    if value and not BASIC_CODE.fullmatch(value):
        raise ValidationError(_("基本编码应为 12 位数字。"), code="basic_code")


def validate_implementation_code(value: str) -> None:
    if not value:
        return
    if not IMPLEMENTATION_CODE.fullmatch(value):
        raise ValidationError(
            _("实施编码应为 31 位：实施机关统一社会信用代码（18 位）+ 实施层级（1 位数字）+ 基本编码（12 位数字）。"),
            code="implementation_code",
        )
    try:
        validate_credit_code(value[:18])
    except ValidationError as exc:
        raise ValidationError(
            _("实施编码的前 18 位不是有效的统一社会信用代码：%(reason)s") % {"reason": " ".join(exc.messages)},
            code="implementation_code",
        ) from exc


def implementation_code(credit_code: str, level: int, basic_code: str) -> str:
    return f"{credit_code}{level}{basic_code}"
