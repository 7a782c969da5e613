"""The school-year exhibition schedules on the v3 API: the exhibitions running in a date range.

Anonymous, read-only, live public pages of live schedules only. Ranges are inclusive and at most 400 days; a
bad date, a range the wrong way round or too long, or a bad grade is answered with 400 and a message.
"""

from datetime import date

from ninja import Query, Router, Schema
from ninja.errors import HttpError

from content_models.calendars.api_ranges import END_DOC, START_DOC, RangeListing, range_listing, school_year_range_or_400
from content_models.core.api_params import ERRORS, LOCALE_DOC, BookRef, PageRef, book_refs, locale_or_400
from content_models.exhibitions.models import ExhibitionPage

router = Router(tags=["exhibitions"])


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


class Exhibitions(RangeListing):
    items: list[Exhibition]


@router.get(
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
    the_locale = locale_or_400(locale)
    first, last = school_year_range_or_400(start, end)
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
            "books": book_refs(item["book"] for item in exhibition.books_in_locale()),
            "guideline": {"id": guideline.pk, "title": guideline.title, "url": guideline.get_full_url(request)} if guideline else None,
        })
    return range_listing(first, last, the_locale, items)
