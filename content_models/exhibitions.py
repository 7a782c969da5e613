"""Section: the school-year schedules of book exhibitions."""

from django.utils.translation import gettext_lazy as _

from .base import SectionIndexPage


class ExhibitionIndexPage(SectionIndexPage):
    """Section page for the school-year schedules of book exhibitions."""

    parent_page_types = ["content_models.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("exhibitions section")
        verbose_name_plural = _("exhibitions sections")
