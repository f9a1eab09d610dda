"""The site's identity numbers (WEBSITE-STANDARDS.md §2): 网站标识码, 公安机关备案号, the 党政机关网站标识 badge.

No queries here; `models.BureauProfile` uses these validators and helpers.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .areas import CITY_CODE, DIVISION_CODES

# 娄底市 and its counties: the GB/T 2260 codes a Loudi government site's 标识码 may start with.
LOUDI_AREA_CODES = frozenset({CITY_CODE, *DIVISION_CODES.values()})

MIIT_BEIAN_URL = "https://beian.miit.gov.cn"
POLICE_BEIAN_URL = "http://www.beian.gov.cn/portal/registerSystemInfo?recordcode={}"

BADGE_MAX_BYTES = 200 * 1024
BADGE_SIGNATURES = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff")  # PNG, JPEG


def validate_site_code(value: str) -> None:
    """A Loudi 网站标识码: 10 digits, a 娄底 GB/T 2260 code (431300 or a county's) plus a 4-digit serial."""
    if not re.fullmatch(r"\d{10}", value or ""):
        raise ValidationError(_("网站标识码应为 10 位数字：6 位行政区划代码加 4 位顺序号，例如 4313000001。"))
    if value[:6] not in LOUDI_AREA_CODES:
        codes = "、".join(sorted(LOUDI_AREA_CODES))
        raise ValidationError(
            _("网站标识码的前 6 位应为娄底市或所辖县市区的行政区划代码（%(codes)s），现为 %(area)s。"),
            params={"codes": codes, "area": value[:6]},
        )


def police_record_code(record: str) -> str:
    """The number the 公安 备案 site looks up: the digits of "湘公网安备 43130202000123号"."""
    return "".join(re.findall(r"\d", record or ""))


def validate_police_record(value: str) -> None:
    if value and len(police_record_code(value)) != 14:
        raise ValidationError(_("公安机关备案号应含 14 位数字，例如“湘公网安备 43130202000123号”。"))


def validate_badge_image(upload) -> None:
    """The 党政机关网站标识 badge: a PNG or JPEG of at most 200 KB (checked by its first bytes)."""
    if upload.size > BADGE_MAX_BYTES:
        raise ValidationError(_("标识图片不能超过 200 KB。"))
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in BADGE_SIGNATURES):
        raise ValidationError(_("标识图片应为 PNG 或 JPEG 格式。"))


# 相关链接 in the footer of every page: the governments above the bureau.
RELATED_LINKS = (
    (_("中国政府网"), "https://www.gov.cn/"),
    (_("湖南省人民政府"), "https://www.hunan.gov.cn/"),
    (_("湖南省应急管理厅"), "https://yjt.hunan.gov.cn/"),
    (_("娄底市人民政府"), "https://www.hnloudi.gov.cn/"),
)
