"""The mine-closure ledger's sections of /sitemap.xml: every closed mine, the payment ledger's pages."""

from loudi_portal.sitemaps import PagesSitemap, RecordSitemap, RegisterPagesSitemap, latest_change

from .models import MineClosure, SubsidyPayment, SubsidyQuota, SubsidyScheme


class MineSitemap(RecordSitemap):
    """Every published closed mine (its page: decision, quota, payments)."""

    def queryset(self):
        return MineClosure.objects.published().order_by("pk")


class PaymentSitemap(RegisterPagesSitemap):
    """The pages of the payment ledger (append-only: a row's history is its entry)."""

    url_name = "subsidies:payment-list"
    date_fields = ("paid_on",)

    def queryset(self):
        return SubsidyPayment.objects.order_by("-paid_on", "-id")


class SubsidyPagesSitemap(PagesSitemap):
    pages = [
        (
            "subsidies:closure-list",
            lambda: latest_change(
                MineClosure.objects.published(),
                SubsidyPayment.objects.all(),
                SubsidyScheme.objects.all(),
                SubsidyQuota.objects.all(),
            ),
        )
    ]


SITEMAPS = {
    "mines": MineSitemap,
    "mine-payments": PaymentSitemap,
    "mine-closures-pages": SubsidyPagesSitemap,
}
