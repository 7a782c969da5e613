"""Book exhibitions: the section, one schedule page per school year, one page per exhibition."""

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content_models.books.codes import GRADE_MAX, GRADE_MIN, format_grades
from content_models.calendars import ical
from content_models.calendars.dates import (
    format_date,
    format_date_range,
    format_month,
    month_bounds,
    school_year_bounds,
    school_year_label,
    school_year_months,
)
from content_models.calendars.recurrence import span_bounds
from content_models.calendars.routes import file_url
from content_models.core.pages import BasePage, SectionIndexPage
from content_models.core.text import validate_single_line
from content_models.exhibitions.exports import exhibition_event, schedule_calendar, schedule_csv_response
from portal.ratelimit import rate_limited


class ExhibitionIndexPage(SectionIndexPage):
    """Section page for the school-year schedules of book exhibitions."""
    template = "content_models/exhibitions/exhibition_index_page.html"

    parent_page_types = ["content_models.HomePage"]
    subpage_types = ["content_models.ExhibitionSchedulePage"]

    class Meta:
        verbose_name = _("exhibitions section")
        verbose_name_plural = _("exhibitions sections")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = ExhibitionSchedulePage.objects.child_of(self).live().public().order_by("-school_year")
        return context


class SchoolYearPageForm(WagtailAdminPageForm):
    """One schedule per school year in a section."""

    def clean(self):
        cleaned = super().clean()
        year = cleaned.get("school_year")
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        if year and parent is not None:
            twins = type(self.instance).objects.child_of(parent).filter(school_year=year).exclude(pk=self.instance.pk)
            if self.instance.translation_key:
                twins = twins.exclude(translation_key=self.instance.translation_key)
            if twins.exists():
                self.add_error("school_year", _("This section already has a schedule for the school year %(label)s.") % {"label": school_year_label(year)})
        return cleaned


