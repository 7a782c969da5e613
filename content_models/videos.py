"""Section: best-practice videos from school libraries."""

from django.utils.translation import gettext_lazy as _

from .base import SectionIndexPage


class VideoIndexPage(SectionIndexPage):
    """Section page for best-practice videos from school libraries."""

    parent_page_types = ["content_models.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("videos section")
        verbose_name_plural = _("videos sections")
