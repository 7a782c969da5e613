"""The calendar of notable and memorable dates for a school year: editors' dates plus authors' anniversaries.

Anniversaries are computed from the Author snippets of the book list: round anniversaries (every 5 years from
25 to 95, every 25 from 100) of a birth or death that fall between 1 September and 31 August. Authors known
only by year are listed under the calendar year that begins inside the school year (2027 for 2026–2027),
without a day, so each year's undated anniversaries appear in exactly one school year.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale, Orderable, TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from content_models.books.models import Author, BookAuthor, BookPage
from content_models.calendars import ical
from content_models.calendars.dates import (
    format_date,
    format_day_without_year,
    format_month,
    school_year_bounds,
    school_year_label,
    school_year_months,
)
from content_models.calendars.recurrence import Span
from content_models.calendars.routes import file_url
from content_models.core.pages import BasePage
from content_models.core.text import validate_multi_line, validate_single_line
from portal.ratelimit import rate_limited

NOTABLE_KINDS = [
    ("holiday", _("Public holiday")),
    ("national", _("National day")),
    ("professional", _("Professional day")),
    ("literary", _("Literary date")),
    ("education", _("School and education")),
    ("international", _("International day")),
    ("other", _("Other")),
]
ANNIVERSARY_KINDS = [("birth", _("Birth anniversary")), ("death", _("Memorial date"))]
KIND_LABELS = dict(NOTABLE_KINDS + ANNIVERSARY_KINDS)


def is_round(years: int) -> bool:
    """Round anniversaries: 25, 30 … 95, then 100, 125, 150 …"""
    if years < 25:
        return False
    return years % 5 == 0 if years < 100 else years % 25 == 0


def anniversary_on(day: date, year: int) -> date:
    """The same day in ``year``; 29 February falls on 28 February in common years."""
    try:
        return day.replace(year=year)
    except ValueError:
        return date(year, 2, 28)


def anniversaries_of(*, birth_date=None, birth_year=None, death_date=None, death_year=None, school_year: int) -> list[tuple[str, int, date | None, int]]:
    """(kind, years, day or None, year) of the round anniversaries falling in the school year."""
    first, last = school_year_bounds(school_year)
    found = []
    for kind, day, year in (("birth", birth_date, birth_year), ("death", death_date, death_year)):
        if day is not None:
            for candidate_year in (first.year, last.year):
                candidate = anniversary_on(day, candidate_year)
                years = candidate_year - day.year
                if first <= candidate <= last and is_round(years):
                    found.append((kind, years, candidate, candidate_year))
        elif year:
            # Known only by year: listed under the calendar year that begins within this school year.
            years = last.year - year
            if is_round(years):
                found.append((kind, years, None, last.year))
    return found


@dataclass
class NotableEntry:
    """One line of the calendar: an editor's date or an author's anniversary."""

    title: str
    kind: str
    day: date | None
    year: int
    uid: str
    description: str = ""
    url: str = ""
    books: list = field(default_factory=list)
    author: object = None
    years: int | None = None

    @property
    def kind_label(self):
        return KIND_LABELS.get(self.kind, self.kind)

    @property
    def is_anniversary(self) -> bool:
        return self.kind in ("birth", "death")

    @property
    def date_label(self) -> str:
        return format_date(self.day) if self.day else str(self.year)

    @property
    def day_label(self) -> str:
        return format_day_without_year(self.day) if self.day else ""

    def as_api(self) -> dict:
        return {
            "date": self.day.isoformat() if self.day else None,
            "year": self.year,
            "title": self.title,
            "kind": self.kind,
            "kind_label": str(self.kind_label),
            "description": self.description,
            "url": self.url or None,
            "years": self.years,
            "author": {"id": self.author.pk, "name": self.author.name} if self.author else None,
            "books": [{"id": book.pk, "title": book.title, "list_no": book.list_no, "url": book.full_url} for book in self.books],
        }


def anniversary_title(name: str, kind: str, years: int) -> str:
    if kind == "birth":
        return _("%(name)s — %(years)s years since birth") % {"name": name, "years": years}
    return _("%(name)s — %(years)s years since death") % {"name": name, "years": years}


def anniversary_entries(school_year: int, locale) -> list[NotableEntry]:
    """Anniversaries of every author with known dates, named in ``locale`` (or Kazakh), with their live books."""
    dated = Q(birth_date__isnull=False) | Q(birth_year__isnull=False) | Q(death_date__isnull=False) | Q(death_year__isnull=False)
    default_code = Locale.get_default().language_code
    chosen: dict = {}
    for author in Author.objects.filter(dated).select_related("locale"):
        current = chosen.get(author.translation_key)
        if current is None or author.locale_id == locale.pk or (current.locale_id != locale.pk and author.locale.language_code == default_code):
            chosen[author.translation_key] = author
    found = []
    for author in chosen.values():
        for kind, years, day, year in anniversaries_of(
            birth_date=author.birth_date, birth_year=author.birth_year, death_date=author.death_date, death_year=author.death_year, school_year=school_year
        ):
            found.append((author, kind, years, day, year))
    books_by_author: dict = {}
    if found:
        keys = {author.translation_key for author, *_rest in found}
        books = BookPage.objects.live().public().filter(locale=locale)
        links = BookAuthor.objects.filter(author__translation_key__in=keys, page__in=books).select_related("page", "author").order_by("page__list_no")
        for link in links:
            shelf = books_by_author.setdefault(link.author.translation_key, [])
            if link.page not in shelf:
                shelf.append(link.page)
    language = locale.language_code
    return [
        NotableEntry(
            title=anniversary_title(author.name, kind, years),
            kind=kind,
            day=day,
            year=year,
            uid=ical.uid("anniversary", author.translation_key, language, kind, year),
            books=books_by_author.get(author.translation_key, []),
            author=author,
            years=years,
        )
        for author, kind, years, day, year in found
    ]


class NotableDatesPageForm(WagtailAdminPageForm):
    """Keeps every date inside the page's school year and one page per school year in a calendar."""

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("school_year")
        if not year:
            return cleaned
        first, last = school_year_bounds(year)
        formset = self.formsets.get("dates")
        if formset is not None and formset.is_valid():
            for form in formset.forms:
                data = getattr(form, "cleaned_data", {})
                day = data.get("date")
                if day and not data.get("DELETE") and not first <= day <= last:
                    form.add_error("date", _("This date is outside the school year %(label)s (%(first)s – %(last)s).") % {
                        "label": school_year_label(year), "first": format_date(first), "last": format_date(last),
                    })
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        if parent is not None:
            twins = NotableDatesPage.objects.child_of(parent).filter(school_year=year).exclude(pk=self.instance.pk)
            if self.instance.translation_key:
                twins = twins.exclude(translation_key=self.instance.translation_key)
            if twins.exists():
                self.add_error("school_year", _("This calendar already has a page for the school year %(label)s.") % {"label": school_year_label(year)})
        return cleaned


