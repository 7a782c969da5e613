"""Events of the programme: EventPage (one event, possibly repeating) and the books that go with it."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from content_models.calendars import clock, ical
from content_models.calendars.dates import format_date, format_date_range, format_time
from content_models.calendars.recurrence import (
    REPEAT_CHOICES,
    RecurrenceError,
    dates_format,
    dates_parse,
    rule_check,
    rule_check_start,
    rule_for,
    span_bounds,
    spans_between,
    spans_next,
)
from content_models.calendars.routes import file_url
from content_models.core.fields import CodeListField
from content_models.core.pages import BasePage
from content_models.core.taxonomy import NATIONWIDE, REGIONS_AND_NATIONWIDE
from content_models.core.text import validate_multi_line, validate_single_line
from content_models.events.exports import ical_event
from content_models.events.forms import RepeatSelect
from content_models.events.types import AUDIENCES, EventType
from portal.ratelimit import rate_limited

# Sub-paths of the calendar page; an event with one of these slugs could not be reached.
RESERVED_SLUGS = {"month", "agenda"}


class EventPage(RoutablePageMixin, BasePage):
    """One event of the programme (or a repeating one), shown in the calendar and its iCalendar feeds."""
    template = "content_models/events/event_page.html"

    start_date = models.DateField(_("starts on"))
    start_time = models.TimeField(_("start time"), null=True, blank=True, help_text=_("Almaty time. Leave empty for an all-day event."))
    end_date = models.DateField(
        _("ends on"), null=True, blank=True,
        help_text=_("For an event over several days (a festival, a campaign). Leave empty when it ends on the day it starts."),
    )
    end_time = models.TimeField(_("end time"), null=True, blank=True, help_text=_("Almaty time."))
    repeat = models.CharField(
        _("repeats"), max_length=30, choices=REPEAT_CHOICES, blank=True, default="",
        help_text=_("For events that come back: the start date must itself be one of the dates, e.g. a last Monday of October."),
    )
    recurrence_rule = models.CharField(
        _("custom repeat rule"), max_length=255, blank=True, validators=[validate_single_line],
        help_text=_(
            "Only with “Custom rule”. An RFC 5545 rule, e.g. FREQ=YEARLY;BYMONTH=10;BYDAY=-2MO (every year, on the "
            "second-to-last Monday of October) or FREQ=MONTHLY;BYDAY=-1FR (every month, on the last Friday)."
        ),
    )
    repeat_until = models.DateField(_("repeat until"), null=True, blank=True, help_text=_("The last day the event may repeat on. Leave empty to repeat without end."))
    exception_dates = models.TextField(
        _("dates to skip"), blank=True, validators=[validate_multi_line],
        help_text=_("Dates on which a repeating event does not take place (holidays), one per line, e.g. 26.03.2027."),
    )
    event_type = models.ForeignKey(EventType, verbose_name=_("event type"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    audiences = CodeListField(_("audience"), codes=AUDIENCES, blank=True)
    region = models.CharField(_("region"), max_length=30, choices=REGIONS_AND_NATIONWIDE, default=NATIONWIDE)
    venue = models.CharField(_("venue"), max_length=255, blank=True, validators=[validate_single_line], help_text=_("Where it takes place: library, school, town."))
    organiser = models.CharField(_("organiser"), max_length=255, blank=True, validators=[validate_single_line])
    online_url = models.URLField(_("online link"), blank=True, help_text=_("Link to the broadcast or online meeting, if any."))
    registration_url = models.URLField(_("registration link"), blank=True)
    description = RichTextField(_("description"), blank=True, features=["h2", "h3", "bold", "italic", "link", "ol", "ul"])
    programme_action = models.CharField(
        _("programme action"), max_length=20, blank=True, validators=[validate_single_line],
        help_text=_("Number of the programme's action this event carries out, e.g. 2.8."),
    )

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_date"), FieldPanel("start_time")]),
                FieldRowPanel([FieldPanel("end_date"), FieldPanel("end_time")]),
            ],
            heading=_("Date and time (Almaty, UTC+5)"),
        ),
        MultiFieldPanel(
            [FieldPanel("repeat", widget=RepeatSelect), FieldPanel("recurrence_rule"), FieldPanel("repeat_until"), FieldPanel("exception_dates")],
            heading=_("Repetition"),
        ),
        MultiFieldPanel(
            [FieldPanel("event_type"), FieldPanel("audiences"), FieldPanel("region"), FieldPanel("programme_action")],
            heading=_("Classification"),
        ),
        MultiFieldPanel(
            [FieldPanel("venue"), FieldPanel("organiser"), FieldPanel("online_url"), FieldPanel("registration_url")],
            heading=_("Place and participation"),
        ),
        FieldPanel("description"),
        InlinePanel("related_books", label=_("books from the list")),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("venue"),
        index.SearchField("organiser"),
        index.FilterField("start_date"),
        index.FilterField("region"),
    ]
    search_kind = "event"  # the portal search's kind of result (search.registry)

    def search_subtitle(self) -> str:
        return self.venue

    def search_date(self):
        return self.start_date

    api_fields = BasePage.api_fields + [
        APIField("start"),
        APIField("end"),
        APIField("all_day"),
        APIField("time_zone"),
        APIField("recurrence"),
        APIField("repeat_until"),
        APIField("skipped_dates"),
        APIField("next_occurrence"),
        APIField("event_type_info"),
        APIField("audiences"),
        APIField("region"),
        APIField("venue"),
        APIField("organiser"),
        APIField("online_url"),
        APIField("registration_url"),
        APIField("description"),
        APIField("programme_action"),
        APIField("books"),
        APIField("ics_url"),
    ]
    override_translatable_fields = [
        SynchronizedField("start_date"),
        SynchronizedField("start_time"),
        SynchronizedField("end_date"),
        SynchronizedField("end_time"),
        SynchronizedField("repeat"),
        SynchronizedField("recurrence_rule"),
        SynchronizedField("repeat_until"),
        SynchronizedField("exception_dates"),
        SynchronizedField("audiences"),
        SynchronizedField("region"),
        SynchronizedField("online_url"),
        SynchronizedField("registration_url"),
        SynchronizedField("programme_action"),
    ]

    parent_page_types = ["content_models.EventIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    # --- validation -------------------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = _("“%(slug)s” is used by the calendar's own pages; choose another slug.") % {"slug": self.slug}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The event cannot end before it starts (%(date)s).") % {"date": format_date(self.start_date)}
        if self.end_time and not self.start_time:
            errors["end_time"] = _("An all-day event has no end time: add a start time or clear the end time.")
        elif self.start_time and self.end_time and (self.end_date or self.start_date) == self.start_date and self.end_time < self.start_time:
            errors["end_time"] = _("The event cannot end before it starts.")
        if self.recurrence_rule and self.repeat != "custom":
            errors["repeat"] = _("You wrote a custom rule: choose “Custom rule” here, or clear the rule.")
        elif self.repeat == "custom":
            try:
                self.recurrence_rule = rule_check(self.recurrence_rule)
            except RecurrenceError as error:
                errors["recurrence_rule"] = str(error)
        if not self.repeat:
            if self.repeat_until:
                errors["repeat_until"] = _("Only a repeating event has a last repetition.")
            if self.exception_dates.strip():
                errors["exception_dates"] = _("Only a repeating event has dates to skip.")
        if errors:
            raise ValidationError(errors)
        if self.repeat:
            self._clean_repetition()

    def _clean_repetition(self):
        if self.repeat_until and self.start_date and self.repeat_until < self.start_date:
            raise ValidationError({"repeat_until": _("The last repetition cannot come before the start.")})
        try:
            rule_check_start(self.rule, self.first_span.start, self.repeat_until)
        except RecurrenceError as error:
            raise ValidationError({"start_date": str(error)}) from None
        try:
            skipped = dates_parse(self.exception_dates)
        except RecurrenceError as error:
            raise ValidationError({"exception_dates": str(error)}) from None
        strays = [day for day in skipped if not self._happens_on(day)]
        if strays:
            raise ValidationError({
                "exception_dates": _("The event does not take place on %(dates)s, so there is nothing to skip.")
                % {"dates": ", ".join(day.strftime("%d.%m.%Y") for day in strays)}
            })
        self.exception_dates = dates_format(skipped)

    def _happens_on(self, day) -> bool:
        spans = spans_between(self.first_span, rule=self.rule, until=self.repeat_until, window_start=day, window_end=day)
        return any(span.first_day == day for span in spans)

    # --- dates ------------------------------------------------------------------------------------------

    @property
    def all_day(self) -> bool:
        return self.start_time is None

    @property
    def first_span(self):
        return span_bounds(self.start_date, self.start_time, self.end_date, self.end_time)

    @property
    def rule(self) -> str:
        return rule_for(self.repeat, self.recurrence_rule)

    @property
    def is_recurring(self) -> bool:
        return bool(self.repeat)

    @property
    def repeat_label(self) -> str:
        if self.repeat == "custom":
            return _("Repeats by the rule %(rule)s") % {"rule": self.rule}
        return str(self.get_repeat_display())

    @cached_property
    def skipped(self) -> list:
        try:
            return dates_parse(self.exception_dates)
        except RecurrenceError:
            return []

    def spans_between(self, start, end):
        return spans_between(self.first_span, rule=self.rule, until=self.repeat_until, exdates=self.skipped, window_start=start, window_end=end)

    def spans_next(self, after, count=5):
        return spans_next(self.first_span, rule=self.rule, until=self.repeat_until, exdates=self.skipped, after=after, count=count)

    def span_main(self, moment=None):
        """(span, is_past): the next occurrence that has not ended at ``moment`` (default: now in Almaty), or,
        when every occurrence is over, the last one with ``is_past`` True."""
        moment = moment or clock.now()
        today = moment.date()
        wall = moment.astimezone(clock.calendar_tz()).replace(tzinfo=None)
        for span in self.spans_next(today, 3):
            if span.all_day or span.end > wall or (span.end <= span.start and span.start >= wall):
                return span, False
        past = self.spans_between(self.first_span.first_day, today)
        return (past[-1] if past else self.first_span), True

    @cached_property
    def main_span(self):
        """The occurrence the page shows as its date (see :meth:`span_main`)."""
        return self.span_main()[0]

    @property
    def next_occurrence(self) -> dict:
        """The occurrence shown as the event's date: the next one from now (Almaty), or the last one, marked
        ``past``, when the event is over. ISO dates (all-day) or date-times with the +05:00 offset."""
        span, past = self.span_main()
        return {
            "start": self._iso(span.start),
            "end": span.last_day.isoformat() if span.all_day else self._iso(span.end),
            "past": past,
        }

    @property
    def when(self) -> str:
        """'26 October 2026, 10:00–12:00' in the active language (the next occurrence, or the last when past)."""
        span = self.main_span
        label = format_date_range(span.first_day, span.last_day)
        if span.all_day:
            return label
        times = format_time(span.start) + (f"–{format_time(span.end)}" if span.end > span.start else "")
        return f"{label}, {times}"

    # --- labels and API values ----------------------------------------------------------------------------

    @property
    def region_label(self):
        return dict(REGIONS_AND_NATIONWIDE).get(self.region, self.region)

    @property
    def audience_codes(self) -> list[str]:
        value = self.audiences
        if isinstance(value, str):
            return [code for code in value.split(",") if code]
        return list(value or [])

    @property
    def audience_labels(self):
        labels = dict(AUDIENCES)
        return [labels.get(code, code) for code in self.audience_codes]

    @property
    def time_zone(self) -> str:
        return clock.CALENDAR_TZ_NAME

    def _iso(self, moment):
        if self.all_day:
            return moment.date().isoformat()
        return moment.replace(tzinfo=clock.calendar_tz()).isoformat()

    @property
    def start(self) -> str:
        return self._iso(self.first_span.start)

    @property
    def end(self) -> str:
        span = self.first_span
        return span.last_day.isoformat() if span.all_day else self._iso(span.end)

    @property
    def recurrence(self) -> str | None:
        return self.rule or None

    @property
    def skipped_dates(self) -> list[str]:
        return [day.isoformat() for day in self.skipped]

    @property
    def event_type_info(self) -> dict | None:
        if self.event_type_id is None:
            return None
        return {"id": self.event_type.pk, "code": self.event_type.slug, "name": self.event_type.name}

    def books_in_locale(self):
        """The linked books in this page's language (the translation of each book when there is one)."""
        books = []
        for link in self.related_books.select_related("book").all():
            book = link.book
            if book is None:
                continue
            translated = book.get_translation_or_none(self.locale) if book.locale_id != self.locale_id else book
            book = translated or book
            if book.live:
                books.append(book)
        return books

    @property
    def books(self) -> list[dict]:
        return [{"id": book.pk, "title": book.title, "list_no": book.list_no, "url": book.full_url} for book in self.books_in_locale()]

    @property
    def ics_url(self) -> str | None:
        return file_url(self, "event_ics") or None

    # --- iCalendar ------------------------------------------------------------------------------------------

    def ical_event(self, request=None):
        return ical_event(self, request)

    @path("event.ics/", name="event_ics")
    @rate_limited("exports")
    def event_ics(self, request):
        cal = ical.calendar_new(self.title, language=self.locale.language_code)
        cal.add_component(self.ical_event(request))
        return ical.ics_response(cal, self.slug, page=self, download=True)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = clock.today()
        main, is_past = self.span_main()
        context["next_spans"] = [span for span in self.spans_next(today, 6) if span != main][:5] if self.is_recurring else []
        context["is_past"] = is_past
        context["main_span"] = main
        context["books"] = self.books_in_locale()
        context["span"] = self.first_span
        return context


class EventBook(Orderable):
    """A book from the recommended list that goes with an event (the same book in every language)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="related_books")
    book = models.ForeignKey("content_models.BookPage", verbose_name=_("book"), on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("book")]

    class Meta(Orderable.Meta):
        verbose_name = _("book for the event")
        verbose_name_plural = _("books for the event")
