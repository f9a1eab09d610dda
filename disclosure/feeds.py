"""Atom feeds of published notices (all, and one per category)."""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from loudi_portal.absolute import SiteURLRequest

from .models import Category, CategoryTree, Notice

FEED_ITEMS = 30


class LatestNoticesFeed(Feed):
    feed_type = Atom1Feed
    language = "zh-cn"
    title = _("娄底市应急管理局 · 最新公开信息")
    subtitle = _("娄底市应急管理局政府信息公开目录中最新发布的信息。")

    # Links and ids (the item's link) from SITE_URL, whatever Host the request came with.
    def get_feed(self, obj, request):
        return super().get_feed(obj, SiteURLRequest(request))

    def link(self):
        return reverse("disclosure:notice-list")

    def items(self):
        return Notice.objects.published().for_list()[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return Truncator(item.body_text).chars(300)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.source

    def item_categories(self, item):
        return [item.category.name]


class CategoryNoticesFeed(LatestNoticesFeed):
    def get_object(self, request, slug):
        category = Category.objects.filter(slug=slug).first()
        if category is None:
            raise Http404
        return category

    def title(self, obj):
        return f"娄底市应急管理局 · {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        ids = CategoryTree.load().descendant_ids(obj)
        return Notice.objects.published().in_categories(ids).for_list()[:FEED_ITEMS]