class NotableDatesPage(RoutablePageMixin, BasePage):
    """The annual calendar of notable and memorable dates sent to school libraries every autumn."""
    template = "content_models/events/notable_dates_page.html"

    school_year = models.PositiveSmallIntegerField(
        _("school year starts in"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year of 1 September: 2026 for the school year 2026–2027 (1 September 2026 to 31 August 2027)."),
    )
    show_anniversaries = models.BooleanField(
        _("add authors' anniversaries"),
        default=True,
        help_text=_("List the round anniversaries of the birth and death of the book list's authors (from the authors' dates)."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("school_year"), FieldPanel("show_anniversaries"), InlinePanel("dates", label=_("dates"))]
    api_fields = BasePage.api_fields + [
        APIField("school_year"),
        APIField("school_year_label"),
        APIField("show_anniversaries"),
        APIField("entries_api"),
        APIField("ics_url"),
    ]
    override_translatable_fields = [SynchronizedField("school_year"), SynchronizedField("show_anniversaries")]
    base_form_class = NotableDatesPageForm

    parent_page_types = ["content_models.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("notable dates page")
        verbose_name_plural = _("notable dates pages")

    @property
    def school_year_label(self) -> str:
        return school_year_label(self.school_year)

    @property
    def bounds(self) -> tuple[date, date]:
        return school_year_bounds(self.school_year)

    def editor_entries(self) -> list[NotableEntry]:
        language = self.locale.language_code
        entries = []
        for item in self.dates.select_related("link_page").all():
            link = item.link_page.localized if item.link_page_id else None
            entries.append(NotableEntry(
                title=item.title,
                kind=item.kind,
                day=item.date,
                year=item.date.year,
                uid=ical.uid("notable", item.translation_key, language),
                description=item.description,
                url=link.full_url if link is not None and link.live else "",
            ))
        return entries

    @cached_property
    def entries(self) -> list[NotableEntry]:
        """Every entry in date order; undated anniversaries last."""
        with translation.override(self.locale.language_code):
            found = self.editor_entries()
            if self.show_anniversaries:
                found += anniversary_entries(self.school_year, self.locale)
        return sorted(found, key=lambda entry: (entry.day is None, entry.day or date.max, 0 if not entry.is_anniversary else 1, entry.title))

    @property
    def dated_entries(self):
        return [entry for entry in self.entries if entry.day]

    @property
    def undated_entries(self):
        return [entry for entry in self.entries if entry.day is None]

    def months(self) -> list[dict]:
        """The months of the school year that have dates, each with its entries."""
        by_month: dict = {}
        for entry in self.dated_entries:
            by_month.setdefault((entry.day.year, entry.day.month), []).append(entry)
        return [{"label": format_month(*key), "entries": by_month[key]} for key in school_year_months(self.school_year) if key in by_month]

    @property
    def entries_api(self) -> list[dict]:
        with translation.override(self.locale.language_code):
            return [entry.as_api() for entry in self.entries]

    @property
    def ics_url(self) -> str | None:
        return file_url(self, "notable_ics") or None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["months"] = self.months()
        context["undated"] = self.undated_entries
        context["anniversary_count"] = sum(1 for entry in self.entries if entry.is_anniversary)
        context["next_year"] = self.school_year + 1
        context["feed_url"] = file_url(self, "notable_ics", request)
        return context

    @path("print/", name="print")
    def print_view(self, request):
        return self.render(request, template="content_models/events/notable_dates_print.html")

    @path("notable-dates.ics/", name="notable_ics")
    @rate_limited("exports")
    def notable_ics(self, request):
        cal = ical.calendar_new(f"{self.title} {self.school_year_label}", description=ical.plain_text(self.intro), language=self.locale.language_code)
        stamp = self.last_published_at or self.first_published_at
        for entry in self.dated_entries:
            event = ical.event_new(
                uid_value=entry.uid,
                summary=entry.title,
                stamp=stamp,
                description="\n".join(filter(None, [entry.description, *[f"{book.title} — {book.full_url}" for book in entry.books]])),
                url=entry.url,
                categories=[str(entry.kind_label)],
            )
            ical.event_add_times(event, Span(*_whole_day(entry.day), True))
            cal.add_component(event)
        return ical.ics_response(cal, f"notable-dates-{self.school_year}", page=self)


def _whole_day(day: date):
    return datetime.combine(day, time.min), datetime.combine(day + timedelta(days=1), time.min)


class NotableDate(TranslatableMixin, Orderable):
    """A date entered by editors: a holiday, a professional day, a literary event."""

    page = ParentalKey(NotableDatesPage, on_delete=models.CASCADE, related_name="dates")
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=255, validators=[validate_single_line])
    kind = models.CharField(_("kind"), max_length=20, choices=NOTABLE_KINDS, default="literary")
    description = models.TextField(_("note"), blank=True, validators=[validate_multi_line], help_text=_("One or two sentences for librarians: what to prepare, which books to show."))
    link_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("link to a page"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Optional: an event, an exhibition or a guideline on this site."),
    )

    panels = [FieldPanel("date"), FieldPanel("title"), FieldPanel("kind"), FieldPanel("description"), FieldPanel("link_page")]
    override_translatable_fields = [SynchronizedField("date"), SynchronizedField("kind"), SynchronizedField("link_page")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("notable date")
        verbose_name_plural = _("notable dates")
