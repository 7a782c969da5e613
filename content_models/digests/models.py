"""Section: quarterly digests for educational organisations and annual bibliographic indexes on pedagogy."""

from itertools import groupby

from django import forms
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.functional import cached_property
from django.utils.html import escape, format_html, strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from content_models.books.blocks import book_out, book_pages
from content_models.core.api_output import ChoiceLabelField, DocumentField, context_root_url
from content_models.core.blocks import document_problem
from content_models.core.fields import PageStreamField
from content_models.core.listing import ListingFilterForm, empty_choice, paginate
from content_models.core.pages import PortalPage, SectionIndexPage
from content_models.core.text import html_to_text
from portal.links import absolute_url

KINDS = [
    ("digest", _("Quarterly digest")),
    ("index", _("Annual bibliographic index")),
]
QUARTERS = [(1, _("1st quarter")), (2, _("2nd quarter")), (3, _("3rd quarter")), (4, _("4th quarter"))]
FEED_SIZE = 20


# --- Bibliographic entries -----------------------------------------------------------------------------------------

def citation_parts(*, authors="", title="", place="", publisher="", year=None, pages=None, url="") -> dict:
    return {"authors": authors, "title": title, "place": place, "publisher": publisher, "year": year, "pages": pages, "url": url}


def _citation_tail(parts: dict) -> list[str]:
    """What follows the title, each item introduced by “. – ”: the imprint and the number of pages."""
    imprint = parts["place"]
    if parts["publisher"]:
        imprint = f"{imprint} : {parts['publisher']}" if imprint else parts["publisher"]
    if parts["year"]:
        imprint = f"{imprint}, {parts['year']}" if imprint else str(parts["year"])
    tail = [imprint] if imprint else []
    if parts["pages"]:
        tail.append(_("%(pages)s p.") % {"pages": parts["pages"]})
    return tail


def citation_text(parts: dict) -> str:
    """One entry in the portal's bibliographic style (after GOST 7.1): Authors. Title. – Place : Publisher, Year. – 120 p."""
    text = f"{parts['authors'].rstrip('.')}. {parts['title']}" if parts["authors"] else parts["title"]
    for item in _citation_tail(parts):
        text += f". – {item}"
    if parts["url"]:
        text += f". – URL: {parts['url']}"
    return text if text.endswith(".") else text + "."


def citation_html(parts: dict, link: str = ""):
    """The same citation as HTML: the title as <cite>, linked to the book page when there is one."""
    html = format_html('<span class="citation__authors">{}</span>. ', parts["authors"].rstrip(".")) if parts["authors"] else ""
    title = format_html('<a href="{}">{}</a>', link, parts["title"]) if link else parts["title"]
    html = format_html("{}<cite>{}</cite>", html, title)
    for item in _citation_tail(parts):
        html = format_html("{}. – {}", html, item)
    if parts["url"]:
        url = parts["url"]
        if url.lower().startswith(("http://", "https://")):  # a web address only, even when stored around the form
            html = format_html('{}. – URL: <a href="{}">{}</a>', html, url, url)
        else:
            html = format_html("{}. – URL: {}", html, url)
    return html if str(html).endswith(".") else format_html("{}.", html)


def book_citation(book) -> dict:
    return citation_parts(
        authors=", ".join(author.name for author in book.authors), title=book.title, publisher=book.publisher, year=book.year,
    )


class BookEntryBlock(blocks.StructBlock):
    """A book of the recommended list, described from its book page."""

    book = blocks.PageChooserBlock(page_type="content_models.BookPage", label=_("Book"))
    annotation = blocks.TextBlock(label=_("Annotation"), required=False, help_text=_("Leave empty to use the book's own annotation."))

    class Meta:
        icon = "doc-full"
        label = _("Book from the list")

    def get_api_representation(self, value, context=None):
        books = book_pages([value["book"]])
        if not books:
            return None
        book = books[0]
        return {
            "book": book_out(book, context_root_url(context)),
            "citation": citation_text(book_citation(book)),
            "annotation": value["annotation"] or strip_tags(book.annotation),
        }


