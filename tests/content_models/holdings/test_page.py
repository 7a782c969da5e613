"""The holdings check page type: tree, admin, rendering, the pages API and translations; the site's pages."""

import pytest
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text

from content_models.holdings.models import HoldingsCheckPage
from content_models.home.models import HomePage


class HoldingsCheckPageTests(WagtailPageTestCase):
    def setUp(self):
        from wagtail.users.models import UserProfile

        user = self.login()
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "en"
        profile.save()
        self.home = HomePage.objects.get(locale__language_code="kk")

    def test_lives_under_the_home_page_once_and_has_no_children(self):
        self.assertAllowedParentPageTypes(HoldingsCheckPage, {HomePage})
        self.assertAllowedSubpageTypes(HoldingsCheckPage, set())
        assert not HoldingsCheckPage.can_create_at(self.home)  # the site's page is there already

    def test_editor_creates_it_in_the_admin(self):
        HoldingsCheckPage.objects.filter(locale__language_code="kk").delete()
        self.assertCanCreate(self.home, HoldingsCheckPage, nested_form_data({
            "title": "Қорды тексеру", "slug": "qordy-tekseru", "intro": rich_text("Қорыңызды тізіммен салыстырыңыз."),
        }))
        assert HoldingsCheckPage.objects.get(locale__language_code="kk").slug == "qordy-tekseru"

    def test_renders(self):
        self.assertPageIsRenderable(HoldingsCheckPage.objects.get(locale__language_code="kk"))
        self.assertPageIsRenderable(HoldingsCheckPage.objects.get(locale__language_code="en"))


@pytest.mark.django_db
def test_pages_api_detail_has_exactly_the_declared_fields(client):
    page = HoldingsCheckPage.objects.get(locale__language_code="ru")
    data = client.get(f"/api/v3/pages/{page.id}/").json()
    assert set(data) - {"id", "title", "meta"} == {field.name for field in HoldingsCheckPage.api_fields}


@pytest.mark.django_db
def test_the_site_has_one_translated_page_per_language_in_the_menu(client):
    pages = {page.locale.language_code: page for page in HoldingsCheckPage.objects.select_related("locale")}
    assert {code: page.title for code, page in pages.items()} == {"kk": "Қорды тексеру", "ru": "Проверка фонда", "en": "Holdings check"}
    assert len({page.translation_key for page in pages.values()}) == 1
    assert all(page.live and page.show_in_menus for page in pages.values())
    html = client.get("/en/").content.decode()
    assert '<a href="/en/holdings-check/">Holdings check</a>' in html
    from wagtail_localize.models import StringTranslation

    assert StringTranslation.objects.filter(locale__language_code="ru", data="Проверка фонда").exists()
