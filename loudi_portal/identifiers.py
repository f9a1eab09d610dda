"""Identifiers every app checks: the unified social credit code (GB 32100-2015)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code_check_char(first17: str) -> str:
    """Return the 18th (check) character for the first 17 characters of a code."""
    total = sum(CREDIT_CODE_ALPHABET.index(ch) * w for ch, w in zip(first17, CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


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
