"""The anonymous page cache serves a page until the next publish, and never to logged-in users."""

import pytest

from content_models.books.models import BookPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    settings.PORTAL_PAGE_CACHE = True


def test_second_anonymous_request_is_served_from_the_cache(client, page_cache):
    first = client.get("/kk/books/?period=world")
    second = client.get("/kk/books/?period=world")
    assert first["X-Portal-Cache"] == "miss"
    assert second["X-Portal-Cache"] == "hit"
    assert second.content == first.content
    assert client.get("/kk/books/?period=abroad")["X-Portal-Cache"] == "miss"


def test_publishing_drops_cached_pages(client, page_cache):
    page = BookPage.objects.get(locale__language_code="en", list_no=3)
    assert client.get(page.url)["X-Portal-Cache"] == "miss"
    page.title = "Kyz Zhibek, a lyric epic"
    page.save_revision().publish()
    response = client.get(page.url)
    assert response["X-Portal-Cache"] == "miss"
    assert "Kyz Zhibek, a lyric epic" in response.content.decode()


def test_unpublishing_drops_cached_pages(client, page_cache):
    page = BookPage.objects.get(locale__language_code="ru", list_no=3)
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
