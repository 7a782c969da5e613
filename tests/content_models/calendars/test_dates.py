"""Dates in kk, ru and en, school years, month grids, the Almaty clock and the installed tz data."""

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from content_models.calendars import clock
from content_models.calendars.dates import (
    add_months,
    format_date,
    format_date_range,
    format_date_with_weekday,
    format_month,
    month_weeks,
    parse_range,
    school_year_bounds,
    school_year_label,
    school_year_months,
    school_year_of,
)


@pytest.mark.parametrize(
    ("language", "expected"),
    [("kk", "2026 жылғы 26 қазан"), ("ru", "26 октября 2026 г."), ("en", "26 October 2026")],
)
def test_a_date_is_written_the_way_each_language_writes_it(language, expected):
    with translation.override(language):
        assert format_date(date(2026, 10, 26)) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("kk", "Қаңтар 2027"), ("ru", "Январь 2027"), ("en", "January 2027")],
)
def test_month_captions_use_the_nominative_month_name(language, expected):
    with translation.override(language):
        assert format_month(2027, 1) == expected


def test_every_kazakh_month_name_is_the_standard_one():
    expected = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"]
    with translation.override("kk"):
        assert [format_date(date(2027, month, 1)).split()[-1] for month in range(1, 13)] == expected
        assert [format_month(2027, month).split()[0].lower() for month in range(1, 13)] == expected


def test_kazakh_weekdays_are_spelled_correctly():
    with translation.override("kk"):
        assert format_date_with_weekday(date(2026, 10, 30)) == "2026 жылғы 30 қазан, жұма"
    with translation.override("ru"):
        assert format_date_with_weekday(date(2026, 10, 26)) == "понедельник, 26 октября 2026 г."


@pytest.mark.parametrize(
    ("language", "same_month", "two_months"),
    [
        ("kk", "2026 жылғы 19–28 қазан", "2027 жылғы 30 наурыз – 17 сәуір"),
        ("ru", "19–28 октября 2026 г.", "30 марта – 17 апреля 2027 г."),
        ("en", "19–28 October 2026", "30 March – 17 April 2027"),
    ],
)
def test_date_ranges_are_written_compactly(language, same_month, two_months):
    with translation.override(language):
        assert format_date_range(date(2026, 10, 19), date(2026, 10, 28)) == same_month
        assert format_date_range(date(2027, 3, 30), date(2027, 4, 17)) == two_months
        assert format_date_range(date(2026, 12, 28), date(2027, 1, 8)).count("202") == 2


def test_the_school_year_runs_from_september_to_august():
    assert school_year_bounds(2026) == (date(2026, 9, 1), date(2027, 8, 31))
    assert school_year_of(date(2026, 11, 25)) == 2026
    assert school_year_of(date(2027, 8, 31)) == 2026
    assert school_year_of(date(2027, 9, 1)) == 2027
    assert school_year_label(2026) == "2026–2027"
    assert school_year_months(2026)[0] == (2026, 9) and school_year_months(2026)[-1] == (2027, 8)


def test_month_grid_weeks_start_on_monday():
    weeks = month_weeks(2026, 10)
    assert weeks[0][0] == date(2026, 9, 28) and weeks[0][0].weekday() == 0
    assert weeks[-1][-1] == date(2026, 11, 1)
    assert add_months(2026, 11, 3) == (2027, 2) and add_months(2027, 1, -1) == (2026, 12)


def test_installed_tz_data_knows_almaty_moved_to_utc_plus_5():
    almaty = ZoneInfo("Asia/Almaty")
    assert clock.tz_data_is_current()
    assert datetime(2024, 2, 28, 12, tzinfo=almaty).utcoffset().total_seconds() == 6 * 3600
    assert datetime(2024, 3, 2, 12, tzinfo=almaty).utcoffset().total_seconds() == 5 * 3600


def test_ten_in_the_morning_in_almaty_is_five_utc_in_2025():
    moment = datetime(2025, 10, 27, 10, 0, tzinfo=clock.calendar_tz())
    assert moment.astimezone(timezone.utc) == datetime(2025, 10, 27, 5, 0, tzinfo=timezone.utc)


def test_the_clock_can_be_frozen_for_a_test():
    with clock.frozen(date(2026, 11, 25)):
        assert clock.today() == date(2026, 11, 25)
        assert clock.now().tzinfo.key == "Asia/Almaty"
    assert clock.today() != date(1999, 1, 1)


def test_ranges_are_checked_with_clear_messages():
    assert parse_range("2026-01-01", "2026-12-31", default_start=date(2026, 1, 1), default_days=31, max_days=400) == (date(2026, 1, 1), date(2026, 12, 31))
    assert parse_range(None, None, default_start=date(2026, 11, 25), default_days=31, max_days=400) == (date(2026, 11, 25), date(2026, 12, 25))
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_range("25.11.2026", None, default_start=date(2026, 1, 1), default_days=31, max_days=400)
    with pytest.raises(ValueError, match="before start"):
        parse_range("2026-12-01", "2026-11-01", default_start=date(2026, 1, 1), default_days=31, max_days=400)
    with pytest.raises(ValueError, match="at most 400 days"):
        parse_range("2026-01-01", "2027-02-05", default_start=date(2026, 1, 1), default_days=31, max_days=400)
