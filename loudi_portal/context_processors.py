from .identity import RELATED_LINKS
from .models import BureauProfile

FONT_SIZES = {"large": "大", "medium": "中", "small": "小"}
FONT_COOKIE = "font_size"
# 关怀版 (elder mode): larger text, high contrast, no animation; "on" in this cookie.
CARE_COOKIE = "care_mode"
CARE_MODES = ("on", "off")


def font_size(request) -> str:
    value = request.COOKIES.get(FONT_COOKIE, "medium")
    return value if value in FONT_SIZES else "medium"


def care_mode(request) -> bool:
    return request.COOKIES.get(CARE_COOKIE) == "on"


def site(request):
    """Values every public page needs: the bureau's profile and the reader's font size."""
    return {
        "bureau": BureauProfile.current(),
        "font_size": font_size(request),
        "font_sizes": FONT_SIZES,
        "care_mode": care_mode(request),
        "related_links": RELATED_LINKS,
    }
