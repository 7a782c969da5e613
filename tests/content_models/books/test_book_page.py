"""A book page (details, the author's other titles, neighbours of the same period and genre, schema.org JSON-LD),
the page type in the admin and the pages API, and the list's codes (ISBN, grade bands). Each test builds the few
books it needs."""

import json
import re

import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from content_models.books.codes import parse_grades
from content_models.books.isbn import isbn10_valid, isbn13_valid, isbn_to_13
from content_models.books.models import BookListPage, BookPage
from tests.factories import author, make_book, make_translated_book


def section(html: str, heading: str) -> str:
    """The text of the page's section under `heading`, up to the section's end."""
    start = html.index(heading)
    return html[start:html.index("</section>", start)]


AUEZOV = {"kk": "Мұхтар Әуезов", "ru": "Мухтар Ауэзов", "en": "Mukhtar Auezov"}
BOOKS = [  # the Path of Abai; another novel of its period by its author, and one by another author; a world book
    (24, {"kk": "Абай жолы", "ru": "Путь Абая", "en": "The Path of Abai"}, AUEZOV, {"period": "classical", "genres": "prose"}),
    (25, {"kk": "Қилы заман", "ru": "Лихая година", "en": "A Hard Year"}, AUEZOV, {"period": "classical", "genres": "prose"}),
    (31, {"kk": "Көшпенділер", "ru": "Кочевники", "en": "The Nomads"},
     {"kk": "Ілияс Есенберлин", "ru": "Ильяс Есенберлин", "en": "Ilyas Yesenberlin"}, {"period": "classical", "genres": "prose"}),
    (111, {"kk": "Кішкентай ханзада", "ru": "Маленький принц", "en": "The Little Prince"},
     {"kk": "Антуан де Сент-Экзюпери", "ru": "Антуан де Сент-Экзюпери", "en": "Antoine de Saint-Exupéry"},
     {"period": "world", "literature": "world", "genres": "children", "original_language": "fr"}),
]


def abai_and_neighbours() -> dict[str, BookPage]:
    """The four books of BOOKS in kk, ru and en; returns the Path of Abai by language."""
    pages = [make_translated_book(list_no, titles, authors=authors, annotation="<p>Роман.</p>", **fields) for list_no, titles, authors, fields in BOOKS]
    return pages[0]


# --- book page ---------------------------------------------------------------------------------------------------

@pytest.mark.django_db
def test_book_page_shows_details_authors_other_titles_and_neighbours(client):
    page = abai_and_neighbours()["ru"]
    html = client.get(page.url).content.decode()
    assert "<h1>Путь Абая</h1>" in html
    assert "Мухтар Ауэзов" in html
    more = section(html, "Ещё книги автора Мухтар Ауэзов в списке")
    assert "Лихая година" in more and "Кочевники" not in more
    neighbours = section(html, "Из того же периода и жанра")
    assert "Кочевники" in neighbours and "Ильяс Есенберлин" in neighbours
    assert "Лихая година" not in neighbours  # the author's own titles are listed above, not again as neighbours
    assert "Маленький принц" not in html  # another period and genre
    assert "Древняя и классическая литература" in html


@pytest.mark.django_db
def test_book_page_carries_schema_org_book_json_ld(client):
    page = abai_and_neighbours()["en"]
    html = client.get(page.url).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "Book"
    assert data["name"] == "The Path of Abai"
    assert data["author"] == [{"@type": "Person", "name": "Mukhtar Auezov"}]
    assert data["url"].endswith(page.url)
    assert data["description"]


@pytest.mark.django_db
def test_book_page_query_count_is_bounded(client, django_assert_max_num_queries):
    page = abai_and_neighbours()["kk"]
    assert "Көшпенділер" in client.get(page.url).content.decode()  # the page lists the author's titles and neighbours
    with django_assert_max_num_queries(15):
        assert client.get(page.url).status_code == 200


# --- codes and checks --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", ["9786010000001", "978-601-7000-00-4", "0-306-40615-2", "080442957X", "ISBN 978-3-16-148410-0"])
def test_valid_isbns_pass_and_convert_to_isbn13(code):
    converted = isbn_to_13(code)
    assert len(converted) == 13 and isbn13_valid(converted)


@pytest.mark.parametrize("code", ["9786010000003", "0-306-40615-3", "12345", "97860100000021", "ISBN abcdefghij"])
def test_invalid_isbns_are_refused(code):
    with pytest.raises(ValueError):
        isbn_to_13(code)


