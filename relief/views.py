"""The public 救灾 registers: 因灾损失情况 and 捐赠款物及使用情况, each exportable."""

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from loudi_portal import pagemeta
from loudi_portal.listing import register_page

from .filters import DonationFilter, LossFilter
from .models import DisasterLoss, Donation
from .public import DONATION_COLUMNS, LOSS_COLUMNS

# 网页标签: the column the 救灾 registers belong to (loudi_portal/pagemeta.py).
RELIEF_COLUMN = pagemeta.Column(
    name="救灾信息",
    description="本行政区域因灾损失情况和年度救灾捐赠款物及其使用情况。",
    keywords="因灾损失,救灾捐赠,款物管理",
    type="数据发布",
)


@pagemeta.page_meta(column=RELIEF_COLUMN)
@require_safe
def loss_list(request):
    """Published loss records, latest disaster first (2 queries and a count)."""
    queryset = DisasterLoss.objects.published().order_by("-began_on", "-id")
    filterset = LossFilter(request.GET or {}, queryset=queryset)
    return register_page(
        request,
        filterset=filterset,
        template="relief/loss_list.html",
        columns=LOSS_COLUMNS,
        title=_("本行政区域因灾损失情况"),
    )


@pagemeta.page_meta(column=RELIEF_COLUMN)
@require_safe
def donation_list(request):
    """Published donations with each year's totals received, used and left (3 queries and a count)."""
    queryset = Donation.objects.published().order_by("-year", "-received_on", "-id")
    filterset = DonationFilter(request.GET or {}, queryset=queryset)
    totals = (
        Donation.objects.published()
        .values("year")
        .annotate(n=Count("id"), received=Sum("amount"), used=Sum("used_amount"))
        .order_by("-year")
    )
    years = [{**row, "left": (row["received"] or 0) - (row["used"] or 0)} for row in totals]
    return register_page(
        request,
        filterset=filterset,
        template="relief/donation_list.html",
        columns=DONATION_COLUMNS,
        title=_("年度救灾捐赠款物及使用情况"),
        ctx={"years": years},
    )
