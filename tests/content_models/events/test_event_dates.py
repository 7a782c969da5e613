"""The date an event page shows (its next occurrence, or its last when over) and the language of .ics feeds."""

from datetime import date
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar

from content_models.calendars import clock
from content_models.events import EventPage
from content_models.translation.store import translated_copy, translation_sync
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def library_day() -> dict:
    """International School Library Day as the calendars have it: yearly on the last Monday of October, first held
    on 28 October 2024; in kk with its ru and en translations, by language code."""
    kk = factories.event(
        "Халықаралық мектеп кітапханалары күні", slug="international-school-library-day", start_date=date(2024, 10, 28),
        repeat="last_monday_october", audiences=["pupils", "teachers", "librarians"], region="nationwide",
    )
    copies = translation_sync(kk, {
        "ru": translated_copy(kk, title="Международный день школьных библиотек"),
        "en": translated_copy(kk, title="International School Library Day"),
    })
    return {"kk": kk} | {code: EventPage.objects.get(pk=page.pk) for code, page in copies.items()}


def _when(html: str) -> str:
    start = html.index('class="event__when')
    return html[start:html.index("</time>", start)]


def test_a_yearly_event_shows_its_next_occurrence_not_its_first(client, library_day):
    with clock.frozen(date(2026, 10, 1)):
        html = client.get(library_day["en"].url).content.decode()
    assert 'datetime="2026-10-26' in _when(html)
    assert "26 October 2026" in _when(html)
    assert "2024" not in _when(html)
    assert "This event has already taken place." not in html


def test_after_this_years_occurrence_the_page_moves_on_to_next_year(client, library_day):
    with clock.frozen(date(2026, 11, 25)):
        html = client.get(library_day["ru"].url).content.decode()
    assert "25 октября 2027" in _when(html)
    assert "event__when--past" not in html


def test_an_event_over_for_good_shows_its_last_occurrence_marked_as_past(client):
    page = factories.event("Closed series", start_date=date(2025, 3, 3), repeat="weekly", repeat_until=date(2025, 3, 24))
    with clock.frozen(date(2026, 11, 25)):
        html = client.get(page.url).content.decode()
    assert "event__when--past" in _when(html)
    assert 'datetime="2025-03-24' in _when(html)
    assert "<dt>Өтті</dt>" in html  # "Took place", in the page's language
    assert "Бұл іс-шара өтіп кетті." in html


def test_the_api_detail_exposes_the_next_occurrence(client, library_day):
    page = library_day["kk"]
    with clock.frozen(date(2026, 11, 25)):
        data = client.get(f"/api/v3/pages/{page.pk}/").json()
    assert data["next_occurrence"] == {"start": "2027-10-25", "end": "2027-10-25", "past": False}
    assert data["start"] == "2024-10-28"  # the first occurrence stays the recurrence's anchor


def test_the_api_detail_marks_the_last_occurrence_of_a_finished_event_as_past(client):
    page = factories.event("Evening talk", start_date=date(2025, 5, 12), start_time="18:00", end_time="19:30")
    with clock.frozen(date(2026, 11, 25)):
        data = client.get(f"/api/v3/pages/{page.pk}/").json()
    assert data["next_occurrence"] == {"start": "2025-05-12T18:00:00+05:00", "end": "2025-05-12T19:30:00+05:00", "past": True}


@pytest.mark.parametrize("code", ["kk", "ru", "en"])
def test_every_languages_ics_names_its_language_in_prodid(client, library_day, code):
    page = library_day[code]
    for url in (page.ics_url, page.get_parent().specific.feed_url(None)):
        response = client.get(urlsplit(url).path)
        assert response.status_code == 200, url
        cal = Calendar.from_ical(response.content)
        assert str(cal["prodid"]) == f"-//Balalar kitaphanasy//Portal//{code.upper()}"
