"""Section: the recommended list of titles, with filters."""

from django.utils.translation import gettext_lazy as _

from .base import SectionIndexPage


class BookListPage(SectionIndexPage):
    """Section page for the recommended list of titles, with filters."""

    parent_page_types = ["content_models.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("book list page")
        verbose_name_plural = _("book list pages")
