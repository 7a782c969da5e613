"""The home page of each locale: presents the programme, its tasks and expected results."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.search import index

from content_models.core.pages import BasePage
from content_models.home.blocks import ProgrammeTaskBlock, ResultFigureBlock


class HomePage(BasePage):
    """Presents the Balalar kitaphanasy programme; one per locale, at the root of the site."""
    template = "content_models/home/home_page.html"

    goal = RichTextField(_("goal of the programme"), blank=True, features=["bold", "italic", "link"])
    tasks = StreamField([("task", ProgrammeTaskBlock())], blank=True, verbose_name=_("tasks"))
    results = StreamField([("figure", ResultFigureBlock())], blank=True, verbose_name=_("expected results"))

    content_panels = BasePage.content_panels + [FieldPanel("goal"), FieldPanel("tasks"), FieldPanel("results")]
    search_fields = BasePage.search_fields + [index.SearchField("goal")]
    api_fields = BasePage.api_fields + [APIField("goal"), APIField("tasks"), APIField("results")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "content_models.BookListPage",
        "content_models.GuidanceIndexPage",
        "content_models.EventIndexPage",
        "content_models.ExhibitionIndexPage",
        "content_models.DigestIndexPage",
        "content_models.VideoIndexPage",
        "content_models.HoldingsCheckPage",
        "content_models.StandardPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class StandardPage(BasePage):
    """A plain information page (about the programme, contacts, documents) under the home page."""
    template = "content_models/home/standard_page.html"

    body = RichTextField(
        _("body"),
        blank=True,
        features=["h2", "h3", "bold", "italic", "link", "ol", "ul", "document-link", "image"],
    )

    content_panels = BasePage.content_panels + [FieldPanel("body")]
    search_fields = BasePage.search_fields + [index.SearchField("body")]
    api_fields = BasePage.api_fields + [APIField("body")]

    parent_page_types = ["content_models.HomePage", "content_models.StandardPage"]
    subpage_types = ["content_models.StandardPage"]

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
