"""NotableDatesPage: editors' dates plus authors' round anniversaries for a school year; print view and feed."""

from datetime import date

import pytest
from icalendar import Calendar
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from content_models.events import EventIndexPage, NotableDatesPage
from content_models.events.notable import anniversaries_of, is_round
from content_models.translation.store import translated_copy, translation_sync
from tests import factories


def test_round_anniversaries_are_every_five_years_from_25_and_every_25_from_100():
    assert [n for n in range(0, 260) if is_round(n)] == [25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90, 95, 100, 125, 150, 175, 200, 225, 250]


def test_anniversaries_fall_in_the_school_year_they_belong_to():
    # Gogol died on 4 March 1852: 175 years on 4 March 2027, in the school year 2026–2027.
    assert anniversaries_of(birth_date=date(1809, 4, 1), death_date=date(1852, 3, 4), school_year=2026) == [("death", 175, date(2027, 3, 4), 2027)]
    # Shakarim died on 2 October 1931: 95 years in October 2026 (2026–2027), not in 2025–2026.
    assert anniversaries_of(birth_date=date(1858, 7, 11), death_date=date(1931, 10, 2), school_year=2026) == [("death", 95, date(2026, 10, 2), 2026)]
    assert anniversaries_of(birth_date=date(1858, 7, 11), death_date=date(1931, 10, 2), school_year=2025) == []
    # A birthday in August belongs to the school year that ends that August.
    assert anniversaries_of(birth_date=date(1802, 7, 24), school_year=2026) == [("birth", 225, date(2027, 7, 24), 2027)]
    assert anniversaries_of(birth_date=date(1902, 8, 31), school_year=2026) == [("birth", 125, date(2027, 8, 31), 2027)]
    assert anniversaries_of(birth_date=date(1926, 9, 1), school_year=2026) == [("birth", 100, date(2026, 9, 1), 2026)]


def test_a_29_february_birthday_is_kept_on_28_february_in_common_years():
    assert anniversaries_of(birth_date=date(1952, 2, 29), school_year=2026) == [("birth", 75, date(2027, 2, 28), 2027)]


def test_authors_known_only_by_year_are_listed_under_the_january_year():
    assert anniversaries_of(birth_year=1877, school_year=2026) == [("birth", 150, None, 2027)]
    assert anniversaries_of(birth_year=1876, school_year=2025) == [("birth", 150, None, 2026)]
    assert anniversaries_of(birth_year=1877, school_year=2025) == []


@pytest.mark.django_db
def test_the_page_lists_editors_dates_and_computed_anniversaries_with_the_authors_books(client):
    gogol = factories.author("Николай Гоголь Т", birth_date=date(1809, 4, 1), death_date=date(1852, 3, 4))
    factories.author("Туған жылы белгілі автор", birth_year=1877)
    factories.author("Мерейтойы жоқ автор", birth_date=date(1950, 6, 1))
    revizor = factories.make_book(601, "Ревизор Т", authors=[gogol])
    page = factories.notable_page(2026, dates=[(date(2026, 10, 26), "Халықаралық мектеп кітапханалары күні", "professional")], slug="atauly-test")
    html = client.get(page.url).content.decode()
    assert "Халықаралық мектеп кітапханалары күні" in html
    assert "Николай Гоголь Т – қайтыс болғанына 175 жыл" in html
    assert f'href="{revizor.url}"' in html
    assert "Туған жылы белгілі автор – туғанына 150 жыл" in html
    assert "2027 жылғы нақты күні белгісіз мерейтойлар" in html
    assert "Мерейтойы жоқ автор" not in html
    assert html.index("Қазан 2026") < html.index("Наурыз 2027")


@pytest.mark.django_db
def test_anniversaries_use_the_authors_name_in_the_pages_language(client):
    kk_author = factories.author("Ғабит Мүсірепов Т", birth_date=date(1902, 3, 22), death_date=date(1985, 12, 31))
    translation_sync(kk_author, {"ru": translated_copy(kk_author, name="Габит Мусрепов Т")})
    page = factories.notable_page(2026, slug="atauly-ru-test")
    ru = translation_sync(page, {"ru": translated_copy(page, title="Знаменательные даты")})["ru"]
    html = client.get(ru.url).content.decode()
    assert "Габит Мусрепов Т — 125 лет со дня рождения" in html
    assert "22 марта" in html


