"""Section: events of the programme."""

from django.utils.translation import gettext_lazy as _

from .base import SectionIndexPage


class EventIndexPage(SectionIndexPage):
    """Section page for events of the programme."""

    parent_page_types = ["content_models.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event calendar")
        verbose_name_plural = _("event calendars")