class ReferenceEntryBlock(blocks.StructBlock):
    """Any other publication: an article, a methodological book, a web resource."""

    authors = blocks.CharBlock(label=_("Authors"), required=False, max_length=255, help_text=_("As on the title page, e.g. “Smagulova A. K., Ivanova N. P.”."))
    title = blocks.CharBlock(label=_("Title"), max_length=500)
    place = blocks.CharBlock(label=_("Place of publication"), required=False, max_length=100, help_text=_("e.g. Astana"))
    publisher = blocks.CharBlock(label=_("Publisher"), required=False, max_length=255, help_text=_("Publisher, or the journal with its issue number."))
    year = blocks.IntegerBlock(label=_("Year"), required=False, min_value=1800, max_value=2100)
    pages = blocks.IntegerBlock(label=_("Number of pages"), required=False, min_value=1, max_value=10000)
    url = blocks.URLBlock(label=_("Web address"), required=False)
    annotation = blocks.TextBlock(label=_("Annotation"), required=False)

    class Meta:
        icon = "link"
        label = _("Bibliographic reference")

    def get_api_representation(self, value, context=None):
        parts = reference_citation(value)
        return {**parts, "citation": citation_text(parts), "annotation": value["annotation"]}


def reference_citation(value) -> dict:
    return citation_parts(
        authors=value["authors"], title=value["title"], place=value["place"], publisher=value["publisher"],
        year=value["year"], pages=value["pages"], url=value["url"],
    )


class DigestEntriesBlock(blocks.StreamBlock):
    section = blocks.CharBlock(label=_("Section heading"), max_length=200, icon="title", help_text=_("Groups the entries below it; numbering continues."))
    book = BookEntryBlock()
    reference = ReferenceEntryBlock()

    class Meta:
        min_num = 1


# --- Pages ---------------------------------------------------------------------------------------------------------

class DigestFilterForm(ListingFilterForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=empty_choice(_("Digests and indexes")) + KINDS)


