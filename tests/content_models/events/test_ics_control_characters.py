"""A title or place with line breaks or control characters stored before the plain-text checks (or around them)
never breaks the iCalendar files: the event's own .ics and the calendar's feed answer 200 with valid iCalendar.
(PostgreSQL cannot store NUL at all, so the stored control character here is ESC.)"""

from datetime import date, time

import pytest
from icalendar import Calendar

from content_models.events import EventPage
from tests import factories

pytestmark = pytest.mark.django_db


def _stored_around_the_checks():
    page = factories.event("Жазушымен кездесу", slug="kezdesu", start_date=date(2031, 5, 12), start_time=time(15))
    EventPage.objects.filter(pk=page.pk).update(
        title="Жазушымен\r\nкездесу\x1b", venue="Қалалық кітапхана\n№ 5", organiser="Әдіскер\rбөлімі", intro="<p>Келіңіз\x01!</p>",
    )
    return EventPage.objects.get(pk=page.pk)


def test_an_event_title_with_cr_lf_stored_directly_still_downloads_as_ics(client):
    page = _stored_around_the_checks()
    response = client.get(f"{page.url}event.ics")
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Жазушымен кездесу"
    event = calendar.walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Жазушымен кездесу"
    assert str(event["LOCATION"]) == "Қалалық кітапхана № 5"
    assert "Келіңіз!" in str(event["DESCRIPTION"]) and "Әдіскер\nбөлімі" in str(event["DESCRIPTION"])
    for line in response.content.split(b"\r\n"):
        assert b"\r" not in line and b"\n" not in line and b"\x1b" not in line


def test_the_calendar_feed_survives_a_stored_cr_lf_title(client):
    _stored_around_the_checks()
    response = client.get(f"{factories.calendar().url}events.ics")
    assert response.status_code == 200
    summaries = [str(event["SUMMARY"]) for event in Calendar.from_ical(response.content).walk("VEVENT")]
    assert "Жазушымен кездесу" in summaries
