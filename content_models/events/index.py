"""EventIndexPage: the programme's calendar, as a month grid, an agenda list and an iCalendar feed."""

from collections import defaultdict

from django.http import Http404, HttpResponseBadRequest
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.routable_page.models import RoutablePageMixin, path

from content_models.calendars import clock, ical
from content_models.calendars.dates import (
    CALENDAR_YEARS,
    WEEKDAYS,
    WEEKDAYS_SHORT,
    add_months,
    format_month,
    month_bounds,
    month_weeks,
)
from content_models.calendars.routes import file_url
from content_models.core.pages import SectionIndexPage
from content_models.events.notable import NotableDatesPage
from content_models.events.occurrences import (
    CalendarFilterForm,
    events_filter,
    events_for_feed,
    events_live,
    events_touching,
    filters_check,
    occurrences_between,
)
from portal.ratelimit import rate_limited

AGENDA_MONTHS = 3


def webcal(url: str) -> str:
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            return "webcal://" + url[len(scheme):]
    return url


class EventIndexPage(RoutablePageMixin, SectionIndexPage):
    """The calendar of the programme's events: month grid, agenda, filters and a subscribable feed."""
    template = "content_models/events/event_index_page.html"

    parent_page_types = ["content_models.HomePage"]
    subpage_types = ["content_models.EventPage", "content_models.NotableDatesPage"]

    class Meta:
        verbose_name = _("event calendar")
        verbose_name_plural = _("event calendars")

    # --- URLs -------------------------------------------------------------------------------------------

    def route_url(self, name, *args, query: str = "") -> str:
        return self.url + self.reverse_subpage(name, args=args) + query

    @staticmethod
    def request_path(request, query: str = "") -> str:
        return request.path + query

    def feed_url(self, request, query: str = "") -> str:
        return file_url(self, "events_ics", request, query)

    # --- views ------------------------------------------------------------------------------------------

    @path("")
    def index_route(self, request, *args, **kwargs):
        today = clock.today()
        return self.month_view(request, today.year, today.month)

    @path("month/<int:year>/<int:month>/", name="month")
    def month_view(self, request, year, month):
        self._check_month(year, month)
        form = CalendarFilterForm(request.GET or None, locale=self.locale)
        query = form.query_string()
        first, last = month_bounds(year, month)
        occurrences = self._occurrences(form, first, last)
        by_day = defaultdict(list)
        for occurrence in occurrences:
            for day in occurrence.span.days():
                if first <= day <= last:
                    by_day[day].append(occurrence)
        today = clock.today()
        weeks = [
            [{"date": day, "in_month": day.month == month, "is_today": day == today, "occurrences": by_day.get(day, []) if day.month == month else []} for day in week]
            for week in month_weeks(year, month)
        ]
        previous, following = add_months(year, month, -1), add_months(year, month, 1)
        context = self._shared_context(request, form, query)
        context.update({
            "view": "month",
            "caption": format_month(year, month),
            "weeks": weeks,
            "weekdays": list(zip(WEEKDAYS, WEEKDAYS_SHORT, strict=True)),
            "occurrence_count": len(occurrences),
            "previous_url": self.route_url("month", *previous, query=query),
            "previous_label": format_month(*previous),
            "next_url": self.route_url("month", *following, query=query),
            "next_label": format_month(*following),
            "month_link": self.route_url("month", year, month, query=query),
            "agenda_link": self.route_url("agenda_from", year, month, query=query),
            "is_current": (year, month) == (today.year, today.month),
        })
        return self.render(request, template="content_models/events/event_index_page.html", context_overrides=context)

    @path("agenda/", name="agenda")
    def agenda_view(self, request):
        today = clock.today()
        return self._agenda(request, today.year, today.month, from_day=today)

    @path("agenda/<int:year>/<int:month>/", name="agenda_from")
    def agenda_from_view(self, request, year, month):
        self._check_month(year, month)
        return self._agenda(request, year, month)

    @path("events.ics/", name="events_ics")
    @rate_limited("exports")
    def events_ics(self, request):
        values = {
            "type_code": request.GET.get("type", "").strip(),
            "audience": request.GET.get("audience", "").strip(),
            "region": request.GET.get("region", "").strip(),
        }
        try:
            filters_check(**values)
        except ValueError as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
        pages = events_for_feed(events_filter(events_live(within=self), **values), clock.today())
        cal = ical.calendar_new(self.title, description=self._plain_intro(), language=self.locale.language_code)
        for page in pages:
            cal.add_component(page.ical_event(request))
        return ical.ics_response(cal, "events", page=self)

    # --- helpers ----------------------------------------------------------------------------------------

    def _check_month(self, year, month):
        if not (CALENDAR_YEARS[0] <= year <= CALENDAR_YEARS[1] and 1 <= month <= 12):
            raise Http404

    def _plain_intro(self) -> str:
        return ical.plain_text(self.intro)

    def _occurrences(self, form, first, last):
        pages = events_filter(events_touching(events_live(within=self), first, last), **form.values())
        return occurrences_between(pages, first, last)

    def _shared_context(self, request, form, query):
        return {
            "filter_form": form,
            "query": query,
            "month_url": self.route_url("month", *((clock.today().year, clock.today().month)), query=query),
            "feed_url": self.feed_url(request, query),
            "feed_webcal_url": webcal(self.feed_url(request, query)),
            "notable_pages": NotableDatesPage.objects.child_of(self).live().public().order_by("-school_year"),
        }

    def _agenda(self, request, year, month, from_day=None):
        form = CalendarFilterForm(request.GET or None, locale=self.locale)
        query = form.query_string()
        months = [add_months(year, month, offset) for offset in range(AGENDA_MONTHS)]
        first = from_day or month_bounds(*months[0])[0]
        last = month_bounds(*months[-1])[1]
        occurrences = self._occurrences(form, first, last)
        groups = {key: [] for key in months}
        for occurrence in occurrences:
            shown_from = max(occurrence.span.first_day, first)
            groups[(shown_from.year, shown_from.month)].append(occurrence)
        previous, following = add_months(year, month, -AGENDA_MONTHS), add_months(year, month, AGENDA_MONTHS)
        context = self._shared_context(request, form, query)
        context.update({
            "view": "agenda",
            "from_day": from_day,
            "caption": f"{format_month(*months[0])} – {format_month(*months[-1])}",
            "months": [{"label": format_month(*key), "occurrences": groups[key]} for key in months],
            "occurrence_count": len(occurrences),
            "previous_url": self.route_url("agenda_from", *previous, query=query),
            "next_url": self.route_url("agenda_from", *following, query=query),
            "month_link": self.route_url("month", year, month, query=query),
            "agenda_link": self.request_path(request, query),
            "today_agenda_url": self.route_url("agenda", query=query),
            "today": clock.today(),
        })
        return self.render(request, template="content_models/events/event_agenda.html", context_overrides=context)
