"""RFC 5545 rules: presets, validation, exception dates and expansion into occurrences."""

from datetime import date, datetime, time

import pytest
from django.utils import translation

from content_models.calendars.recurrence import (
    PRESET_RULES,
    RecurrenceError,
    Span,
    dates_parse,
    rule_check,
    rule_check_start,
    rule_last_day,
    rule_normalise,
    span_bounds,
    spans_between,
    spans_next,
)

LAST_MONDAY_OF_OCTOBER = PRESET_RULES["last_monday_october"]


@pytest.fixture(autouse=True)
def english():
    """The messages are checked in English (editors see them in their admin language)."""
    with translation.override("en"):
        yield


def test_last_monday_of_october_falls_on_the_right_days():
    first = span_bounds(date(2026, 10, 26), None, None, None)
    days = [span.first_day for span in spans_between(first, rule=LAST_MONDAY_OF_OCTOBER, window_start=date(2026, 1, 1), window_end=date(2029, 12, 31))]
    assert days == [date(2026, 10, 26), date(2027, 10, 25), date(2028, 10, 30), date(2029, 10, 29)]


def test_a_timed_yearly_event_keeps_its_wall_clock_time():
    first = span_bounds(date(2024, 10, 28), time(10, 0), None, time(12, 0))
    spans = spans_between(first, rule=LAST_MONDAY_OF_OCTOBER, window_start=date(2025, 10, 1), window_end=date(2025, 10, 31))
    assert spans == [Span(datetime(2025, 10, 27, 10), datetime(2025, 10, 27, 12), False)]


def test_skipped_dates_and_the_last_repetition_are_honoured():
    first = span_bounds(date(2026, 9, 25), time(11), None, time(12))
    spans = spans_between(
        first, rule="FREQ=MONTHLY;BYDAY=-1FR", until=date(2027, 5, 31), exdates=[date(2027, 3, 26)],
        window_start=date(2026, 9, 1), window_end=date(2027, 12, 31),
    )
    days = [span.first_day for span in spans]
    assert date(2027, 3, 26) not in days
    assert days[0] == date(2026, 9, 25) and days[-1] == date(2027, 5, 28)
    assert len(days) == 8


def test_a_multi_day_occurrence_counts_in_every_window_it_touches():
    festival = span_bounds(date(2026, 10, 19), None, date(2026, 10, 28), None)
    rule = "FREQ=YEARLY;BYMONTH=10;BYDAY=-2MO"
    late_october = spans_between(festival, rule=rule, window_start=date(2027, 10, 27), window_end=date(2027, 10, 31))
    assert [(span.first_day, span.last_day) for span in late_october] == [(date(2027, 10, 18), date(2027, 10, 27))]
    assert len(late_october[0].days()) == 10


def test_a_one_off_event_is_found_only_in_its_window():
    first = span_bounds(date(2026, 12, 10), time(15), None, time(16, 30))
    assert spans_between(first, window_start=date(2026, 12, 1), window_end=date(2026, 12, 31)) == [first]
    assert spans_between(first, window_start=date(2026, 12, 11), window_end=date(2026, 12, 31)) == []


def test_rules_are_normalised_and_checked():
    assert rule_normalise(" rrule: freq=yearly; bymonth=10 ;") == "FREQ=YEARLY;BYMONTH=10"
    assert rule_check("freq=monthly;byday=-1fr") == "FREQ=MONTHLY;BYDAY=-1FR"
    for bad, message in [
        ("", "Write the rule"),
        ("BYMONTH=10", "frequency"),
        ("FREQ=HOURLY", "at most daily"),
        ("FREQ=WEEKLY;UNTIL=20271231", "Repeat until"),
        ("FREQ=YEARLY;BYDAY=XX", "not a valid"),
    ]:
        with pytest.raises(RecurrenceError, match=message):
            rule_check(bad)


def test_the_start_must_be_one_of_the_rules_dates():
    rule_check_start(LAST_MONDAY_OF_OCTOBER, datetime(2026, 10, 26))
    with pytest.raises(RecurrenceError, match="26.10.2026"):
        rule_check_start(LAST_MONDAY_OF_OCTOBER, datetime(2026, 10, 20))
    with pytest.raises(RecurrenceError, match="no dates"):
        rule_check_start("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", datetime(2026, 2, 28))


def test_skipped_dates_accept_both_usual_spellings():
    assert dates_parse("26.03.2027\n2026-12-25, 26.03.2027") == [date(2026, 12, 25), date(2027, 3, 26)]
    with pytest.raises(RecurrenceError, match="32.13.2027"):
        dates_parse("32.13.2027")


def test_next_occurrences_and_the_last_day():
    first = span_bounds(date(2024, 10, 28), None, None, None)
    assert [span.first_day for span in spans_next(first, rule=LAST_MONDAY_OF_OCTOBER, after=date(2026, 11, 25), count=2)] == [date(2027, 10, 25), date(2028, 10, 30)]
    assert rule_last_day(first, LAST_MONDAY_OF_OCTOBER, None) is None
    assert rule_last_day(first, LAST_MONDAY_OF_OCTOBER, date(2027, 12, 31)) == date(2027, 10, 25)
    assert rule_last_day(first, "", None) == date(2024, 10, 28)