@pytest.mark.django_db
def test_print_view_and_calendar_file(client):
    factories.author("Стефан Цвейг Т", birth_date=date(1881, 11, 28), death_date=date(1942, 2, 22))
    factories.author("Жылы ғана белгілі Т", death_year=1927)
    page = factories.notable_page(2026, dates=[(date(2026, 12, 16), "Тәуелсіздік күні", "holiday")], slug="atauly-print")
    printed = client.get(f"{page.url}print/")
    assert printed.status_code == 200
    text = printed.content.decode()
    assert "Тәуелсіздік күні" in text and "site-header" not in text
    response = client.get(f"{page.url}notable-dates.ics")
    assert response.status_code == 200
    cal = Calendar.from_ical(response.content)
    summaries = {str(event["SUMMARY"]): event for event in cal.walk("VEVENT")}
    assert summaries["Тәуелсіздік күні"].decoded("DTSTART") == date(2026, 12, 16)
    assert summaries["Стефан Цвейг Т – қайтыс болғанына 85 жыл"].decoded("DTSTART") == date(2027, 2, 22)
    assert not any("Жылы ғана белгілі" in summary for summary in summaries)  # no day, so not in the file
    assert client.get(f"{page.url}notable-dates.ics").content == response.content


@pytest.mark.django_db
def test_notable_dates_api_fields_are_exactly_the_declared_ones(client):
    page = factories.notable_page(2026, dates=[(date(2027, 4, 23), "Дүниежүзілік кітап күні", "international")], slug="atauly-api")
    data = client.get(f"/api/v3/pages/{page.pk}/").json()
    assert set(data) - {"id", "title", "meta"} == {field.name for field in NotableDatesPage.api_fields}
    assert data["school_year_label"] == "2026–2027"
    entry = next(item for item in data["entries_api"] if item["title"] == "Дүниежүзілік кітап күні")
    assert entry["date"] == "2027-04-23" and entry["kind"] == "international"


class NotableDatesAdminTests(WagtailPageTestCase):
    def setUp(self):
        self.user = self.login()
        self.calendar = EventIndexPage.objects.get(locale__language_code="kk")

    def _form(self, **overrides):
        data = {
            "title": "Атаулы күндер 2030", "slug": "atauly-2030", "intro": rich_text(""), "school_year": "2030", "show_anniversaries": "on",
            "dates": inline_formset([{"date": "2030-10-28", "title": "Мектеп кітапханалары күні", "kind": "professional", "description": "", "link_page": ""}]),
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_notable_dates_pages_sit_under_the_calendar(self):
        self.assertAllowedParentPageTypes(NotableDatesPage, {EventIndexPage})

    def test_editor_creates_a_notable_dates_page(self):
        self.assertCanCreate(self.calendar, NotableDatesPage, self._form())
        page = NotableDatesPage.objects.get(slug="atauly-2030")
        self.assertEqual([item.title for item in page.dates.all()], ["Мектеп кітапханалары күні"])

    def test_a_date_outside_the_school_year_is_refused(self):
        response = self.client.post(
            f"/admin/pages/add/content_models/notabledatespage/{self.calendar.pk}/",
            self._form(dates=inline_formset([{"date": "2031-09-01", "title": "Кейінгі", "kind": "other", "description": "", "link_page": ""}])),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "2030–2031")
        self.assertFalse(NotableDatesPage.objects.filter(slug="atauly-2030").exists())

    def test_a_second_page_for_the_same_school_year_is_refused(self):
        factories.notable_page(2026, slug="atauly-2026")
        response = self.client.post(
            f"/admin/pages/add/content_models/notabledatespage/{self.calendar.pk}/",
            self._form(school_year="2026", slug="atauly-again", dates=inline_formset([])),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "2026–2027")
        self.assertFalse(NotableDatesPage.objects.filter(slug="atauly-again").exists())
