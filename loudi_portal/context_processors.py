from .models import BureauProfile

FONT_SIZES = {"large": "大", "medium": "中", "small": "小"}
FONT_COOKIE = "font_size"


def font_size(request) -> str:
    value = request.COOKIES.get(FONT_COOKIE, "medium")
    return value if value in FONT_SIZES else "medium"


def site(request):
    """Values every public page needs: the bureau's profile and the reader's font size."""
    return {
        "bureau": BureauProfile.current(),
        "font_size": font_size(request),
        "font_sizes": FONT_SIZES,
    }
