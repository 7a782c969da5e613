"""The anonymous page cache serves a page until the next publish, and never to logged-in users."""

import pytest

from tests.factories import make_book

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PORTAL_PAGE_CACHE = True


def test_second_anonymous_request_is_served_from_the_cache(client, page_cache):
    make_book(111, "Кішкентай ханзада", author="Антуан де Сент-Экзюпери", period="world", literature="world")
    first = client.get("/kk/books/?period=world")
    second = client.get("/kk/books/?period=world")
    assert first["X-Portal-Cache"] == "miss"
    assert second["X-Portal-Cache"] == "hit"
    assert second.content == first.content
    assert "Кішкентай ханзада" in second.content.decode()
    assert client.get("/kk/books/?period=abroad")["X-Portal-Cache"] == "miss"


def test_publishing_drops_cached_pages(client, page_cache):
    page = make_book(3, "Kyz Zhibek", author="Kazakh folklore", language="en")
    assert client.get(page.url)["X-Portal-Cache"] == "miss"
    page.title = "Kyz Zhibek, a lyric epic"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response["X-Portal-Cache"] == "miss"
    assert "Kyz Zhibek, a lyric epic" in response.content.decode()


def test_unpublishing_drops_cached_pages(client, page_cache):
    page = make_book(3, "Кыз Жибек", author="Народное творчество", language="ru")
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_logged_in_users_and_errors_are_never_cached(client, page_cache, editor):
    assert client.get("/kk/no-such-page/").status_code == 404
    assert "X-Portal-Cache" not in client.get("/kk/no-such-page/")
    client.force_login(editor)
    assert "X-Portal-Cache" not in client.get("/kk/books/")
    assert "X-Portal-Cache" not in client.get("/api/v3/books/")


def test_switched_off_cache_renders_every_time(client, settings):
    settings.PORTAL_PAGE_CACHE = False
    assert "X-Portal-Cache" not in client.get("/kk/books/")


def test_disallowed_host_gets_400_even_with_the_page_cached(client, page_cache, settings):
    settings.ALLOWED_HOSTS = ["testserver", "kitaphana.example.kz"]
    page = make_book(1, "Алпамыс батыр", author="Халық ауыз әдебиеті")
    assert client.get(page.url)["X-Portal-Cache"] == "miss"
    assert client.get(page.url)["X-Portal-Cache"] == "hit"
    response = client.get(page.url, HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "X-Portal-Cache" not in response


def test_each_allowed_host_has_its_own_entry_with_its_own_links(client, page_cache, settings):
    settings.ALLOWED_HOSTS = ["testserver", "kitaphana.example.kz"]
    page = make_book(1, "Алпамыс батыр", author="Халық ауыз әдебиеті")
    first = client.get(page.url)
    other = client.get(page.url, HTTP_HOST="kitaphana.example.kz:8443")
    assert first["X-Portal-Cache"] == "miss"
    assert other["X-Portal-Cache"] == "miss"
    assert f"http://testserver{page.url}" in first.content.decode()
    assert f"http://kitaphana.example.kz:8443{page.url}" in other.content.decode()
    assert "testserver" not in other.content.decode()
    again = client.get(page.url, HTTP_HOST="kitaphana.example.kz:8443")
    assert again["X-Portal-Cache"] == "hit"
    assert again.content == other.content
    assert client.get(page.url)["X-Portal-Cache"] == "hit"
