"""The calendars on the v3 API: event occurrences, exhibitions and notable dates in a date range.

Anonymous, read-only, live public pages only. Ranges are inclusive and at most 400 days; a bad date, a range
the wrong way round or too long, or an unknown code is answered with 400 and a message.
"""

import datetime as dt
from datetime import date

from django.conf import settings
from django.utils import translation
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from wagtail.api.v3.errors import ProblemDetail
from wagtail.models import Locale

from content_models.calendars import clock
from content_models.calendars.dates import parse_range, school_year_bounds, school_year_of

MAX_RANGE_DAYS = 400
DEFAULT_EVENT_DAYS = 31

events_router = Router(tags=["events"])
exhibitions_router = Router(tags=["exhibitions"])
notable_dates_router = Router(tags=["notable dates"])

START_DOC = "First day of the range, YYYY-MM-DD (inclusive)."
END_DOC = f"Last day of the range, YYYY-MM-DD (inclusive); at most {MAX_RANGE_DAYS} days after start."
LOCALE_DOC = "Language of the content: kk (default), ru or en."


class CodeName(Schema):
    code: str
    name: str


class BookRef(Schema):
    id: int
    title: str
    list_no: int
    url: str | None = None


class PageRef(Schema):
    id: int
    title: str
    url: str | None = None


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


class EventOccurrences(Schema):
    start: date
    end: date
    locale: str
    count: int
    items: list[EventOccurrence]


class Exhibition(Schema):
    id: int
    title: str
    theme: str
    start_date: date
    end_date: date
    grade_min: int
    grade_max: int
    url: str | None = None
    ics_url: str | None = None
    schedule: PageRef
    school_year: int
    books: list[BookRef]
    guideline: PageRef | None = None


class Exhibitions(Schema):
    start: date
    end: date
    locale: str
    count: int
    items: list[Exhibition]


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


class NotableDates(Schema):
    start: date
    end: date
    locale: str
    count: int
    items: list[NotableDate]


ERRORS = {400: ProblemDetail}


def _locale(code: str | None) -> Locale:
    code = (code or settings.LANGUAGE_CODE).strip()
    locale = Locale.objects.filter(language_code=code).first()
    if locale is None:
        known = ", ".join(Locale.objects.order_by("pk").values_list("language_code", flat=True))
        raise HttpError(400, f"Unknown locale {code!r}; use one of: {known}.")
    return locale


def _range(start, end, *, default_start: date, default_days: int) -> tuple[date, date]:
    try:
        return parse_range(start, end, default_start=default_start, default_days=default_days, max_days=MAX_RANGE_DAYS)
    except ValueError as error:
        raise HttpError(400, str(error)) from None


def _school_year_range(start, end) -> tuple[date, date]:
    """The asked range; by default the current school year (1 September to 31 August)."""
    first, last = school_year_bounds(school_year_of(clock.today()))
    if not start and not end:
        return first, last
    return _range(start, end, default_start=first, default_days=(last - first).days + 1)


def _books(items) -> list[dict]:
    return [{"id": book.pk, "title": book.title, "list_no": book.list_no, "url": book.full_url} for book in items]


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
    from content_models.events.occurrences import events_filter, events_live, events_touching, filters_check, occurrences_between

    the_locale = _locale(locale)
    first, last = _range(start, end, default_start=clock.today(), default_days=DEFAULT_EVENT_DAYS)
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
    return {"start": first, "end": last, "locale": the_locale.language_code, "count": len(items), "items": items}


@events_router.get("/types/", response={200: list[CodeName], **ERRORS}, url_name="event_types_list", summary="Event types", operation_id="event_types_list")
def event_types_list(request, locale: str | None = Query(None, description=LOCALE_DOC)):
    """The event type codes accepted by `type`, named in the chosen language."""
    from content_models.events.occurrences import type_choices

    return [{"code": code, "name": name} for code, name in type_choices(_locale(locale))]


@events_router.get("/regions/", response={200: list[CodeName], **ERRORS}, url_name="event_regions_list", summary="Regions", operation_id="event_regions_list")
def event_regions_list(request, locale: str | None = Query(None, description=LOCALE_DOC)):
    """The region codes accepted by `region`: the 17 regions, the 3 cities of republican significance and `nationwide`."""
    from content_models.core.taxonomy import REGIONS_AND_NATIONWIDE

    with translation.override(_locale(locale).language_code):
        return [{"code": code, "name": str(label)} for code, label in REGIONS_AND_NATIONWIDE]


@exhibitions_router.get(
    "/",
    response={200: Exhibitions, **ERRORS},
    url_name="exhibitions_list",
    summary="Book exhibitions in a date range",
    operation_id="exhibitions_list",
)
def exhibitions_list(
    request,
    start: str | None = Query(None, description=START_DOC + " Default: the current school year."),
    end: str | None = Query(None, description=END_DOC),
    grade: str = Query("", description="Only exhibitions for this grade (1–11)."),
    locale: str | None = Query(None, description=LOCALE_DOC),
):
    """Live exhibitions of the school-year schedules that run at some point in the range, by opening date."""
    from content_models.exhibitions.models import ExhibitionPage

    the_locale = _locale(locale)
    first, last = _school_year_range(start, end)
    queryset = ExhibitionPage.objects.live().public().filter(locale=the_locale, start_date__lte=last, end_date__gte=first)
    if grade:
        if not grade.isdigit() or not 1 <= int(grade) <= 11:
            raise HttpError(400, f"grade must be a number from 1 to 11, not {grade!r}.")
        queryset = queryset.filter(grade_min__lte=int(grade), grade_max__gte=int(grade))
    items = []
    for exhibition in queryset.order_by("start_date", "title"):
        schedule = exhibition.get_parent().specific
        if not schedule.live:
            continue
        guideline = exhibition.guideline_localized()
        items.append({
            "id": exhibition.pk,
            "title": exhibition.title,
            "theme": exhibition.theme,
            "start_date": exhibition.start_date,
            "end_date": exhibition.end_date,
            "grade_min": exhibition.grade_min,
            "grade_max": exhibition.grade_max,
            "url": exhibition.get_full_url(request),
            "ics_url": exhibition.ics_url,
            "schedule": {"id": schedule.pk, "title": schedule.title, "url": schedule.get_full_url(request)},
            "school_year": schedule.school_year,
            "books": _books(item["book"] for item in exhibition.books_in_locale()),
            "guideline": {"id": guideline.pk, "title": guideline.title, "url": guideline.get_full_url(request)} if guideline else None,
        })
    return {"start": first, "end": last, "locale": the_locale.language_code, "count": len(items), "items": items}


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
    from content_models.events.notable import KIND_LABELS, NotableDatesPage

    the_locale = _locale(locale)
    first, last = _school_year_range(start, end)
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
    return {"start": first, "end": last, "locale": the_locale.language_code, "count": len(items), "items": items}
