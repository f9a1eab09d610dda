"""Loudi's counties, once for every app: the enum and the GB/T 2260 code of each.

娄底经济技术开发区 and 万宝新区 are functional zones, not administrative divisions:
GB/T 2260 gives them no code of their own. Both lie in 娄星区, so they carry
their host's code, 431302.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

CITY_CODE = "431300"  # 娄底市


class County(models.TextChoices):
    LOUXING = "louxing", _("娄星区")
    SHUANGFENG = "shuangfeng", _("双峰县")
    XINHUA = "xinhua", _("新化县")
    LENGSHUIJIANG = "lengshuijiang", _("冷水江市")
    LIANYUAN = "lianyuan", _("涟源市")
    ECONOMIC_ZONE = "economic_zone", _("娄底经济技术开发区")
    WANBAO = "wanbao", _("万宝新区")


DIVISION_CODES = {
    County.LOUXING: "431302",
    County.SHUANGFENG: "431321",
    County.XINHUA: "431322",
    County.LENGSHUIJIANG: "431381",
    County.LIANYUAN: "431382",
    # No code of their own (functional zones): the host district's, 娄星区.
    County.ECONOMIC_ZONE: "431302",
    County.WANBAO: "431302",
}


def division_code(county: str) -> str:
    """The GB/T 2260 code of a county (of its host district for the two zones)."""
    return DIVISION_CODES[County(county)]
