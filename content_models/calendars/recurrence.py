"""Repeating events: RFC 5545 rules (RRULE) with presets, exception dates, and expansion into occurrences.

Times are wall-clock times in Asia/Almaty, kept naive here and made aware only for output: a yearly event at
10:00 stays at 10:00 even across the 2024 change from UTC+6 to UTC+5.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.rrule import rrulestr
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

REPEAT_CHOICES = [
    ("", _("Does not repeat")),
    ("weekly", _("Every week, on the same weekday")),
    ("monthly", _("Every month, on the same day of the month")),
    ("yearly", _("Every year, on the same date")),
    ("last_monday_october", _("Every year, on the last Monday of October")),
    ("custom", _("Custom rule (RFC 5545 RRULE)")),
]
PRESET_RULES = {
    "weekly": "FREQ=WEEKLY",
    "monthly": "FREQ=MONTHLY",
    "yearly": "FREQ=YEARLY",
    "last_monday_october": "FREQ=YEARLY;BYMONTH=10;BYDAY=-1MO",
}
ALLOWED_FREQUENCIES = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
# Expanding a rule never walks further than this many occurrences (a daily rule over 25 years).
MAX_OCCURRENCES = 10_000


class RecurrenceError(ValueError):
    """A rule or date list an editor typed cannot be used; the message says why, in the editor's language."""


def rule_normalise(text: str) -> str:
    """'rrule: freq=yearly; bymonth=10 ;' → 'FREQ=YEARLY;BYMONTH=10'."""
    text = re.sub(r"\s+", "", text or "").upper()
    if text.startswith("RRULE:"):
        text = text[len("RRULE:"):]
    return text.strip(";")


def rule_parts(text: str) -> dict[str, str]:
    parts = {}
    for part in rule_normalise(text).split(";"):
        if not part:
            continue
        name, _sep, value = part.partition("=")
        parts[name] = value
    return parts


def rule_check(text: str) -> str:
    """The normalised rule, or RecurrenceError explaining what is wrong with it."""
    rule = rule_normalise(text)
    if not rule:
        raise RecurrenceError(gettext("Write the rule, for example FREQ=YEARLY;BYMONTH=10;BYDAY=-1MO."))
    parts = rule_parts(rule)
    if "FREQ" not in parts:
        raise RecurrenceError(gettext("The rule needs a frequency: FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."))
    if parts["FREQ"] not in ALLOWED_FREQUENCIES:
        raise RecurrenceError(gettext("Events repeat at most daily: use FREQ=DAILY, WEEKLY, MONTHLY or YEARLY."))
    if "UNTIL" in parts:
        raise RecurrenceError(gettext("Leave UNTIL out of the rule and fill in “Repeat until” instead."))
    if "DTSTART" in rule:
        raise RecurrenceError(gettext("Leave DTSTART out of the rule: the event's start is used."))
    try:
        rrulestr(rule, dtstart=datetime(2000, 1, 3))
    except (ValueError, TypeError, KeyError, IndexError) as error:
        raise RecurrenceError(gettext("This is not a valid RFC 5545 rule: %(error)s") % {"error": error}) from None
    return rule


def rule_for(repeat: str, custom_rule: str) -> str:
    """The RRULE text of a preset, or the editor's own rule for "custom"; '' for events that do not repeat."""
    if not repeat:
        return ""
    if repeat == "custom":
        return rule_normalise(custom_rule)
    return PRESET_RULES[repeat]


def rule_build(rule: str, dtstart: datetime, until: date | None = None):
    """A dateutil rrule for naive local ``dtstart``; ``until`` (a date) includes that whole day."""
    recurrence = rrulestr(rule, dtstart=dtstart)
    if until is not None:
        recurrence = recurrence.replace(until=datetime.combine(until, time(23, 59, 59)))
    return recurrence


def rule_check_start(rule: str, dtstart: datetime, until: date | None = None) -> None:
    """RFC 5545 counts the start as the first occurrence; dateutil does not when the start breaks the rule.
    Requiring the start to follow the rule keeps the website, the feeds and calendar apps in agreement."""
    recurrence = rule_build(rule, dtstart, until)
    first = recurrence.after(dtstart, inc=True)
    if first is None:
        raise RecurrenceError(gettext("The rule gives no dates after the start of the event."))
    if first != dtstart:
        raise RecurrenceError(
            gettext("The start date does not follow the rule: the first date the rule gives is %(date)s. Start the event on that date or change the rule.")
            % {"date": first.date().strftime("%d.%m.%Y")}
        )


DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


def dates_parse(text: str) -> list[date]:
    """Dates separated by new lines, commas or spaces, written 25.10.2027 or 2027-10-25; sorted, no repeats."""
    found = set()
    for token in re.split(r"[\s,;]+", text or ""):
        if not token:
            continue
        for pattern in DATE_FORMATS:
            try:
                found.add(datetime.strptime(token, pattern).date())
                break
            except ValueError:
                continue
        else:
            raise RecurrenceError(
                gettext("“%(value)s” is not a date: write dates as 25.10.2027 or 2027-10-25.") % {"value": token}
            )
    return sorted(found)


def dates_format(dates: list[date]) -> str:
    return "\n".join(day.isoformat() for day in dates)


@dataclass(frozen=True)
class Span:
    """One occurrence in local wall-clock time; ``end`` is exclusive for all-day events (the next midnight)."""

    start: datetime
    end: datetime
    all_day: bool

    @property
    def first_day(self) -> date:
        return self.start.date()

    @property
    def last_day(self) -> date:
        """The last calendar day the occurrence touches."""
        if self.end <= self.start:
            return self.start.date()
        return (self.end - timedelta(microseconds=1)).date()

    def days(self) -> list[date]:
        day, last, out = self.first_day, self.last_day, []
        while day <= last:
            out.append(day)
            day += timedelta(days=1)
        return out


def span_bounds(start_date: date, start_time: time | None, end_date: date | None, end_time: time | None) -> Span:
    """The first occurrence of an event from its form fields (an all-day event has no start time)."""
    if start_time is None:
        last = end_date or start_date
        return Span(datetime.combine(start_date, time.min), datetime.combine(last + timedelta(days=1), time.min), True)
    start = datetime.combine(start_date, start_time)
    if end_time is None:
        end = datetime.combine(end_date, time.min) if end_date and end_date > start_date else start
    else:
        end = datetime.combine(end_date or start_date, end_time)
    return Span(start, end, False)


def spans_between(first: Span, *, rule: str = "", until: date | None = None, exdates=(), window_start: date, window_end: date) -> list[Span]:
    """Occurrences that overlap the days ``window_start``…``window_end`` (both included), in order."""
    low = datetime.combine(window_start, time.min)
    high = datetime.combine(window_end + timedelta(days=1), time.min)
    duration = first.end - first.start

    def overlaps(start: datetime) -> bool:
        end = start + duration
        return start < high and (end > low if duration else start >= low)

    if not rule:
        return [first] if overlaps(first.start) else []
    skipped = set(exdates)
    recurrence = rule_build(rule, first.start, until)
    spans = []
    for start in recurrence.xafter(low - duration, inc=True):
        if start >= high or len(spans) >= MAX_OCCURRENCES:
            break
        if start.date() in skipped or not overlaps(start):
            continue
        spans.append(Span(start, start + duration, first.all_day))
    return spans


def spans_next(first: Span, *, rule: str = "", until: date | None = None, exdates=(), after: date, count: int) -> list[Span]:
    """The next ``count`` occurrences that have not ended before ``after``."""
    if not rule:
        return [first] if first.last_day >= after else []
    skipped = set(exdates)
    duration = first.end - first.start
    spans = []
    low = datetime.combine(after, time.min) - duration
    for start in rule_build(rule, first.start, until).xafter(low, inc=True):
        if start.date() in skipped:
            continue
        span = Span(start, start + duration, first.all_day)
        if span.last_day < after:
            continue
        spans.append(span)
        if len(spans) >= count:
            break
    return spans


def rule_last_day(first: Span, rule: str, until: date | None) -> date | None:
    """The last day the event happens on, or None when it repeats for ever."""
    if not rule:
        return first.last_day
    parts = rule_parts(rule)
    if until is None and "COUNT" not in parts:
        return None
    last = None
    for index, start in enumerate(rule_build(rule, first.start, until)):
        last = start
        if index >= MAX_OCCURRENCES:
            break
    if last is None:
        return first.last_day
    return Span(last, last + (first.end - first.start), first.all_day).last_day
