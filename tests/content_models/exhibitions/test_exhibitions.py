"""Exhibition schedule and exhibitions: tree, admin create and validation, month table, CSV/ICS/print, API, translation."""

import csv
import io
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from icalendar import Calendar
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from content_models.exhibitions import ExhibitionIndexPage, ExhibitionPage, ExhibitionSchedulePage
from content_models.guidance.models import GuidanceIndexPage
from content_models.home.models import HomePage
from content_models.translation.store import translated_copy, translation_sync
from tests import factories


class ExhibitionAdminTests(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.schedule = factories.schedule(2030)

    def setUp(self):
        self.user = self.login()

    def _form(self, **overrides):
        data = {
            "title": "Поэзия әлемі", "slug": "poeziya-alemi", "intro": rich_text(""), "theme": "Дүниежүзілік поэзия күніне",
            "start_date": "2031-03-10", "end_date": "2031-04-03", "grade_min": "5", "grade_max": "11",
            "guidance": rich_text("Өлеңдер қабырғасы"), "guideline_page": "",
            "recommended_books": inline_formset([]),
        }
        data.update(overrides)
        return nested_form_data(data)

    def test_schedules_sit_in_the_exhibitions_section_and_hold_exhibitions(self):
        self.assertAllowedParentPageTypes(ExhibitionIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(ExhibitionIndexPage, {ExhibitionSchedulePage})
        self.assertAllowedParentPageTypes(ExhibitionSchedulePage, {ExhibitionIndexPage})
        self.assertAllowedSubpageTypes(ExhibitionSchedulePage, {ExhibitionPage})
        self.assertAllowedSubpageTypes(ExhibitionPage, set())

    def test_editor_creates_an_exhibition_with_books_and_a_guideline(self):
        book = factories.make_book(701, "Батыр Баян Т", authors=())
        guidance = GuidanceIndexPage.objects.get(locale__language_code="kk")
        self.assertCanCreate(self.schedule, ExhibitionPage, self._form(
            guideline_page=str(guidance.pk),
            recommended_books=inline_formset([{"book": str(book.pk), "note": "Үзінді оқу"}]),
        ))
        page = ExhibitionPage.objects.get(slug="poeziya-alemi")
        self.assertEqual([(item.book_id, item.note) for item in page.recommended_books.all()], [(book.pk, "Үзінді оқу")])
        self.assertEqual(page.guideline_page_id, guidance.pk)

    def test_an_exhibition_ending_before_it_starts_is_refused_with_a_clear_message(self):
        response = self.client.post(
            f"/admin/pages/add/content_models/exhibitionpage/{self.schedule.pk}/",
            self._form(start_date="2031-04-03", end_date="2031-03-10"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Көрме ашылмай тұрып жабыла алмайды")
        self.assertFalse(ExhibitionPage.objects.filter(slug="poeziya-alemi").exists())

    def test_an_exhibition_outside_the_schedules_school_year_is_refused(self):
        response = self.client.post(
            f"/admin/pages/add/content_models/exhibitionpage/{self.schedule.pk}/",
            self._form(start_date="2031-08-20", end_date="2031-09-10"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "2030–2031")

    def test_a_second_schedule_for_the_same_year_is_refused(self):
        section = ExhibitionIndexPage.objects.get(locale__language_code="kk")
        response = self.client.post(
            f"/admin/pages/add/content_models/exhibitionschedulepage/{section.pk}/",
            nested_form_data({"title": "Тағы бір кесте", "slug": "tagy-kesté", "intro": rich_text(""), "school_year": "2030"}),
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "2030–2031")


@pytest.mark.django_db
def test_model_validation_refuses_end_before_start():
    page = ExhibitionPage(title="x", slug="x", start_date=date(2031, 4, 3), end_date=date(2031, 3, 10), grade_min=1, grade_max=4)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "end_date" in error.value.message_dict


@pytest.fixture
def schedule_with_overlaps():
    book = factories.make_book(702, "Қар ханшайымы Т", authors=())
    schedule = factories.schedule(2031)
    factories.exhibition(schedule, "Поэзия әлемі Т", date(2032, 3, 10), date(2032, 4, 3), grades=(5, 11), theme="Поэзия күніне")
    factories.exhibition(schedule, "Ертегілер елі Т", date(2032, 3, 29), date(2032, 4, 16), grades=(1, 4), books=[book])
    factories.exhibition(schedule, "Жоба көрме Т", date(2032, 3, 1), date(2032, 3, 5), live=False)
    return schedule


def _row(html, month_label):
    start = html.index(f'<th scope="row">{month_label}</th>')
    return html[start:html.index("</tr>", start)]


@pytest.mark.django_db
def test_the_schedule_is_a_month_by_month_table_with_overlaps_side_by_side(client, schedule_with_overlaps):
    html = client.get(schedule_with_overlaps.url).content.decode()
    assert "Book exhibitions month by month" in html or "Кітап көрмелері ай бойынша" in html
    april = _row(html, "Сәуір 2032")
    assert "Поэзия әлемі Т" in april and "Ертегілер елі Т" in april
    assert "Поэзия әлемі Т" not in _row(html, "Мамыр 2032")
    assert "Жоба көрме Т" not in html
    assert html.index("Қыркүйек 2031") < html.index("Тамыз 2032")


@pytest.mark.django_db
def test_schedule_exports_to_csv_ics_and_print(client, schedule_with_overlaps):
    response = client.get(f"{schedule_with_overlaps.url}schedule.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Атауы", "Тақырыбы", "Ашылады", "Жабылады"]
    assert [row[0] for row in rows[1:]] == ["Поэзия әлемі Т", "Ертегілер елі Т"]
    assert rows[2][4] == "1–4" and "702. Қар ханшайымы Т" in rows[2][5]
    ics = client.get(f"{schedule_with_overlaps.url}schedule.ics")
    events = Calendar.from_ical(ics.content).walk("VEVENT")
    assert [(str(event["SUMMARY"]), event.decoded("DTSTART"), event.decoded("DTEND")) for event in events] == [
        ("Поэзия әлемі Т", date(2032, 3, 10), date(2032, 4, 4)),
        ("Ертегілер елі Т", date(2032, 3, 29), date(2032, 4, 17)),
    ]
    assert all(str(event["UID"]).startswith("exhibition-") for event in events)
    printed = client.get(f"{schedule_with_overlaps.url}print/").content.decode()
    assert "Қар ханшайымы Т" in printed and "Жоба көрме Т" not in printed


@pytest.mark.django_db
def test_the_csv_schedule_neither_runs_formulas_nor_hides_them(client):
    schedule = factories.schedule(2033)
    factories.exhibition(schedule, "=HYPERLINK(\"http://example.com\")", date(2034, 3, 10), date(2034, 4, 3), theme="+7 701 000 00 00")
    response = client.get(f"{schedule.url}schedule.csv")
    assert response["Content-Disposition"] == 'attachment; filename="exhibitions-2033-kk.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf") and b"\r\n" in response.content
    row = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))[1]
    assert row[:2] == ["'=HYPERLINK(\"http://example.com\")", "'+7 701 000 00 00"]


@pytest.mark.django_db
def test_exhibition_api_fields_are_exactly_the_declared_ones(client, schedule_with_overlaps):
    exhibition = ExhibitionPage.objects.get(title="Ертегілер елі Т")
    data = client.get(f"/api/v3/pages/{exhibition.pk}/").json()
    assert set(data) - {"id", "title", "meta"} == {field.name for field in ExhibitionPage.api_fields}
    assert data["start_date"] == "2032-03-29" and data["books"][0]["title"] == "Қар ханшайымы Т"
    schedule = client.get(f"/api/v3/pages/{schedule_with_overlaps.pk}/").json()
    assert set(schedule) - {"id", "title", "meta"} == {field.name for field in ExhibitionSchedulePage.api_fields}
    assert [item["title"] for item in schedule["exhibitions_api"]] == ["Поэзия әлемі Т", "Ертегілер елі Т"]


@pytest.mark.django_db
def test_an_exhibition_translates_with_its_book_notes(client):
    book = factories.make_book(703, "Көксерек Т", authors=())
    translation_sync(book, {"en": translated_copy(book, title="Koxerek T")})
    schedule = factories.schedule(2032)
    translation_sync(schedule, {"en": translated_copy(schedule, title="Schedule")})
    page = factories.exhibition(schedule, "Әуезов әлемі", date(2032, 9, 28), date(2032, 10, 10), books=[book], theme="Әуезовтің туған күніне")
    link = page.recommended_books.get()
    link.note = "Бірінші тарауды оқыңыз"
    link.save()
    page.save_revision().publish()
    copy = translated_copy(page, title="The world of Auezov", theme="For Auezov's birthday")
    translated_link = page.recommended_books.get()
    translated_link.note = "Read the first chapter"
    copy.recommended_books = [translated_link]
    en = ExhibitionPage.objects.get(pk=translation_sync(page, {"en": copy})["en"].pk)
    assert en.theme == "For Auezov's birthday"
    assert [item.note for item in en.recommended_books.all()] == ["Read the first chapter"]
    html = client.get(en.url).content.decode()
    assert "Koxerek T" in html and "Read the first chapter" in html
