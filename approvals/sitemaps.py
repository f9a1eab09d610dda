"""The approvals app's sections of /sitemap.xml: service guides, results, agencies, their lists."""

from loudi_portal.sitemaps import PagesSitemap, RecordSitemap, latest_change

from .models import Agency, ApprovalResult, Service


class ServiceSitemap(RecordSitemap):
    """Every published 办事指南."""

    url_fields = ("code",)

    def queryset(self):
        return Service.objects.published().order_by("code")


class ResultSitemap(RecordSitemap):
    """Every public 行政许可 decision (双公示), at the register filtered to its 许可文书编号."""

    url_fields = ("reference",)
    date_fields = ("published_at", "withdrawn_at")

    def queryset(self):
        return ApprovalResult.objects.public().order_by("-published_at", "-id")


class AgencySitemap(RecordSitemap):
    """Every published 中介服务机构."""

    def queryset(self):
        return Agency.objects.published().order_by("pk")


class ApprovalPagesSitemap(PagesSitemap):
    pages = [
        ("approvals:service-list", lambda: latest_change(Service.objects.published(), date_fields=("published_at",))),
        (
            "approvals:result-list",
            lambda: latest_change(ApprovalResult.objects.public(), date_fields=("published_at", "withdrawn_at")),
        ),
        ("approvals:stats", lambda: latest_change(ApprovalResult.objects.public(), date_fields=("published_at",))),
        ("approvals:agency-list", lambda: latest_change(Agency.objects.published(), date_fields=("published_at",))),
    ]


SITEMAPS = {
    "services": ServiceSitemap,
    "approval-results": ResultSitemap,
    "agencies": AgencySitemap,
    "approvals-pages": ApprovalPagesSitemap,
}
