"""Titles, names and other plain-text fields refuse control characters: in the model, in the admin (in the editor's
language) and in the v3 API's writes (a 4xx answer, nothing saved)."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text
from wagtail.users.models import UserProfile

from content_models.books.models import Author
from content_models.core.text import control_character, one_line, validate_multi_line, validate_single_line, without_controls
from content_models.home.models import HomePage, StandardPage
from tests.factories import make_book

REFUSED_ON_ONE_LINE = ["Жаңа\nбөлім", "Жаңа\r\nбөлім", "Жаңа\rбөлім", "Жаңа\x00бөлім", "Жаңа\tбөлім", "\x1b[31mҚызыл", "Жаңа\x85бөлім", "Жаңа\u2028бөлім"]


@pytest.mark.parametrize("text", REFUSED_ON_ONE_LINE)
def test_single_line_fields_refuse_line_breaks_and_control_characters(text):
    with pytest.raises(ValidationError) as error:
        validate_single_line(text)
    assert error.value.code == "control_character"
    assert control_character(text) in str(error.value)


@pytest.mark.parametrize("text", ["Абай жолы", "«Қан мен тер» — роман", "Ақ желкен ", ""])
def test_single_line_fields_take_ordinary_text(text):
    validate_single_line(text)


def test_multi_line_fields_keep_line_breaks_and_tabs_but_refuse_other_controls():
    validate_multi_line("Бірінші жол\nекінші жол\r\nүшінші\tбаған")
    for text in ("нөл\x00таңба", "тік\x0bтабуляция", "өшіру\x7f", "C1\x9bтаңба"):
        with pytest.raises(ValidationError):
            validate_multi_line(text)


def test_cleaners_make_stored_text_safe_for_formats_that_cannot_take_controls():
    assert one_line("Абай\r\nжолы\x00 \u2028 кеші\t") == "Абай жолы   кеші"
    assert without_controls("бір\r\nекі\rүш\x00\tтөрт") == "бір\nекі\nүш\tтөрт"


@pytest.mark.django_db
def test_page_titles_and_seo_titles_are_checked_by_the_model(home_pages):
    page = StandardPage(title="Жаңа\nбөлім", slug="zhana", seo_title="SEO\x00")
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert {"title", "seo_title"} <= error.value.message_dict.keys()
    with pytest.raises(ValidationError) as error:
        home_pages["kk"].add_child(instance=StandardPage(title="Жаңа\r\nбөлім", slug="zhana"))
    assert "title" in error.value.message_dict
    assert not StandardPage.objects.filter(slug="zhana").exists()


@pytest.mark.django_db
def test_book_pages_and_snippets_check_their_plain_text_fields():
    book = make_book(9901, "Абай жолы")
    book.title, book.publisher, book.cover_alt = "Абай\r\nжолы", "Жазушы\n", "Мұқаба\x00"
    with pytest.raises(ValidationError) as error:
        book.full_clean()
    assert {"title", "publisher", "cover_alt"} <= error.value.message_dict.keys()
    author = Author(name="Мұхтар\x00Әуезов", locale=Locale.objects.get(language_code="kk"))
    with pytest.raises(ValidationError) as error:
        author.full_clean()
    assert "name" in error.value.message_dict


class AdminFormTests(WagtailPageTestCase):
    def setUp(self):
        self.user = self.login()
        self.home = HomePage.objects.get(locale__language_code="kk")

    def _speak(self, language):
        profile = UserProfile.get_for_user(self.user)
        profile.preferred_language = language
        profile.save()

    def _add_page(self, title, **fields):
        data = nested_form_data({"title": title, "slug": "zhana-bet", "intro": rich_text(""), "body": rich_text(""), **fields})
        return self.client.post(f"/admin/pages/add/content_models/standardpage/{self.home.pk}/", data)

    def test_a_title_with_a_line_break_is_refused_in_the_editors_language(self):
        expected = {
            "en": "Remove the line break or control character (U+000A): this field takes one line of text.",
            "ru": "Уберите перевод строки или управляющий символ (U+000A)",
            "kk": "Жол үзілісін немесе басқару таңбасын (U+000A) алып тастаңыз",
        }
        for language, message in expected.items():
            self._speak(language)
            response = self._add_page("Жаңа\nбет")
            self.assertEqual(response.status_code, 200)
            self.assertContains(response, message)
        self.assertFalse(StandardPage.objects.filter(slug="zhana-bet").exists())

    def test_a_search_title_with_an_escape_character_is_refused(self):
        self._speak("en")
        response = self._add_page("Жаңа бет", seo_title="Іздеу\x1b[31mатауы")
        self.assertContains(response, "(U+001B)")
        self.assertFalse(StandardPage.objects.filter(slug="zhana-bet").exists())

    def test_an_author_name_with_a_line_break_is_refused(self):
        self._speak("en")
        url = reverse(Author.snippet_viewset.get_url_name("add")) + "?locale=kk"
        response = self.client.post(url, {"name": "Мұхтар\r\nӘуезов", "birth_date": "", "birth_year": "", "death_date": "", "death_year": ""})
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "(U+000D)")
        self.assertFalse(Author.objects.filter(name__startswith="Мұхтар").exists())


# ---------------------------------------------------------------------------------------------------------------
# The v3 API's writes


def _auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _problem_text(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


@pytest.mark.django_db
@pytest.mark.parametrize("title", ["Жаңа\r\nбөлім", "Жаңа\x00бөлім", "Жаңа\nбөлім"])
def test_api_create_refuses_a_title_with_control_characters(client, home_pages, editor_token, title):
    body = {"meta": {"type": "content_models.StandardPage", "parent_id": home_pages["kk"].pk}, "title": title, "slug": "api-bet"}
    response = client.post("/api/v3/pages/", data=json.dumps(body), content_type="application/json", **_auth(editor_token))
    assert response.status_code == 422, response.content
    errors = response.json()["errors"]
    assert [error["loc"] for error in errors] == [["title"]]
    # Django's forms refuse NUL themselves ("Null characters are not allowed"); the portal's check names the character.
    assert "(U+000" in errors[0]["msg"] or "Null characters" in errors[0]["msg"]
    assert not StandardPage.objects.filter(slug="api-bet").exists()


@pytest.mark.django_db
def test_api_update_refuses_a_title_with_control_characters(client, home_pages, editor_token):
    body = {"meta": {"type": "content_models.StandardPage", "parent_id": home_pages["kk"].pk}, "title": "Таза атау", "slug": "api-bet"}
    created = client.post("/api/v3/pages/", data=json.dumps(body), content_type="application/json", **_auth(editor_token))
    assert created.status_code == 201, created.content
    page = StandardPage.objects.get(slug="api-bet")
    response = client.patch(
        f"/api/v3/pages/{page.pk}/", data=json.dumps({"title": "Бұзылған\r\nатау"}), content_type="application/json", **_auth(editor_token),
    )
    assert response.status_code == 422, response.content
    assert "(U+000D)" in _problem_text(response)
    page.refresh_from_db()
    assert page.title == "Таза атау" and page.get_latest_revision_as_object().title == "Таза атау"
