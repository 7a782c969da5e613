"""The recommended list: BookListPage (one per locale), BookPage (one per title), the Author snippet."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from content_models.books.catalogue import snapshot
from content_models.books.codes import GENRES, LITERATURES, PERIODS, format_grades, label
from content_models.books.isbn import isbn_to_13, validate_isbn
from content_models.books.languages import language_name, language_validator
from content_models.books.views import book_composition, book_json_ld, book_list, book_list_export
from content_models.core.fields import CodeListField
from content_models.core.pages import PortalPage, SectionIndexPage
from content_models.core.text import html_to_text, validate_single_line
from portal.ratelimit import rate_limited


class Author(TranslatableMixin, index.Indexed, models.Model):
    """A writer on the list; names are translated, dates are shared by all languages (the calendars use them)."""

    name = models.CharField(_("full name"), max_length=255, validators=[validate_single_line])
    birth_date = models.DateField(_("date of birth"), null=True, blank=True)
    birth_year = models.SmallIntegerField(_("year of birth"), null=True, blank=True, help_text=_("When only the year is known."))
    death_date = models.DateField(_("date of death"), null=True, blank=True)
    death_year = models.SmallIntegerField(_("year of death"), null=True, blank=True, help_text=_("When only the year is known."))

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("birth_date"), FieldPanel("birth_year")]),
        FieldRowPanel([FieldPanel("death_date"), FieldPanel("death_year")]),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    override_translatable_fields = [
        SynchronizedField("birth_date"),
        SynchronizedField("birth_year"),
        SynchronizedField("death_date"),
        SynchronizedField("death_year"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.birth_date and self.birth_year and self.birth_date.year != self.birth_year:
            raise ValidationError({"birth_year": _("The year does not match the date of birth.")})
        if self.death_date and self.death_year and self.death_date.year != self.death_year:
            raise ValidationError({"death_year": _("The year does not match the date of death.")})
        born, died = self.born_year, self.died_year
        if born and died and died < born:
            raise ValidationError({"death_year": _("The author cannot die before being born.")})

    def save(self, *args, **kwargs):
        if self.birth_date:
            self.birth_year = self.birth_date.year
        if self.death_date:
            self.death_year = self.death_date.year
        super().save(*args, **kwargs)

    @property
    def born_year(self):
        return self.birth_date.year if self.birth_date else self.birth_year

    @property
    def died_year(self):
        return self.death_date.year if self.death_date else self.death_year

    @property
    def life_years(self) -> str:
        born, died = self.born_year, self.died_year
        if born and died:
            return f"{born}–{died}"
        if born:
            return f"{born}"
        if died:
            return f"–{died}"
        return ""


class BookListPage(RoutablePageMixin, SectionIndexPage):
    """The recommended list in one language: facets, text filter, sorting, export and the composition chart."""
    template = "content_models/books/book_list_page.html"

    parent_page_types = ["content_models.HomePage"]
    subpage_types = ["content_models.BookPage"]

    class Meta:
        verbose_name = _("book list page")
        verbose_name_plural = _("book list pages")

    @path("")
    def index_route(self, request):
        return book_list(request, self)

    @path("export/csv/", name="export_csv")
    @rate_limited("exports")
    def export_csv_route(self, request):
        return book_list_export(request, self, "csv")

    @path("export/xlsx/", name="export_xlsx")
    @rate_limited("exports")
    def export_xlsx_route(self, request):
        return book_list_export(request, self, "xlsx")

    @path("composition/", name="composition")
    def composition_route(self, request):
        return book_composition(request, self)


class BookPage(PortalPage):
    """One title of the recommended list, with its annotation; the list number is stable across editions."""
    template = "content_models/books/book_page.html"

    list_no = models.PositiveIntegerField(_("list number"), db_index=True, help_text=_("Stable across editions of the list."))
    original_title = models.CharField(_("original title"), max_length=255, blank=True, validators=[validate_single_line])
    translators = models.CharField(_("translators"), max_length=255, blank=True, validators=[validate_single_line])
    period = models.CharField(_("period"), max_length=20, choices=PERIODS)
    literature = models.CharField(_("literature"), max_length=20, choices=LITERATURES)
    genres = CodeListField(_("genres"), codes=GENRES)
    grade_min = models.PositiveSmallIntegerField(_("from grade"), validators=[MinValueValidator(1), MaxValueValidator(11)])
    grade_max = models.PositiveSmallIntegerField(_("to grade"), validators=[MinValueValidator(1), MaxValueValidator(11)])
    original_language = models.CharField(
        _("original language"), max_length=8, validators=[language_validator],
        help_text=_("ISO 639 code of the language the book was written in, e.g. kk, ru, de, grc."),
    )
    publisher = models.CharField(_("publisher"), max_length=255, blank=True, validators=[validate_single_line])
    year = models.PositiveSmallIntegerField(_("year of publication"), null=True, blank=True, validators=[MinValueValidator(1000), MaxValueValidator(2100)])
    isbn = models.CharField(_("ISBN"), max_length=20, blank=True, validators=[validate_isbn], help_text=_("ISBN-10 or ISBN-13; hyphens are allowed."))
    cover = models.ForeignKey("wagtailimages.Image", verbose_name=_("cover"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    cover_alt = models.CharField(_("cover text alternative"), max_length=255, blank=True, validators=[validate_single_line], help_text=_("What the cover shows, for readers who cannot see it. Leave empty to use the image's description."))
    annotation = RichTextField(_("annotation"), blank=True, features=["bold", "italic", "link"])
    edition_added = models.PositiveSmallIntegerField(_("entered the list in"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    edition_removed = models.PositiveSmallIntegerField(_("left the list in"), null=True, blank=True, validators=[MinValueValidator(2000), MaxValueValidator(2100)])

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("list_no"), FieldPanel("original_title"), InlinePanel("book_authors", label=_("authors"), min_num=1), FieldPanel("translators")], heading=_("Title and authors")),
        MultiFieldPanel([FieldPanel("period"), FieldPanel("literature"), FieldPanel("genres"), FieldRowPanel([FieldPanel("grade_min"), FieldPanel("grade_max")]), FieldPanel("original_language")], heading=_("Classification")),
        MultiFieldPanel([FieldPanel("publisher"), FieldRowPanel([FieldPanel("year"), FieldPanel("isbn")]), FieldPanel("cover"), FieldPanel("cover_alt")], heading=_("Edition")),
        FieldPanel("annotation"),
        FieldRowPanel([FieldPanel("edition_added"), FieldPanel("edition_removed")], heading=_("List editions")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("original_title"),
        index.SearchField("annotation"),
        index.FilterField("list_no"),
        index.FilterField("period"),
        index.FilterField("literature"),
        index.RelatedFields("book_authors", [index.RelatedFields("author", [index.SearchField("name")])]),
    ]
    search_kind = "book"  # the portal search's kind of result; the books' documents are built in bulk (books/search.py)
    api_fields = [
        APIField("list_no"),
        APIField("original_title"),
        APIField("translators"),
        APIField("period"),
        APIField("literature"),
        APIField("genres"),
        APIField("grade_min"),
        APIField("grade_max"),
        APIField("original_language"),
        APIField("publisher"),
        APIField("year"),
        APIField("isbn"),
        APIField("cover_alt"),
        APIField("annotation"),
        APIField("edition_added"),
        APIField("edition_removed"),
    ]
    override_translatable_fields = [
        SynchronizedField("list_no"),
        SynchronizedField("period"),
        SynchronizedField("literature"),
        SynchronizedField("genres"),
        SynchronizedField("grade_min"),
        SynchronizedField("grade_max"),
        SynchronizedField("original_language"),
        SynchronizedField("publisher"),
        SynchronizedField("year"),
        SynchronizedField("isbn"),
        SynchronizedField("cover"),
        SynchronizedField("edition_added"),
        SynchronizedField("edition_removed"),
        TranslatableField("original_title"),
    ]

    parent_page_types = ["content_models.BookListPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("book")
        verbose_name_plural = _("books")

    @classmethod
    def get_indexed_objects(cls):
        return super().get_indexed_objects().prefetch_related("book_authors__author")

    def clean(self):
        super().clean()
        errors = {}
        if self.grade_min and self.grade_max and self.grade_min > self.grade_max:
            errors["grade_max"] = _("The last grade cannot come before the first.")
        if self.edition_removed and self.edition_added and self.edition_removed <= self.edition_added:
            errors["edition_removed"] = _("A book leaves the list after the year it entered it.")
        if self.list_no and self.locale_id:
            twins = BookPage.objects.filter(list_no=self.list_no, locale_id=self.locale_id).exclude(pk=self.pk)
            if self.translation_key:
                twins = twins.exclude(translation_key=self.translation_key)
            if twins.exists():
                errors["list_no"] = _("Another book already has list number %(number)s.") % {"number": self.list_no}
        if self.isbn:
            try:
                self.isbn = isbn_to_13(self.isbn)
            except ValueError:
                pass  # the field validator reports it
        if errors:
            raise ValidationError(errors)

    @property
    def genre_codes(self) -> list[str]:
        return [code for code in (self.genres or "").split(",") if code] if isinstance(self.genres, str) else list(self.genres or [])

    @property
    def grades(self) -> str:
        return format_grades(self.grade_min, self.grade_max)

    @property
    def period_label(self):
        return label(PERIODS, self.period)

    @property
    def literature_label(self):
        return label(LITERATURES, self.literature)

    @property
    def genre_labels(self):
        return [label(GENRES, code) for code in self.genre_codes]

    @property
    def language_label(self):
        return language_name(self.original_language)

    @cached_property
    def authors(self) -> list[Author]:
        links = self.book_authors.all()
        if hasattr(links, "select_related") and self.pk:
            try:
                links = links.select_related("author")
            except (AttributeError, TypeError):  # an unsaved preview's in-memory relation
                pass
        return [link.author for link in links]

    @property
    def annotation_text(self) -> str:
        return html_to_text(self.annotation or "")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        books = snapshot(self.locale.language_code)
        me = books.by_id.get(self.pk)
        author_ids = [author.pk for author in self.authors]
        other_titles = []
        for author in self.authors:
            titles = [entry for entry in books.entries if entry.id != self.pk and any(a_id == author.pk for a_id, _n, _k in entry.authors)]
            other_titles.append((author, titles[:12]))
        neighbours = []
        if me is not None:
            same = [
                entry for entry in books.entries
                if entry.id != self.pk and entry.period == self.period and set(entry.genres) & set(self.genre_codes)
                and entry.edition_removed is None and not any(a_id in author_ids for a_id, _n, _k in entry.authors)
            ]
            neighbours = sorted(same, key=lambda entry: abs(entry.list_no - self.list_no))[:6]
        context.update({
            "author_titles": other_titles,
            "neighbours": neighbours,
            "book_list_url": books.list_page_url,
            "json_ld": book_json_ld(self, request),
        })
        return context

    @property
    def cover_text(self) -> str:
        if self.cover_alt:
            return self.cover_alt
        if self.cover and getattr(self.cover, "description", ""):
            return self.cover.description
        return ""


class BookAuthor(TranslatableMixin, Orderable):
    """Links a book to its authors in order; translated with the page so each language links its own Author."""

    page = ParentalKey(BookPage, on_delete=models.CASCADE, related_name="book_authors")
    author = models.ForeignKey(Author, verbose_name=_("author"), on_delete=models.PROTECT, related_name="book_links")

    panels = [FieldPanel("author")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("book author")
        verbose_name_plural = _("book authors")
