"""Date-range query parameters of the calendar API routers (events, exhibitions, notable dates).

Ranges are inclusive, at most MAX_RANGE_DAYS long and within the calendar years (calendars/dates.py); a bad date, a
date outside those years, a range the wrong way round or too long is answered with 400 and a message.
"""

from datetime import date

from ninja import Schema
from ninja.errors import HttpError

from content_models.calendars import clock
from content_models.calendars.dates import EARLIEST, LATEST, parse_range, school_year_bounds, school_year_of

MAX_RANGE_DAYS = 400

START_DOC = f"First day of the range, YYYY-MM-DD (inclusive), from {EARLIEST.isoformat()} to {LATEST.isoformat()}."
END_DOC = f"Last day of the range, YYYY-MM-DD (inclusive); at most {MAX_RANGE_DAYS} days after start."


def range_or_400(start, end, *, default_start: date, default_days: int) -> tuple[date, date]:
    try:
        return parse_range(start, end, default_start=default_start, default_days=default_days, max_days=MAX_RANGE_DAYS)
    except ValueError as error:
        raise HttpError(400, str(error)) from None


def school_year_range_or_400(start, end) -> tuple[date, date]:
    """The asked range; by default the current school year (1 September to 31 August)."""
    first, last = school_year_bounds(school_year_of(clock.today()))
    if not start and not end:
        return first, last
    return range_or_400(start, end, default_start=first, default_days=(last - first).days + 1)


class RangeListing(Schema):
    """The frame of every calendar list: the range answered (after defaults), its language and how many items; each
    list adds its `items`."""

    start: date
    end: date
    locale: str
    count: int


def range_listing(first: date, last: date, locale, items: list) -> dict:
    """A RangeListing's content for ``items`` in ``locale`` (a wagtail Locale)."""
    return {"start": first, "end": last, "locale": locale.language_code, "count": len(items), "items": items}
