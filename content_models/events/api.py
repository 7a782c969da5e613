"""The programme's calendar on the v3 API: event occurrences, event types, regions and notable dates.

Anonymous, read-only, live public pages only. Ranges are inclusive and at most 400 days; a bad date, a range
the wrong way round or too long, or an unknown code is answered with 400 and a message.
"""

import datetime as dt
from datetime import date

from django.utils import translation
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from content_models.calendars import clock
from content_models.calendars.api_ranges import END_DOC, START_DOC, RangeListing, range_listing, range_or_400, school_year_range_or_400
from content_models.calendars.dates import school_year_of
from content_models.core.api_params import ERRORS, LOCALE_DOC, BookRef, CodeName, PageRef, locale_or_400
from content_models.core.taxonomy import REGIONS_AND_NATIONWIDE
from content_models.events.notable import KIND_LABELS, NotableDatesPage
from content_models.events.occurrences import events_filter, events_live, events_touching, filters_check, occurrences_between, type_choices

DEFAULT_EVENT_DAYS = 31

events_router = Router(tags=["events"])
notable_dates_router = Router(tags=["notable dates"])


class EventOccurrence(Schema):
    id: int
    title: str
    start: str
    end: str
    all_day: bool
    time_zone: str
    recurring: bool
    event_type: CodeName | None = None
    audiences: list[CodeName]
    region: CodeName
    venue: str
    organiser: str
    online_url: str | None = None
    registration_url: str | None = None
    programme_action: str
    url: str | None = None
    ics_url: str | None = None


class EventOccurrences(RangeListing):
    items: list[EventOccurrence]


class NotableDate(Schema):
    date: dt.date | None = None
    year: int
    title: str
    kind: str
    kind_label: str
    description: str
    url: str | None = None
    years: int | None = None
    author: dict | None = None
    books: list[BookRef]
    page: PageRef
    school_year: int


class NotableDates(RangeListing):
    items: list[NotableDate]


@events_router.get(
    "/",
    response={200: EventOccurrences, **ERRORS},
    url_name="events_list",
    summary="Event occurrences in a date range",
    operation_id="events_list",
)
def events_list(
    request,
    start: str | None = Query(None, description=START_DOC + " Default: today (Almaty)."),
    end: str | None = Query(None, description=END_DOC + f" Default: {DEFAULT_EVENT_DAYS} days from start."),
    region: str = Query("", description="Region code (see /api/v3/events/regions/); events held nationwide are always included."),
    type: str = Query("", description="Event type code (see /api/v3/events/types/)."),
    audience: str = Query("", description="Audience code: pupils, parents, families, teachers, librarians, public."),
    locale: str | None = Query(None, description=LOCALE_DOC),
):
    """Every occurrence of live events overlapping the range, repeating events expanded, in time order.

    All-day events give `start` and `end` as dates (`end` is the last day); timed events give date-times with
    the Almaty offset (+05:00)."""
    the_locale = locale_or_400(locale)
    first, last = range_or_400(start, end, default_start=clock.today(), default_days=DEFAULT_EVENT_DAYS)
    values = {"type_code": type.strip(), "audience": audience.strip(), "region": region.strip()}
    try:
        filters_check(**values)
    except ValueError as error:
        raise HttpError(400, str(error)) from None
    pages = events_filter(events_touching(events_live(locale=the_locale), first, last), **values)
    items = []
    with translation.override(the_locale.language_code):
        for occurrence in occurrences_between(pages, first, last):
            page = occurrence.page
            items.append({
                "id": page.pk,
                "title": page.title,
                "start": occurrence.start.isoformat(),
                "end": occurrence.end.isoformat(),
                "all_day": occurrence.span.all_day,
                "time_zone": clock.CALENDAR_TZ_NAME,
                "recurring": page.is_recurring,
                "event_type": {"code": page.event_type.slug, "name": page.event_type.name} if page.event_type_id else None,
                "audiences": [{"code": code, "name": str(label)} for code, label in zip(page.audience_codes, page.audience_labels, strict=True)],
                "region": {"code": page.region, "name": str(page.region_label)},
                "venue": page.venue,
                "organiser": page.organiser,
                "online_url": page.online_url or None,
                "registration_url": page.registration_url or None,
                "programme_action": page.programme_action,
                "url": page.get_full_url(request),
                "ics_url": page.ics_url,
            })
    return range_listing(first, last, the_locale, items)


@events_router.get("/types/", response={200: list[CodeName], **ERRORS}, url_name="event_types_list", summary="Event types", operation_id="event_types_list")
def event_types_list(request, locale: str | None = Query(None, description=LOCALE_DOC)):
    """The event type codes accepted by `type`, named in the chosen language."""
    return [{"code": code, "name": name} for code, name in type_choices(locale_or_400(locale))]


@events_router.get("/regions/", response={200: list[CodeName], **ERRORS}, url_name="event_regions_list", summary="Regions", operation_id="event_regions_list")
def event_regions_list(request, locale: str | None = Query(None, description=LOCALE_DOC)):
    """The region codes accepted by `region`: the 17 regions, the 3 cities of republican significance and `nationwide`."""
    with translation.override(locale_or_400(locale).language_code):
        return [{"code": code, "name": str(label)} for code, label in REGIONS_AND_NATIONWIDE]


@notable_dates_router.get(
    "/",
    response={200: NotableDates, **ERRORS},
    url_name="notable_dates_list",
    summary="Notable dates and authors' anniversaries in a date range",
    operation_id="notable_dates_list",
)
def notable_dates_list(
    request,
    start: str | None = Query(None, description=START_DOC + " Default: the current school year."),
    end: str | None = Query(None, description=END_DOC),
    kind: str = Query("", description="Only one kind: holiday, professional, literary, education, international, other, birth or death."),
    locale: str | None = Query(None, description=LOCALE_DOC),
):
    """Entries of the live notable-dates pages in the range: editors' dates and computed anniversaries.

    Anniversaries of authors known only by year have `date: null` and are included when the range touches
    that year."""
    the_locale = locale_or_400(locale)
    first, last = school_year_range_or_400(start, end)
    if kind and kind not in KIND_LABELS:
        raise HttpError(400, f"Unknown kind {kind!r}; use one of: {', '.join(KIND_LABELS)}.")
    pages = NotableDatesPage.objects.live().public().filter(
        locale=the_locale, school_year__gte=school_year_of(first), school_year__lte=school_year_of(last)
    ).order_by("school_year")
    items = []
    with translation.override(the_locale.language_code):
        for page in pages:
            ref = {"id": page.pk, "title": page.title, "url": page.get_full_url(request)}
            for entry in page.entries:
                if kind and entry.kind != kind:
                    continue
                inside = first <= entry.day <= last if entry.day else first.year <= entry.year <= last.year
                if inside:
                    items.append({**entry.as_api(), "date": entry.day, "page": ref, "school_year": page.school_year})
    items.sort(key=lambda item: (item["date"] is None, item["date"] or date.max, item["title"]))
    return range_listing(first, last, the_locale, items)
