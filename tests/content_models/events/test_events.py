"""EventPage and EventIndexPage: tree rules, admin create and validation, render, API contract, translation."""

from datetime import date, time

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from icalendar import Calendar
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from content_models.calendars import clock
from content_models.events import EventIndexPage, EventPage, EventType, NotableDatesPage
from content_models.home.models import HomePage
from content_models.translation.store import translated_copy, translation_sync
from tests import factories


def _event_form(**overrides):
    data = {
        "title": "Жазушымен кездесу",
        "slug": "zhazushymen-kezdesu",
        "intro": rich_text("Оқушылар жазушымен кездеседі."),
        "start_date": "2031-05-12",
        "start_time": "",
        "end_date": "",
        "end_time": "",
        "repeat": "",
        "recurrence_rule": "",
        "repeat_until": "",
        "exception_dates": "",
        "event_type": "",
        "region": "almaty",
        "venue": "Қалалық балалар кітапханасы",
        "organiser": "",
        "online_url": "",
        "registration_url": "",
        "description": rich_text(""),
        "programme_action": "2.8",
        "related_books": inline_formset([]),
    }
    audiences = overrides.pop("audiences", [])
    data.update(overrides)
    form = nested_form_data(data)
    form["audiences"] = audiences
    return form


class EventPageAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.user = self.login()
        self.calendar = EventIndexPage.objects.get(locale__language_code="kk")

    def test_events_and_notable_dates_live_under_the_calendar(self):
        self.assertAllowedParentPageTypes(EventIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(EventIndexPage, {EventPage, NotableDatesPage})
        self.assertAllowedParentPageTypes(EventPage, {EventIndexPage})
        self.assertAllowedSubpageTypes(EventPage, set())

    def test_editor_creates_a_yearly_event_on_the_last_monday_of_october(self):
        self.assertCanCreate(self.calendar, EventPage, _event_form(
            title="Мектеп кітапханалары күні", slug="kitaphana-kuni", start_date="2026-10-26", repeat="last_monday_october",
            exception_dates="25.10.2027", audiences=["pupils", "librarians"],
        ))
        page = EventPage.objects.get(slug="kitaphana-kuni")
        assert page.rule == "FREQ=YEARLY;BYMONTH=10;BYDAY=-1MO"
        assert page.exception_dates == "2027-10-25"
        assert page.audience_codes == ["pupils", "librarians"]

    def test_a_start_off_the_rule_is_refused_with_the_first_real_date(self):
        response = self.client.post(
            f"/admin/pages/add/content_models/eventpage/{self.calendar.pk}/",
            _event_form(start_date="2026-10-20", repeat="last_monday_october"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "26.10.2026")
        self.assertFalse(EventPage.objects.filter(slug="zhazushymen-kezdesu").exists())

    def test_a_broken_custom_rule_is_refused_with_a_message(self):
        response = self.client.post(
            f"/admin/pages/add/content_models/eventpage/{self.calendar.pk}/",
            _event_form(repeat="custom", recurrence_rule="FREQ=SOMETIMES"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "FREQ=DAILY, WEEKLY, MONTHLY")


@pytest.mark.django_db
def test_an_event_cannot_end_before_it_starts():
    page = EventPage(title="x", slug="x", start_date=date(2031, 5, 12), end_date=date(2031, 5, 10))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end_date" in error.value.message_dict
    same_day = EventPage(title="x", slug="x", start_date=date(2031, 5, 12), start_time=time(15), end_time=time(14))
    with pytest.raises(ValidationError) as error:
        same_day.clean()
    assert "end_time" in error.value.message_dict


@pytest.mark.django_db
def test_skipped_dates_must_be_dates_of_the_event():
    page = EventPage(title="x", slug="x", start_date=date(2026, 10, 26), repeat="last_monday_october", exception_dates="26.10.2027")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "26.10.2027" in error.value.message_dict["exception_dates"][0]


@pytest.mark.django_db
def test_the_calendars_own_paths_cannot_be_event_slugs():
    page = EventPage(title="x", slug="agenda", start_date=date(2031, 5, 12))
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "slug" in error.value.message_dict


@pytest.mark.django_db
def test_event_page_shows_next_dates_and_an_add_to_calendar_link(client):
    page = factories.event("Кітапханашылар күні", slug="kitaphanashylar-kuni", start_date=date(2024, 10, 28), repeat="last_monday_october")
    with clock.frozen(date(2026, 11, 25)):
        html = client.get(page.url).content.decode()
    assert "2027 жылғы 25 қазан" in html and "2028 жылғы 30 қазан" in html
    assert "2026 жылғы 26 қазан" not in html
    assert f'href="{page.url}event.ics"' in html


@pytest.mark.django_db
def test_one_event_downloads_as_an_ics_file(client):
    page = factories.event("Онлайн семинар", slug="online-seminar", start_date=date(2025, 3, 14), start_time=time(10), end_time=time(11, 30))
    response = client.get(f"{page.url}event.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "attachment" in response["Content-Disposition"]
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert event["DTSTART"].params["TZID"] == "Asia/Almaty"
    assert event.decoded("DTSTART").utcoffset().total_seconds() == 5 * 3600
    assert event.decoded("DTSTART").astimezone().hour is not None
    assert str(event["SUMMARY"]) == "Онлайн семинар"


@pytest.mark.django_db
def test_event_api_fields_are_exactly_the_declared_ones(client):
    kind = factories.event_type("meeting-writer-t", "Жазушымен кездесу")
    book = factories.make_book(501, "Көксерек", authors=())
    page = factories.event("API оқиғасы", slug="api-event", start_date=date(2031, 5, 12), start_time=time(10), event_type=kind, books=[book], audiences=["pupils"])
    data = client.get(f"/api/v3/pages/{page.pk}/").json()
    declared = {field.name for field in EventPage.api_fields}
    assert set(data) - {"id", "title", "meta"} == declared
    assert data["start"] == "2031-05-12T10:00:00+05:00"
    assert data["event_type_info"] == {"id": kind.pk, "code": "meeting-writer-t", "name": "Жазушымен кездесу"}
    assert data["books"][0]["title"] == "Көксерек" and data["books"][0]["url"].startswith("http")
    assert data["ics_url"].endswith("/api-event/event.ics")


@pytest.mark.django_db
def test_an_event_translates_with_its_type_and_links_the_books_in_the_readers_language(client):
    kind = factories.event_type("campaign-t", "Оқу акциясы")
    translation_sync(kind, {"ru": translated_copy(kind, name="Читательская акция")})
    book = factories.make_book(502, "Абай жолы", authors=())
    ru_book = translation_sync(book, {"ru": translated_copy(book, title="Путь Абая")})["ru"]
    page = factories.event("Бір ел – бір кітап", slug="bir-el-bir-kitap", start_date=date(2031, 3, 1), end_date=date(2031, 4, 30), event_type=kind, books=[book], venue="Барлық мектептерде")
    ru = translation_sync(page, {"ru": translated_copy(page, title="Одна страна – одна книга", venue="Во всех школах")})["ru"]
    ru = EventPage.objects.get(pk=ru.pk)
    assert ru.event_type == EventType.objects.get(slug="campaign-t", locale__language_code="ru")
    assert (ru.start_date, ru.end_date) == (date(2031, 3, 1), date(2031, 4, 30))
    html = client.get(ru.url).content.decode()
    assert "Во всех школах" in html and "Читательская акция" in html
    assert f'href="{ru_book.url}"' in html and "Путь Абая" in html


@pytest.mark.django_db
def test_events_are_in_the_sitemap_only_when_live():
    live = factories.event("Тірі оқиға", slug="live-event")
    draft = factories.event("Жоба оқиға", slug="draft-event", live=False)
    xml = Client().get("/sitemap.xml").content.decode()
    assert live.url in xml
    assert "draft-event" not in xml
    assert draft.pk
