"""The 救灾 registers' sections of /sitemap.xml: the pages of each register, dated by their rows.

A loss or donation record has no page of its own, so each register's pages are listed
(`RegisterPagesSitemap`), in the register's own order, each dated by the newest row it shows.
"""

from loudi_portal.sitemaps import RegisterPagesSitemap

from .public import _donations, _losses


class LossSitemap(RegisterPagesSitemap):
    url_name = "relief:loss-list"

    def queryset(self):
        return _losses()


class DonationSitemap(RegisterPagesSitemap):
    url_name = "relief:donation-list"

    def queryset(self):
        return _donations()


SITEMAPS = {"relief-losses": LossSitemap, "relief-donations": DonationSitemap}
