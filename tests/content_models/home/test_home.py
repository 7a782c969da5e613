"""HomePage, StandardPage and the section pages: tree rules, admin create, render, API contract, translation."""

import pytest
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from content_models.books.models import BookListPage
from content_models.digests.models import DigestIndexPage
from content_models.events import EventIndexPage
from content_models.exhibitions import ExhibitionIndexPage
from content_models.guidance.models import GuidanceIndexPage
from content_models.holdings.models import HoldingsCheckPage
from content_models.home.models import HomePage, StandardPage
from content_models.translation.store import translated_copy, translation_resync, translation_sync
from content_models.videos.models import VideoIndexPage
from tests.factories import make_book

SECTION_MODELS = [BookListPage, GuidanceIndexPage, EventIndexPage, ExhibitionIndexPage, DigestIndexPage, VideoIndexPage]


class HomePageTests(WagtailPageTestCase):
    def setUp(self):
        self.user = self.login()
        self.home = HomePage.objects.get(locale__language_code="kk")

    def test_home_sits_at_the_root_and_holds_the_sections(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, set(SECTION_MODELS) | {StandardPage, HoldingsCheckPage})
        for model in SECTION_MODELS:
            self.assertAllowedParentPageTypes(model, {HomePage})

    def test_a_second_section_of_the_same_type_cannot_be_added(self):
        self.assertFalse(GuidanceIndexPage.can_create_at(self.home))
        self.assertTrue(StandardPage.can_create_at(self.home))

    def test_editor_creates_an_information_page_in_the_admin(self):
        self.assertCanCreate(
            self.home,
            StandardPage,
            nested_form_data({"title": "Бағдарлама туралы", "slug": "bagdarlama-turaly", "intro": rich_text("Қысқаша"), "body": rich_text("Мәтін")}),
        )

    def test_home_page_edit_form_accepts_new_figures(self):
        data = nested_form_data({
            "title": self.home.title, "slug": self.home.slug, "intro": rich_text("Кіріспе"), "goal": rich_text("Мақсат"),
            "tasks": streamfield([("task", {"title": "Жаңа міндет", "text": "Сипаттама"})]),
            "results": streamfield([("figure", {"label": "Оқырмандар", "baseline": "1 млн", "target": "3 млн", "note": ""})]),
            "action-publish": "publish",
        })
        response = self.client.post(f"/admin/pages/{self.home.pk}/edit/", data)
        self.assertEqual(response.status_code, 302, response.content[:2000])
        html = Client().get("/kk/").content.decode()
        self.assertIn("3 млн", html)
        self.assertIn("Жаңа міндет", html)

    def test_the_home_page_its_sections_and_the_information_page_render_empty_in_each_language(self):
        pages = list(Page.objects.filter(depth__gt=1).specific())
        kinds = {type(page) for page in pages}
        self.assertEqual(kinds, {HomePage, StandardPage, HoldingsCheckPage, *SECTION_MODELS})
        self.assertEqual(len(pages), 3 * len(kinds))  # the skeleton: each page in kk, ru and en
        for page in pages:
            self.assertPageIsRenderable(page)


@pytest.mark.django_db
def test_home_api_fields_are_exactly_the_declared_ones(client, home_pages):
    data = client.get(f"/api/v3/pages/{home_pages['kk'].id}/").json()
    declared = {field.name for field in HomePage.api_fields}
    assert set(data) - {"id", "title", "meta"} == declared


@pytest.mark.django_db
def test_figures_come_from_the_page_not_the_template(client, home_pages):
    home = home_pages["en"]
    results = list(home.results.raw_data)
    results[0]["value"]["target"] = "2.5 M"
    home.results = results
    home.save_revision().publish()
    html = client.get("/en/").content.decode()
    assert "2.5 M" in html
    assert ">2 M<" not in html


@pytest.mark.django_db
def test_translations_survive_an_edit_of_the_kazakh_source_and_a_sync(home_pages):
    kk = home_pages["kk"]
    kk.title = "Балалар кітапханасы бағдарламасы"
    kk.save_revision().publish()
    synced = translation_resync(kk)
    ru = Page.objects.get(pk=synced["ru"].pk).specific
    en = Page.objects.get(pk=synced["en"].pk).specific
    # The changed title has no stored translation yet: it falls back to the source text …
    assert ru.title == "Балалар кітапханасы бағдарламасы"
    # … while every unchanged segment keeps its Russian and English text.
    assert "обновляет фонды школьных библиотек" in ru.intro
    assert [block.value["title"] for block in ru.tasks][0] == "Обновление книжного фонда"
    assert [block.value["target"] for block in en.results][1] == "143 M copies"
    assert ru.live and en.live


@pytest.mark.django_db
def test_translation_sync_stores_strings_in_wagtail_localize(home_pages):
    from wagtail_localize.models import StringTranslation

    kk = home_pages["kk"]
    kk.goal = "<p>Жаңа мақсат мәтіні.</p>"
    kk.save_revision().publish()
    translation_sync(kk, {"ru": translated_copy(kk, goal="<p>Новый текст цели.</p>")})
    assert StringTranslation.objects.filter(locale__language_code="ru", data="Новый текст цели.").exists()
    ru = Page.objects.get(locale__language_code="ru", translation_key=kk.translation_key).specific
    assert ru.goal == "<p>Новый текст цели.</p>"
    # A second sync (e.g. by an editor in the admin) keeps it.
    translation_resync(kk)
    ru.refresh_from_db()
    assert ru.goal == "<p>Новый текст цели.</p>"


def test_information_pages_are_listed_in_the_footer_of_their_language(client, home_pages):
    from content_models.home.models import StandardPage

    html = client.get("/ru/").content.decode()
    footer = html.split('<footer class="site-footer">', 1)[1]
    assert '<a href="/ru/about/">О программе</a>' in footer
    assert "/kk/about/" not in footer
    # An information page shown in the menu is in the menu, not twice.
    contacts = StandardPage(title="Контакты", slug="contacts", show_in_menus=True)
    home_pages["ru"].add_child(instance=contacts)
    contacts.save_revision().publish()
    html = client.get("/ru/").content.decode()
    header, footer = html.split('<footer class="site-footer">', 1)
    assert 'href="/ru/contacts/"' in header and 'href="/ru/contacts/"' not in footer


def test_book_list_states_how_many_titles_the_current_list_holds(client, db):
    from content_models.books.models import BookPage

    for list_no, title in [(1, "Алпамыс батыр"), (2, "Ер Тарғын"), (3, "Қыз Жібек")]:
        make_book(list_no, title)
    make_book(4, "Қозы Көрпеш – Баян сұлу", edition_removed=2025)  # left the list: not counted
    make_book(5, "Жоба", live=False)  # a draft: not counted
    make_book(6, "Путь Абая", language="ru")  # another language's list
    html = client.get("/kk/books/").content.decode()
    assert "Қазіргі тізімде 3 атау бар." in html
    assert "1 770" not in html  # the section's introduction claims no size the list does not have
    BookPage.objects.filter(locale__language_code="kk", list_no=1).update(edition_removed=2026)
    from content_models.core.versions import bump_catalogue_version

    bump_catalogue_version()
    assert "Қазіргі тізімде 2 атау бар." in client.get("/kk/books/").content.decode()
