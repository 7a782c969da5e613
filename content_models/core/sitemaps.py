"""Sitemap of every locale's live, public pages a visitor can reach (none below an unpublished page), each with its
hreflang alternates."""

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from content_models.core.pages import under_unpublished


class PortalSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        queryset = Page.objects.none()
        for home in root.get_translations(inclusive=True):
            queryset |= Page.objects.descendant_of(home, inclusive=True)
        return queryset.live().public().exclude(under_unpublished()).order_by("path").defer_streamfields().specific()

