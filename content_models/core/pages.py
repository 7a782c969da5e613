"""Shared page base: introduction, listing image, common search and API fields."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]


class BasePage(Page):
    """Abstract base of every portal page: a short introduction shown under the title and in listings."""

    intro = RichTextField(
        _("introduction"),
        blank=True,
        features=INTRO_FEATURES,
        help_text=_("One or two sentences shown under the title and in section listings."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    api_fields = [APIField("intro")]

    class Meta:
        abstract = True


class SectionIndexPage(BasePage):
    """Abstract base of the section pages under the home page (books, guidance, events …)."""
    template = "content_models/core/section_index_page.html"

    max_count_per_parent = 1

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = self.get_children().live().public().specific().order_by("-first_published_at")
        return context
