"""iCalendar (RFC 5545) output shared by the event, notable-date and exhibition feeds.

Every feed carries a VTIMEZONE for Asia/Almaty built from the installed tz data, so calendar apps that do
not know the 2024 change to UTC+5 still place events correctly. UIDs are built from translation keys and the
language, so they stay the same across requests and edits, and differ between the kk, ru and en feeds.
Text goes in without control characters, and names on one line, whatever is stored: icalendar refuses a line
break it did not escape itself (a title with CR/LF would otherwise make the feed fail).
"""

import functools
import html
import re
from datetime import date, datetime, time, timedelta
from datetime import timezone as dt_timezone

from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.html import strip_tags
from django.utils.text import slugify
from icalendar import Calendar, Event, Timezone, vRecur

from content_models.calendars.clock import CALENDAR_TZ_NAME, calendar_tz
from content_models.calendars.recurrence import Span
from content_models.core.text import one_line, without_controls

PRODID_TEMPLATE = "-//Balalar kitaphanasy//Portal//{language}"
UID_DOMAIN = "kitaphana.kz"
FEED_REFRESH = timedelta(hours=12)


@functools.lru_cache(maxsize=1)
def almaty_vtimezone() -> Timezone:
    return Timezone.from_tzinfo(calendar_tz(), CALENDAR_TZ_NAME, first_date=date(2000, 1, 1), last_date=date(2040, 1, 1))


def prodid(language: str) -> str:
    """RFC 5545 PRODID naming the feed's language: ``-//Balalar kitaphanasy//Portal//RU``."""
    return PRODID_TEMPLATE.format(language=language.upper())


def calendar_new(name: str, *, description: str = "", language: str = "kk") -> Calendar:
    name, description = one_line(name), without_controls(description)
    cal = Calendar()
    cal.add("prodid", prodid(language))
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("name", name)
    cal.add("x-wr-timezone", CALENDAR_TZ_NAME)
    if description:
        cal.add("x-wr-caldesc", description)
        cal.add("description", description)
    cal.add("refresh-interval", FEED_REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT12H")
    cal["x-portal-language"] = language
    return cal


def calendar_with_timezone(cal: Calendar) -> Calendar:
    """Put the Almaty VTIMEZONE first when any event uses TZID=Asia/Almaty."""
    if any(component.name == "VEVENT" and not component.get("dtstart").params.get("VALUE") == "DATE" for component in cal.subcomponents):
        cal.subcomponents.insert(0, almaty_vtimezone())
    return cal


def uid(kind: str, key, language: str, *parts) -> str:
    tail = "-".join(str(part) for part in parts)
    return f"{kind}-{key}{'-' + tail if tail else ''}-{language}@{UID_DOMAIN}"


def plain_text(rich_text: str) -> str:
    """Rich text (HTML) as plain text with paragraph breaks, for DESCRIPTION."""
    text = re.sub(r"</(p|h[1-6]|li|ul|ol)>|<br\s*/?>", "\n", rich_text or "")
    text = html.unescape(strip_tags(text))
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=calendar_tz())


def event_add_times(event: Event, span: Span) -> None:
    """DTSTART/DTEND: DATE values for all-day events (DTEND exclusive), TZID=Asia/Almaty times otherwise."""
    if span.all_day:
        event.add("dtstart", span.start.date())
        event.add("dtend", span.end.date())
    else:
        event.add("dtstart", _aware(span.start))
        if span.end > span.start:
            event.add("dtend", _aware(span.end))


def event_add_recurrence(event: Event, span: Span, rule: str, until: date | None, exdates) -> None:
    """RRULE (with UNTIL in UTC for timed events, as RFC 5545 requires) and EXDATE."""
    recur = vRecur.from_ical(rule)
    if until is not None:
        if span.all_day:
            recur["UNTIL"] = [until]
        else:
            end_of_day = _aware(datetime.combine(until, time(23, 59, 59)))
            recur["UNTIL"] = [end_of_day.astimezone(dt_timezone.utc)]
    event.add("rrule", recur)
    if exdates:
        if span.all_day:
            event.add("exdate", list(exdates))
        else:
            event.add("exdate", [_aware(datetime.combine(day, span.start.time())) for day in exdates])


def event_new(*, uid_value: str, summary: str, stamp: datetime | None, description: str = "", location: str = "", url: str = "", categories=()) -> Event:
    summary, description, location = one_line(summary), without_controls(description), one_line(location)
    categories = [text for text in (one_line(category) for category in categories) if text]
    event = Event()
    event.add("uid", uid_value)
    event.add("dtstamp", (stamp or datetime(2024, 1, 1, tzinfo=dt_timezone.utc)).astimezone(dt_timezone.utc))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if url:
        event.add("url", url)
    if categories:
        event.add("categories", list(categories))
    return event


def ics_response(cal: Calendar, filename: str, *, page=None, download: bool = False) -> HttpResponse:
    """The calendar as a .ics response; shared caches may keep it for 15 minutes unless ``page`` is private."""
    response = HttpResponse(calendar_with_timezone(cal).to_ical(), content_type="text/calendar; charset=utf-8")
    safe_name = slugify(filename.rsplit(".", 1)[0]) or "calendar"
    disposition = "attachment" if download else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{safe_name}.ics"'
    private = page is not None and page.get_view_restrictions().exists()
    patch_cache_control(response, max_age=900, **({"private": True} if private else {"public": True}))
    return response
