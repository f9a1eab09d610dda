"""Identifiers every app checks, and how personal ones are masked on public pages.

- 统一社会信用代码 (unified social credit code, GB 32100-2015);
- 居民身份证号码 (resident ID number, GB 11643-1999).

The check characters are computed by python-stdnum (`stdnum.cn.uscc`, `stdnum.cn.ric`);
the format rules and the Chinese messages are the portal's own. stdnum's `uscc.validate`
is not used: it requires the first 8 characters to be digits, which refuses valid codes
of organisations registered by 其他 (Y), 农业 (N) or 中央军委 (A) authorities.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.cn import ric, uscc

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


# --- 统一社会信用代码 (GB 32100) ------------------------------------------------
def credit_code_check_char(first17: str) -> str:
    """Return the 18th (check) character for the first 17 characters of a code."""
    return uscc.calc_check_digit(first17)


def credit_code_error(code: str) -> str | None:
    """Explain what is wrong with a credit code, or return None if it is valid."""
    if len(code) != 18:
        return _("统一社会信用代码应为 18 位，当前为 %(n)d 位。") % {"n": len(code)}
    bad = sorted({ch for ch in code if ch not in CREDIT_CODE_ALPHABET})
    if bad:
        return _("统一社会信用代码含有不允许的字符：%(chars)s（不使用 I、O、Z、S、V）。") % {"chars": "、".join(bad)}
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        return _("统一社会信用代码校验位不正确：第 18 位应为 %(expected)s，请核对。") % {"expected": expected}
    return None


def normalize_credit_code(value: str) -> str:
    return "".join(value.split()).upper()


def validate_credit_code(value: str) -> None:
    """Model/form validator: refuse a code whose check character does not match."""
    error = credit_code_error(normalize_credit_code(value))
    if error:
        raise ValidationError(error, code="invalid_credit_code")


def make_credit_code(first17: str) -> str:
    """Complete 17 characters with their check character (used for demo data and tests)."""
    return first17 + credit_code_check_char(first17)


# --- 居民身份证号码 (GB 11643) --------------------------------------------------
def id_number_check_char(first17: str) -> str:
    """GB 11643-1999 check character of a resident ID number, from its first 17 digits."""
    return ric.calc_check_digit(first17 + "0")  # stdnum expects a number with a check place


def id_number_error(value: str) -> str | None:
    """Explain what is wrong with an 18-digit ID number, or return None."""
    if len(value) != 18 or not value[:17].isascii() or not value[:17].isdigit() or value[17] not in "0123456789X":
        return _("身份证号码应为 18 位：前 17 位为数字，最后一位为数字或 X。")
    try:
        date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return _("身份证号码中的出生日期不正确，请核对。")
    if value[17] != id_number_check_char(value[:17]):
        return _("身份证号码校验位不正确，请核对。")
    return None


def make_id_number(first17: str) -> str:
    """Complete 17 digits with their check character (used for demo data and tests)."""
    return first17 + id_number_check_char(first17)


# --- Masking on public pages and in exports ----------------------------------
def mask_name(name: str) -> str:
    """张三 -> 张*, 欧阳小明 -> 欧***: keep only the first character."""
    name = name.strip()
    return name[:1] + "*" * max(len(name) - 1, 1) if name else ""


def mask_id_number(number: str) -> str:
    """Keep the first and last character of an ID number, hide the rest."""
    number = number.strip()
    if len(number) <= 2:
        return "*" * len(number)
    return number[0] + "*" * (len(number) - 2) + number[-1]
