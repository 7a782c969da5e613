"""Section: methodological guidelines for school librarians."""

from django.utils.translation import gettext_lazy as _

from .base import SectionIndexPage


class GuidanceIndexPage(SectionIndexPage):
    """Section page for methodological guidelines for school librarians."""

    parent_page_types = ["content_models.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("guidance section")
        verbose_name_plural = _("guidance sections")
