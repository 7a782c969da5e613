"""The language switcher (and the hreflang alternates) lead to the same state in the other language: the
translated page, the same sub-route (month, agenda) and the same query string, with locale-specific ids mapped."""

import html as html_lib
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from content_models.books.models import Author, BookAuthor

pytestmark = pytest.mark.django_db


def _switcher(response) -> dict[str, str]:
    assert response.status_code == 200
    content = response.content.decode()
    nav = re.search(r'<nav class="lang-switcher".*?</nav>', content, re.S).group(0)
    return {code: html_lib.unescape(url) for url, code in re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav)}


def _alternates(response) -> dict[str, str]:
    content = response.content.decode()
    found = re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)">', content)
    return {code: html_lib.unescape(url) for code, url in found}


def _split(url: str):
    parts = urlsplit(url)
    return parts.path, parse_qs(parts.query)


def test_a_filtered_sorted_paged_book_list_keeps_its_state(client):
    links = _switcher(client.get("/ru/books/?period=classical&genre=poetry&sort=title&page=2"))
    path, query = _split(links["kk"])
    assert path == "/kk/books/"
    assert query == {"period": ["classical"], "genre": ["poetry"], "sort": ["title"], "page": ["2"]}
    assert _split(links["en"]) == ("/en/books/", query)
    assert _split(links["ru"]) == ("/ru/books/", query)  # the current language links to itself, state included


def test_the_author_filter_is_mapped_to_the_authors_translation(client):
    link = BookAuthor.objects.filter(author__locale__language_code="ru").select_related("author").first()
    ru_author = link.author
    kk_author = Author.objects.get(translation_key=ru_author.translation_key, locale__language_code="kk")
    assert kk_author.pk != ru_author.pk
    links = _switcher(client.get(f"/ru/books/?author={ru_author.pk}&sort=author"))
    assert _split(links["kk"]) == ("/kk/books/", {"author": [str(kk_author.pk)], "sort": ["author"]})
    followed = client.get(links["kk"])
    assert followed.status_code == 200
    assert kk_author.name in followed.content.decode()


def test_an_author_without_a_translation_drops_that_filter_and_the_page_number(client, locales):
    lonely = Author.objects.create(name="Только по-русски", locale=locales["ru"])
    links = _switcher(client.get(f"/ru/books/?author={lonely.pk}&period=classical&page=2"))
    assert _split(links["kk"]) == ("/kk/books/", {"period": ["classical"]})


def test_an_unknown_author_id_drops_the_filter_in_the_other_languages(client):
    response = client.get("/ru/books/?author=999999&author=" + "9" * 30 + "&period=classical")
    assert response.status_code < 500
    nav = re.search(r'<nav class="lang-switcher".*?</nav>', response.content.decode(), re.S).group(0)
    links = {code: html_lib.unescape(url) for url, code in re.findall(r'<a href="([^"]+)" hreflang="(\w+)"', nav)}
    assert _split(links["kk"]) == ("/kk/books/", {"period": ["classical"]})


def test_mapping_ids_costs_a_bounded_number_of_queries(client):
    author = Author.objects.filter(locale__language_code="ru", book_links__isnull=False).first()
    with CaptureQueriesContext(connection) as plain:
        client.get("/ru/books/?sort=author")
    with CaptureQueriesContext(connection) as mapped:
        client.get(f"/ru/books/?sort=author&author={author.pk}")
    assert len(mapped) - len(plain) <= 4


@pytest.mark.parametrize("route", ["month/2026/10/", "agenda/", "agenda/2026/11/"])
def test_calendar_sub_routes_and_filters_carry_over(client, route):
    response = client.get(f"/ru/events/{route}?type=festival&audience=pupils")
    links = _switcher(response)
    assert _split(links["kk"]) == (f"/kk/events/{route}", {"type": ["festival"], "audience": ["pupils"]})
    assert client.get(links["kk"]).status_code == 200


def test_the_month_shown_after_switching_is_the_same_month(client):
    links = _switcher(client.get("/en/events/month/2026/10/"))
    followed = client.get(links["ru"]).content.decode()
    assert "Октябрь 2026" in followed or "октябрь 2026" in followed.lower()


def test_a_search_keeps_its_query(client):
    links = _switcher(client.get("/ru/search/?q=абай&type=book"))
    assert _split(links["kk"]) == ("/kk/search/", {"q": ["абай"], "type": ["book"]})


def test_a_notable_dates_year_leads_to_the_same_year(client):
    links = _switcher(client.get("/ru/events/notable-dates-2026-2027/"))
    assert links["kk"] == "/kk/events/notable-dates-2026-2027/"
    assert links["en"] == "/en/events/notable-dates-2026-2027/"


def test_a_topic_filter_keeps_its_shared_slug(client):
    from content_models.core.taxonomy import Topic

    topic = Topic.objects.filter(locale__language_code="ru", guideline_links__isnull=False).first()
    links = _switcher(client.get(f"/ru/guidance/?topic={topic.slug}"))
    assert _split(links["kk"]) == ("/kk/guidance/", {"topic": [topic.slug]})
    followed = client.get(links["kk"]).content.decode()
    kk_topic = Topic.objects.get(translation_key=topic.translation_key, locale__language_code="kk")
    assert f'value="{topic.slug}" selected' in followed or kk_topic.name in followed


def test_hreflang_alternates_describe_the_same_state(client):
    response = client.get("/ru/events/month/2026/10/?type=festival")
    alternates = _alternates(response)
    assert set(alternates) == {"kk", "ru", "en"}
    for code, url in alternates.items():
        assert url.startswith("http")
        assert _split(url) == (f"/{code}/events/month/2026/10/", {"type": ["festival"]})
