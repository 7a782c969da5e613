"""The portal's calendar clock: dates and times in Asia/Almaty, with a "today" that tests can set.

Calendar logic takes ``today`` as an argument where it can; views ask :func:`today`, which tests freeze with
``with clock.frozen(date(2026, 11, 25)):`` instead of mocking.
"""

from contextlib import contextmanager
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

CALENDAR_TZ_NAME = "Asia/Almaty"
# Kazakhstan moved to a single time zone, UTC+5, on 1 March 2024 (IANA tzdata 2024a).
ALMATY_OFFSET_SINCE_2024 = timedelta(hours=5)

_frozen_today: date | None = None


def calendar_tz() -> ZoneInfo:
    return ZoneInfo(CALENDAR_TZ_NAME)


def today() -> date:
    """Today's date in Almaty (or the date frozen by :func:`frozen`)."""
    if _frozen_today is not None:
        return _frozen_today
    return timezone.localtime(timezone.now(), calendar_tz()).date()


def now() -> datetime:
    """The current time in Almaty; at noon of the frozen day when the clock is frozen."""
    if _frozen_today is not None:
        return datetime(_frozen_today.year, _frozen_today.month, _frozen_today.day, 12, tzinfo=calendar_tz())
    return timezone.localtime(timezone.now(), calendar_tz())


@contextmanager
def frozen(day: date):
    """Make :func:`today` return ``day`` inside the block (tests, demo loading)."""
    global _frozen_today
    previous = _frozen_today
    _frozen_today = day
    try:
        yield day
    finally:
        _frozen_today = previous


def tz_data_is_current() -> bool:
    """True when the installed time-zone data knows Almaty's move to UTC+5 on 1 March 2024."""
    return datetime(2024, 6, 1, 12, tzinfo=calendar_tz()).utcoffset() == ALMATY_OFFSET_SINCE_2024
