"""Dates in the reader's language, school years and month grids.

Django's Kazakh locale has no date formats (dates would come out in the English "N j, Y" order) and its
weekday names and abbreviations are partly wrong ("Жума" for жұма, "Сб" for both сейсенбі and сенбі), so the
calendars format dates with their own translated names and patterns:

- kk: "2026 жылғы 26 қазан", ru: "26 октября 2026 г.", en: "26 October 2026";
- month captions: "Қазан 2026", "Октябрь 2026", "October 2026";
- weeks start on Monday.
"""

import calendar
from datetime import date, datetime, timedelta

from django.utils.translation import pgettext, pgettext_lazy

# Month names as headings (nominative, capitalised).
MONTHS = [
    pgettext_lazy("month", "January"),
    pgettext_lazy("month", "February"),
    pgettext_lazy("month", "March"),
    pgettext_lazy("month", "April"),
    pgettext_lazy("month", "May"),
    pgettext_lazy("month", "June"),
    pgettext_lazy("month", "July"),
    pgettext_lazy("month", "August"),
    pgettext_lazy("month", "September"),
    pgettext_lazy("month", "October"),
    pgettext_lazy("month", "November"),
    pgettext_lazy("month", "December"),
]
# Month names inside a date: kk lower case ("26 қазан"), ru genitive ("26 октября").
MONTHS_IN_DATE = [
    pgettext_lazy("month in a date", "January"),
    pgettext_lazy("month in a date", "February"),
    pgettext_lazy("month in a date", "March"),
    pgettext_lazy("month in a date", "April"),
    pgettext_lazy("month in a date", "May"),
    pgettext_lazy("month in a date", "June"),
    pgettext_lazy("month in a date", "July"),
    pgettext_lazy("month in a date", "August"),
    pgettext_lazy("month in a date", "September"),
    pgettext_lazy("month in a date", "October"),
    pgettext_lazy("month in a date", "November"),
    pgettext_lazy("month in a date", "December"),
]
WEEKDAYS = [
    pgettext_lazy("weekday", "Monday"),
    pgettext_lazy("weekday", "Tuesday"),
    pgettext_lazy("weekday", "Wednesday"),
    pgettext_lazy("weekday", "Thursday"),
    pgettext_lazy("weekday", "Friday"),
    pgettext_lazy("weekday", "Saturday"),
    pgettext_lazy("weekday", "Sunday"),
]
WEEKDAYS_SHORT = [
    pgettext_lazy("weekday abbreviation", "Mon"),
    pgettext_lazy("weekday abbreviation", "Tue"),
    pgettext_lazy("weekday abbreviation", "Wed"),
    pgettext_lazy("weekday abbreviation", "Thu"),
    pgettext_lazy("weekday abbreviation", "Fri"),
    pgettext_lazy("weekday abbreviation", "Sat"),
    pgettext_lazy("weekday abbreviation", "Sun"),
]

SCHOOL_YEAR_FIRST_MONTH = 9


def month_name(month: int) -> str:
    return str(MONTHS[month - 1])


def format_month(year: int, month: int) -> str:
    """'Қазан 2026' / 'Октябрь 2026' / 'October 2026'."""
    return pgettext("month and year", "%(month)s %(year)s") % {"month": month_name(month), "year": year}


def _day_month(day: date) -> str:
    return pgettext("day and month", "%(day)s %(month)s") % {"day": day.day, "month": MONTHS_IN_DATE[day.month - 1]}


def format_date(day: date) -> str:
    """'2026 жылғы 26 қазан' / '26 октября 2026 г.' / '26 October 2026'."""
    return pgettext("date", "%(day)s %(month)s %(year)s") % {
        "day": day.day,
        "month": MONTHS_IN_DATE[day.month - 1],
        "year": day.year,
    }


def format_date_with_weekday(day: date) -> str:
    return pgettext("date with weekday", "%(weekday)s, %(date)s") % {
        "weekday": WEEKDAYS[day.weekday()],
        "date": format_date(day),
    }


def format_day_without_year(day: date) -> str:
    return _day_month(day)


def format_date_range(start: date, end: date | None) -> str:
    """One date, or a range written the way each language writes it: '19–28 October 2026'."""
    if end is None or end == start:
        return format_date(start)
    if start.year == end.year and start.month == end.month:
        return pgettext("date", "%(day)s %(month)s %(year)s") % {
            "day": f"{start.day}–{end.day}",
            "month": MONTHS_IN_DATE[start.month - 1],
            "year": start.year,
        }
    if start.year == end.year:
        return pgettext("date range within a year", "%(start)s – %(end)s %(year)s") % {
            "start": _day_month(start),
            "end": _day_month(end),
            "year": start.year,
        }
    return f"{format_date(start)} – {format_date(end)}"


def format_time(moment) -> str:
    return f"{moment.hour:02d}:{moment.minute:02d}"


def school_year_bounds(start_year: int) -> tuple[date, date]:
    """1 September of ``start_year`` to 31 August of the next year, both included."""
    return date(start_year, SCHOOL_YEAR_FIRST_MONTH, 1), date(start_year + 1, SCHOOL_YEAR_FIRST_MONTH, 1) - timedelta(days=1)


def school_year_of(day: date) -> int:
    """The year a school year starts in: 2026 for any day from 1 September 2026 to 31 August 2027."""
    return day.year if day.month >= SCHOOL_YEAR_FIRST_MONTH else day.year - 1


def school_year_label(start_year: int) -> str:
    return f"{start_year}–{start_year + 1}"


def school_year_months(start_year: int) -> list[tuple[int, int]]:
    """(year, month) for September to August."""
    months = []
    for offset in range(12):
        month = (SCHOOL_YEAR_FIRST_MONTH - 1 + offset) % 12 + 1
        months.append((start_year if month >= SCHOOL_YEAR_FIRST_MONTH else start_year + 1, month))
    return months


def month_bounds(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1


def month_weeks(year: int, month: int) -> list[list[date]]:
    """The weeks (Monday to Sunday) that show a month, including the days of the neighbouring months."""
    return calendar.Calendar(firstweekday=calendar.MONDAY).monthdatescalendar(year, month)


CALENDAR_YEARS = (2000, 2100)  # the years the calendars show and the API answers for; outside, a clear 400
EARLIEST, LATEST = date(CALENDAR_YEARS[0], 1, 1), date(CALENDAR_YEARS[1], 12, 31)


def parse_iso_date(value: str, *, name: str) -> date:
    """A YYYY-MM-DD date within the calendar years, or ValueError with a message naming the parameter."""
    try:
        day = date.fromisoformat(value.strip())
    except (AttributeError, ValueError):
        raise ValueError(f"{name} must be a date written as YYYY-MM-DD, not {value!r}.") from None
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"{name} must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}, not {day.isoformat()}.")
    return day


def parse_range(start: str | None, end: str | None, *, default_start: date, default_days: int, max_days: int) -> tuple[date, date]:
    """Both ends of an inclusive date range from query parameters, checked; ValueError carries the message. A range
    whose end is left to its default stops at the last calendar day."""
    first = parse_iso_date(start, name="start") if start else default_start
    last = parse_iso_date(end, name="end") if end else min(first + timedelta(days=default_days - 1), LATEST)
    if last < first:
        raise ValueError(f"end ({last.isoformat()}) is before start ({first.isoformat()}).")
    if (last - first).days + 1 > max_days:
        raise ValueError(f"The range from start to end may cover at most {max_days} days; ask for a shorter range.")
    return first, last


def to_date(value) -> date:
    return value.date() if isinstance(value, datetime) else value