def test_isbn10_and_its_isbn13_are_the_same_book():
    assert isbn10_valid("0306406152")
    assert isbn_to_13("0-306-40615-2") == "9780306406157"


@pytest.mark.parametrize(("value", "expected"), [("5-9", (5, 9)), ("10–11", (10, 11)), ("7", (7, 7)), (" 1 - 4 ", (1, 4))])
def test_grade_bands_parse(value, expected):
    assert parse_grades(value) == expected


@pytest.mark.parametrize("value", ["", "0-4", "5-12", "9-5", "5/9", "a-b", "1-2-3"])
def test_malformed_grade_bands_are_refused(value):
    with pytest.raises(ValueError):
        parse_grades(value)


# --- page type contract ------------------------------------------------------------------------------------------

class BookPageTests(WagtailPageTestCase):
    def setUp(self):
        from wagtail.users.models import UserProfile

        user = self.login()
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        self.list_page = BookListPage.objects.get(locale__language_code="kk")
        self.auezov = author("Мұхтар Әуезов")

    def test_books_live_under_the_book_list(self):
        self.assertAllowedParentPageTypes(BookPage, {BookListPage})
        self.assertAllowedSubpageTypes(BookListPage, {BookPage})
        self.assertAllowedSubpageTypes(BookPage, set())

    def test_editor_creates_a_book_in_the_admin(self):
        self.assertCanCreate(
            self.list_page,
            BookPage,
            nested_form_data({
                "title": "Жаңа кітап", "slug": "2001-zhana-kitap", "list_no": 2001, "original_title": "", "translators": "",
                "period": "contemporary", "literature": "national", "genres": ["prose", "poetry"], "grade_min": 5, "grade_max": 9,
                "original_language": "kk", "publisher": "", "year": "", "isbn": "978-601-7000-00-4", "cover_alt": "",
                "annotation": rich_text("Қысқаша."), "edition_added": 2025, "edition_removed": "",
                "book_authors": inline_formset([{"author": self.auezov.pk}]),
            }) | {"genres": ["prose", "poetry"]},
        )
        book = BookPage.objects.get(list_no=2001)
        assert book.genre_codes == ["prose", "poetry"]
        assert book.isbn == "9786017000004"
        assert [item.name for item in book.authors] == ["Мұхтар Әуезов"]

    def test_duplicate_list_number_and_bad_isbn_are_refused_in_the_admin(self):
        make_book(24, "Абай жолы", authors=[self.auezov])
        data = nested_form_data({
            "title": "Қайталанған", "slug": "kaitalangan", "list_no": 24, "original_title": "", "translators": "",
            "period": "contemporary", "literature": "national", "genres": ["prose"], "grade_min": 9, "grade_max": 5,
            "original_language": "kk", "publisher": "", "year": "", "isbn": "978-601-7000-00-1", "cover_alt": "",
            "annotation": rich_text(""), "edition_added": 2025, "edition_removed": "",
            "book_authors": inline_formset([{"author": self.auezov.pk}]),
        }) | {"genres": ["prose"]}
        response = self.client.post(f"/admin/pages/add/content_models/bookpage/{self.list_page.pk}/", data)
        self.assertEqual(response.status_code, 200)
        content = response.content.decode()
        self.assertIn("check digit", content)
        self.assertIn("Another book already has list number 24.", content)
        self.assertIn("The last grade cannot come before the first.", content)
        self.assertFalse(BookPage.objects.filter(slug="kaitalangan").exists())

    def test_book_pages_render(self):
        self.assertPageIsRenderable(make_book(1, "Алпамыс батыр", author="Халық ауыз әдебиеті", genres="folklore_epic"))
        self.assertPageIsRenderable(make_book(
            150, "The Picture of Dorian Gray", author="Oscar Wilde", language="en", period="world", literature="world",
            original_language="en", annotation="<p>A novel.</p>", isbn="9780306406157", translators="",
        ))


@pytest.mark.django_db
def test_book_page_detail_in_the_pages_api_has_exactly_the_declared_fields(client):
    page = make_book(3, "Қыз Жібек", author="Халық ауыз әдебиеті", period="classical", genres="folklore_epic")
    data = client.get(f"/api/v3/pages/{page.id}/").json()
    assert set(data) - {"id", "title", "meta"} == {field.name for field in BookPage.api_fields}
    assert data["list_no"] == 3
    assert data["period"] == "classical"