class DigestFeed(Feed):
    """RSS 2.0 (or Atom) list of the newest live digests and indexes of one language."""

    def __init__(self, index_page, *, atom=False):
        super().__init__()
        self.index_page = index_page
        self.feed_type = Atom1Feed if atom else Rss201rev2Feed
        self.language = index_page.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request  # one feed object per request (see DigestIndexPage's routes)
        with translation.override(self.language):
            return super().__call__(request, *args, **kwargs)

    def feed_url(self):
        return absolute_url(self.request.path, self.request)

    def title(self):
        return self.index_page.title

    def link(self):
        return self.index_page.full_url

    def description(self):
        return escape(html_to_text(self.index_page.intro or "")) or self.index_page.title

    subtitle = description

    def items(self):
        return self.index_page.digests().order_by("-first_published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers take the description as HTML: the sanitised text, escaped (never the stored markup).
        return escape(f"{item.period_label}. {html_to_text(item.introduction or '')}".strip())

    def item_link(self, item):
        return item.full_url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class DigestIndexPage(RoutablePageMixin, SectionIndexPage):
    """Section page for digests and bibliographic indexes: grouped by year, with RSS and Atom feeds per language."""
    template = "content_models/digests/digest_index_page.html"

    parent_page_types = ["content_models.HomePage"]
    subpage_types = ["content_models.DigestPage"]

    class Meta:
        verbose_name = _("digests section")
        verbose_name_plural = _("digests sections")

    def digests(self):
        return DigestPage.objects.child_of(self).live().public().defer_streamfields().select_related("pdf")

    @path("feed/", name="rss")
    def rss_feed(self, request):
        return DigestFeed(self)(request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request):
        return DigestFeed(self, atom=True)(request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        form = DigestFilterForm(request.GET)
        digests = self.digests().order_by("-year", "kind", "-quarter", "-first_published_at")
        kind = form.values().get("kind")
        if kind:
            digests = digests.filter(kind=kind)
        results = paginate(request, digests, per_page=24)
        context.update(
            filter_form=form,
            results=results,
            years=[(year, list(items)) for year, items in groupby(results, key=lambda digest: digest.year)],
            rss_url=self.url + self.reverse_subpage("rss"),
            atom_url=self.url + self.reverse_subpage("atom"),
        )
        return context


class DigestPage(PortalPage):
    """A quarterly digest for educational organisations or an annual bibliographic index on pedagogy."""
    template = "content_models/digests/digest_page.html"

    kind = models.CharField(_("kind"), max_length=10, choices=KINDS, default="digest")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    quarter = models.PositiveSmallIntegerField(
        _("quarter"), null=True, blank=True, choices=QUARTERS,
        help_text=_("Required for a quarterly digest; leave empty for an annual index."),
    )
    introduction = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("What this issue covers and whom it is for; the first lines appear in the feed."),
    )
    entries = PageStreamField(
        DigestEntriesBlock(), verbose_name=_("bibliographic entries"),
        help_text=_("Books from the recommended list and other publications, in the order they are to be numbered."),
    )
    pdf = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("PDF edition"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Optional: the issue as a PDF file for printing."),
    )

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("kind"), FieldRowPanel([FieldPanel("year"), FieldPanel("quarter")])], heading=_("Issue")),
        FieldPanel("introduction"),
        FieldPanel("entries"),
        FieldPanel("pdf"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("entries"),
        index.FilterField("kind"),
        index.FilterField("year"),
    ]
    search_kind = "digest"  # the portal search's kind of result (search.registry)

    def search_subtitle(self) -> str:
        return f"{self.kind_label}, {self.year}"

    api_fields = [
        APIField("kind", serializer=ChoiceLabelField("kind", KINDS)),
        APIField("year"),
        APIField("quarter"),
        APIField("introduction"),
        APIField("entries"),
        APIField("pdf", serializer=DocumentField("pdf")),
    ]

    parent_page_types = ["content_models.DigestIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")

    def clean(self):
        super().clean()
        errors = {}
        if self.kind == "digest" and not self.quarter:
            errors["quarter"] = _("A quarterly digest needs its quarter.")
        if self.kind == "index" and self.quarter:
            errors["quarter"] = _("An annual bibliographic index covers the whole year: leave the quarter empty.")
        problem = document_problem(self.pdf)
        if problem or (self.pdf and self.pdf.file_extension.lower() != "pdf"):
            errors["pdf"] = problem or _("The printed edition must be a PDF file.")
        if not errors and self.year and self.locale_id:
            twins = DigestPage.objects.filter(kind=self.kind, year=self.year, quarter=self.quarter, locale_id=self.locale_id).exclude(pk=self.pk)
            if self.translation_key:
                twins = twins.exclude(translation_key=self.translation_key)
            if twins.exists():
                errors["year"] = _("This issue already exists: %(title)s.") % {"title": twins.first().title}
        if errors:
            raise ValidationError(errors)

    @property
    def kind_label(self):
        return dict(KINDS).get(self.kind, self.kind)

    @property
    def period_label(self) -> str:
        if self.kind == "digest" and self.quarter:
            return f"{self.year}, {dict(QUARTERS)[self.quarter]}"
        return f"{self.year}, {self.kind_label}"

    @cached_property
    def entry_groups(self) -> list[dict]:
        """Entries as numbered groups under their section headings; unpublished books are left out."""
        chosen = [block.value["book"] for block in self.entries if block.block_type == "book"]
        by_key = {book.translation_key: book for book in book_pages(chosen, self.locale.language_code)}
        groups = [{"heading": "", "entries": []}]
        number = 0
        for block in self.entries:
            if block.block_type == "section":
                groups.append({"heading": block.value, "entries": []})
                continue
            if block.block_type == "book":
                chosen_book = block.value["book"]
                book = by_key.get(chosen_book.translation_key) if chosen_book else None
                if book is None:
                    continue
                parts = book_citation(book)
                html = citation_html(parts, link=book.url)
                annotation = block.value["annotation"] or strip_tags(book.annotation)
            else:
                parts = reference_citation(block.value)
                html = citation_html(parts)
                annotation = block.value["annotation"]
            number += 1
            groups[-1]["entries"].append({"number": number, "citation": html, "text": citation_text(parts), "annotation": annotation, "id": block.id})
        return [group for group in groups if group["entries"]]

    @property
    def entry_count(self) -> int:
        return sum(len(group["entries"]) for group in self.entry_groups)
