"""Section: quarterly digests and annual bibliographic indexes."""

from django.utils.translation import gettext_lazy as _

from .base import SectionIndexPage


class DigestIndexPage(SectionIndexPage):
    """Section page for quarterly digests and annual bibliographic indexes."""

    parent_page_types = ["content_models.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("digests section")
        verbose_name_plural = _("digests sections")
