"""Sitemap of every locale's live, public pages a visitor can reach (none below an unpublished page), each with its
hreflang alternates."""

from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class PortalSitemap(Sitemap):
    def items(self):
        root = self.get_wagtail_site().root_page
        queryset = Page.objects.none()
        for home in root.get_translations(inclusive=True):
            queryset |= Page.objects.descendant_of(home, inclusive=True)
        return queryset.live().public().exclude(_under_unpublished()).order_by("path").defer_streamfields().specific()


def _under_unpublished() -> Q:
    """Pages below an unpublished page: live themselves, but no visitor reaches them."""
    condition = Q(pk__in=[])
    for path in Page.objects.filter(live=False, depth__gt=1, numchild__gt=0).values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return condition
