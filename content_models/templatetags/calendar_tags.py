"""Template filters of the calendars: dates in the reader's language, ISO values for <time datetime>."""

from datetime import date, datetime

from django import template

from content_models.calendars import dates
from content_models.calendars.routes import file_path

register = template.Library()


@register.filter
def cal_date(value):
    """'2026 жылғы 26 қазан' / '26 октября 2026 г.' / '26 October 2026'."""
    if isinstance(value, datetime):
        value = value.date()
    return dates.format_date(value) if isinstance(value, date) else ""


@register.filter
def cal_date_weekday(value):
    return dates.format_date_with_weekday(value) if isinstance(value, date) else ""


@register.filter
def cal_day(value):
    """Day and month without the year: '26 қазан'."""
    return dates.format_day_without_year(value) if isinstance(value, date) else ""


@register.filter
def cal_range(start, end):
    return dates.format_date_range(start, end) if isinstance(start, date) else ""


@register.filter
def iso(value):
    return value.isoformat() if hasattr(value, "isoformat") else ""


@register.filter
def starts_on(occurrence, day):
    return occurrence.starts_on(day)


@register.simple_tag
def page_file(page, name):
    """Relative address of a page's file route (event.ics, schedule.csv)."""
    return (page.url or "") + file_path(page, name)
