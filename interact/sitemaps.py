"""/sitemap.xml sections of 互动交流: every published reply, and the entry and statistics pages."""

from loudi_portal.sitemaps import PagesSitemap, RecordSitemap, latest_change

from .models import Message, PublishedReply


class ReplySitemap(RecordSitemap):
    """Every published 留言选登 record (personal data removed)."""

    changefreq = "monthly"

    def queryset(self):
        return PublishedReply.objects.published().order_by("-published_at", "-id")


class InteractPagesSitemap(PagesSitemap):
    """The entry (dated by the newest published reply) and the statistics (by the newest message)."""

    changefreq = "daily"
    pages = [
        ("interact:index", lambda: latest_change(PublishedReply.objects.published(), date_fields=("published_at",))),
        ("interact:statistics", lambda: latest_change(Message.objects.all(), date_fields=("received_at",))),
    ]


SITEMAPS = {"interact-replies": ReplySitemap, "interact-pages": InteractPagesSitemap}
