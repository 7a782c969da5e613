"""Sitemap of every locale's live, public pages, each with its hreflang alternates."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class PortalSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        queryset = Page.objects.none()
        for home in root.get_translations(inclusive=True):
            queryset |= Page.objects.descendant_of(home, inclusive=True)
        return queryset.live().public().order_by("path").defer_streamfields().specific()