class ExhibitionSchedulePage(RoutablePageMixin, BasePage):
    """The unified schedule of book exhibitions for one school year; each exhibition is a child page."""
    template = "content_models/exhibitions/exhibition_schedule_page.html"

    school_year = models.PositiveSmallIntegerField(
        _("school year starts in"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year of 1 September: 2026 for the school year 2026–2027 (1 September 2026 to 31 August 2027)."),
    )

    content_panels = BasePage.content_panels + [FieldPanel("school_year")]
    api_fields = BasePage.api_fields + [APIField("school_year"), APIField("school_year_label"), APIField("exhibitions_api"), APIField("ics_url"), APIField("csv_url")]
    override_translatable_fields = [SynchronizedField("school_year")]
    base_form_class = SchoolYearPageForm

    parent_page_types = ["content_models.ExhibitionIndexPage"]
    subpage_types = ["content_models.ExhibitionPage"]

    class Meta:
        verbose_name = _("exhibition schedule")
        verbose_name_plural = _("exhibition schedules")

    @property
    def school_year_label(self) -> str:
        return school_year_label(self.school_year)

    def exhibitions(self):
        return ExhibitionPage.objects.child_of(self).live().public().order_by("start_date", "end_date", "title")

    def months(self, exhibitions) -> list[dict]:
        """September to August, each with the exhibitions running in that month (overlaps side by side)."""
        rows = []
        for year, month in school_year_months(self.school_year):
            first, last = month_bounds(year, month)
            running = [item for item in exhibitions if item.start_date <= last and item.end_date >= first]
            rows.append({"label": format_month(year, month), "year": year, "month": month, "exhibitions": running})
        return rows

    @property
    def exhibitions_api(self) -> list[dict]:
        return [item.as_api() for item in self.exhibitions()]

    @property
    def ics_url(self) -> str | None:
        return file_url(self, "schedule_ics") or None

    @property
    def csv_url(self) -> str | None:
        return file_url(self, "schedule_csv") or None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        exhibitions = list(self.exhibitions().select_related("guideline_page"))
        context["exhibitions"] = exhibitions
        context["months"] = self.months(exhibitions)
        context["lanes"] = max((len(row["exhibitions"]) for row in context["months"]), default=0)
        context["feed_url"] = file_url(self, "schedule_ics", request)
        context["csv_url"] = file_url(self, "schedule_csv", request)
        return context

    @path("print/", name="print")
    def print_view(self, request):
        return self.render(request, template="content_models/exhibitions/exhibition_schedule_print.html")

    @path("schedule.ics/", name="schedule_ics")
    @rate_limited("exports")
    def schedule_ics(self, request):
        return ical.ics_response(schedule_calendar(self, request), f"exhibitions-{self.school_year}", page=self)

    @path("schedule.csv/", name="schedule_csv")
    @rate_limited("exports")
    def schedule_csv(self, request):
        return schedule_csv_response(self, request)


class ExhibitionPageForm(WagtailAdminPageForm):
    """Keeps an exhibition inside its schedule's school year."""

    def clean(self):
        cleaned = super().clean()
        parent = self.parent_page or (self.instance.get_parent() if self.instance.pk else None)
        parent = parent.specific if parent is not None else None
        start, end = cleaned.get("start_date"), cleaned.get("end_date")
        if isinstance(parent, ExhibitionSchedulePage) and start and end and end >= start:
            first, last = school_year_bounds(parent.school_year)
            if start < first or end > last:
                self.add_error("start_date" if start < first else "end_date", _(
                    "The schedule covers the school year %(label)s: exhibitions run between %(first)s and %(last)s."
                ) % {"label": parent.school_year_label, "first": format_date(first), "last": format_date(last)})
        return cleaned


class ExhibitionPage(RoutablePageMixin, BasePage):
    """One book exhibition of the schedule: theme, dates, grades, recommended books and how to set it up."""
    template = "content_models/exhibitions/exhibition_page.html"

    theme = models.CharField(_("theme"), max_length=255, blank=True, validators=[validate_single_line], help_text=_("What the exhibition is about, in a line (the occasion, the idea)."))
    start_date = models.DateField(_("opens on"))
    end_date = models.DateField(_("closes on"))
    grade_min = models.PositiveSmallIntegerField(_("from grade"), default=GRADE_MIN, validators=[MinValueValidator(GRADE_MIN), MaxValueValidator(GRADE_MAX)])
    grade_max = models.PositiveSmallIntegerField(_("to grade"), default=GRADE_MAX, validators=[MinValueValidator(GRADE_MIN), MaxValueValidator(GRADE_MAX)])
    guidance = RichTextField(
        _("how to set it up"), blank=True, features=["h3", "bold", "italic", "link", "ol", "ul"],
        help_text=_("Sections of the display, quotations, questions for readers, activities that go with it."),
    )
    guideline_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("guideline"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Optional: a methodological guideline on this site that goes with the exhibition."),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("theme"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")], heading=_("Dates")),
        FieldRowPanel([FieldPanel("grade_min"), FieldPanel("grade_max")], heading=_("Grades")),
        InlinePanel("recommended_books", label=_("recommended books")),
        MultiFieldPanel([FieldPanel("guidance"), FieldPanel("guideline_page")], heading=_("Guidance")),
    ]
    search_fields = BasePage.search_fields + [index.SearchField("theme"), index.SearchField("guidance"), index.FilterField("start_date")]
    search_kind = "exhibition"  # the portal search's kind of result (search.registry)

    def search_subtitle(self) -> str:
        return self.theme

    def search_date(self):
        return self.start_date

    api_fields = BasePage.api_fields + [
        APIField("theme"),
        APIField("start_date"),
        APIField("end_date"),
        APIField("grade_min"),
        APIField("grade_max"),
        APIField("guidance"),
        APIField("guideline"),
        APIField("books"),
        APIField("ics_url"),
    ]
    override_translatable_fields = [
        SynchronizedField("start_date"),
        SynchronizedField("end_date"),
        SynchronizedField("grade_min"),
        SynchronizedField("grade_max"),
        SynchronizedField("guideline_page"),
    ]
    base_form_class = ExhibitionPageForm

    parent_page_types = ["content_models.ExhibitionSchedulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")

    def clean(self):
        super().clean()
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("An exhibition cannot close before it opens: the end date (%(end)s) is before the start date (%(start)s).") % {
                "end": format_date(self.end_date), "start": format_date(self.start_date),
            }
        if self.grade_min and self.grade_max and self.grade_min > self.grade_max:
            errors["grade_max"] = _("The last grade cannot come before the first.")
        if errors:
            raise ValidationError(errors)

    @property
    def grades(self) -> str:
        return format_grades(self.grade_min, self.grade_max)

    @property
    def dates_label(self) -> str:
        return format_date_range(self.start_date, self.end_date)

    def is_running(self, day: date) -> bool:
        return self.start_date <= day <= self.end_date

    def books_in_locale(self) -> list[dict]:
        """Recommended books in this page's language with the editor's note, live books only."""
        items = []
        for link in self.recommended_books.select_related("book").all():
            book = link.book
            if book is None:
                continue
            if book.locale_id != self.locale_id:
                book = book.get_translation_or_none(self.locale) or book
            if book.live:
                items.append({"book": book, "note": link.note})
        return items

    @property
    def books(self) -> list[dict]:
        return [
            {"id": item["book"].pk, "title": item["book"].title, "list_no": item["book"].list_no, "url": item["book"].full_url, "note": item["note"]}
            for item in self.books_in_locale()
        ]

    def guideline_localized(self):
        if not self.guideline_page_id:
            return None
        page = self.guideline_page.localized
        return page if page.live else None

    @property
    def guideline(self) -> dict | None:
        page = self.guideline_localized()
        return {"id": page.pk, "title": page.title, "url": page.full_url} if page else None

    @property
    def ics_url(self) -> str | None:
        return file_url(self, "exhibition_ics") or None

    def as_api(self) -> dict:
        return {
            "id": self.pk,
            "title": self.title,
            "theme": self.theme,
            "start_date": self.start_date.isoformat(),
            "end_date": self.end_date.isoformat(),
            "grade_min": self.grade_min,
            "grade_max": self.grade_max,
            "url": self.full_url,
            "books": self.books,
            "guideline": self.guideline,
        }

    def ical_event(self, request=None):
        return exhibition_event(self, request)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["books"] = self.books_in_locale()
        context["guideline"] = self.guideline_localized()
        return context

    @path("exhibition.ics/", name="exhibition_ics")
    @rate_limited("exports")
    def exhibition_ics(self, request):
        cal = ical.calendar_new(self.title, language=self.locale.language_code)
        cal.add_component(self.ical_event(request))
        return ical.ics_response(cal, self.slug, page=self, download=True)

    @property
    def span(self):
        return span_bounds(self.start_date, None, self.end_date, None)


class ExhibitionBook(TranslatableMixin, Orderable):
    """A book from the list recommended for an exhibition, with an optional note on how to present it."""

    page = ParentalKey(ExhibitionPage, on_delete=models.CASCADE, related_name="recommended_books")
    book = models.ForeignKey("content_models.BookPage", verbose_name=_("book"), on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("note"), max_length=255, blank=True, validators=[validate_single_line], help_text=_("Optional: why this book, which pages or quotations to show."))

    panels = [FieldPanel("book"), FieldPanel("note")]
    override_translatable_fields = [SynchronizedField("book")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("recommended book")
        verbose_name_plural = _("recommended books")
