"""Shared page bases: plain-text checks of every page type, and the introduction with its search and API fields."""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from content_models.core.text import validate_multi_line, validate_single_line

INTRO_FEATURES = ["bold", "italic", "link", "ol", "ul"]
PAGE_TEXT_VALIDATORS = (("title", validate_single_line), ("seo_title", validate_single_line), ("search_description", validate_multi_line))


def under_unpublished() -> Q:
    """Pages below an unpublished page: live themselves, but hidden with it (no address, listing, API or sitemap
    reaches them until it is published again). Path prefixes, not a subquery: Wagtail's search backends (the pages
    API's ?search=) take plain lookups only."""
    condition = Q(pk__in=[])
    for path in Page.objects.filter(live=False, depth__gt=1, numchild__gt=0).values_list("path", flat=True):
        condition |= Q(path__startswith=path)
    return condition


class PortalPage(Page):
    """Abstract base of every page type of the portal: Wagtail's own text fields refuse control characters, and an
    unpublished page hides the pages below it.

    The checks run with the field checks (``clean_fields``), so the admin and the v3 API show them on the field,
    in the editor's language, and only for the fields the form holds.
    """

    class Meta:
        abstract = True

    def route(self, request, path_components):
        # Wagtail walks through an unpublished page to a live child below it; an editor who unpublishes a section
        # expects what is in it to go too.
        if path_components and not self.live:
            raise Http404
        return super().route(request, path_components)

    def clean_fields(self, exclude=None):
        errors: dict = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name, validator in PAGE_TEXT_VALIDATORS:
            if name in errors or (exclude and name in exclude):
                continue
            try:
                validator(getattr(self, name))
            except ValidationError as error:
                errors[name] = error.error_list
        if errors:
            raise ValidationError(errors)


class BasePage(PortalPage):
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
