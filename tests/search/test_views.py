"""The results page /<language>/search/: real templates, the database backend, over the sample book list (the
`booklist` fixture) and the pages each test builds."""

import re

import pytest
from wagtail.models import PageViewRestriction

from content_models.books.models import BookPage
from tests.factories import make_book

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booklist")]


def test_the_results_page_lists_highlighted_typed_results(client):
    response = client.get("/kk/search/", {"q": "Abai joly"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>Абай</mark> <mark>жолы</mark>" in html
    book = BookPage.objects.get(list_no=24, locale__language_code="kk")
    assert f'href="{book.url}"' in html
    assert 'class="search-result search-result--book"' in html
    assert "нәтиже" in html  # the heading in Kazakh
    assert '<meta name="robots" content="noindex, follow">' in html


def test_the_search_box_is_in_every_page_header_and_labelled(client):
    html = client.get("/ru/").content.decode()
    assert '<form class="site-search" method="get" action="/ru/search/" role="search">' in html
    assert '<label for="site-search-q" class="visually-hidden">Поиск по порталу</label>' in html
    assert "js/autocomplete.js" in html


def test_each_language_searches_its_own_pages(client):
    html = client.get("/en/search/", {"q": "Путь Абая"}).content.decode()
    book = BookPage.objects.get(list_no=24, locale__language_code="en")
    assert f'href="{book.url}"' in html and "/en/books/" in book.url
    assert "result" in html


def test_type_tabs_filter_and_keep_the_query(client, page_with_text):
    page_with_text("video", "Мектеп кітапханасы туралы бейне.")
    html = client.get("/kk/search/", {"q": "кітапхана"}).content.decode()
    assert 'aria-label="Нәтиже түрлері"' in html
    assert 'href="/kk/search/?q=%D0%BA%D1%96%D1%82%D0%B0%D0%BF%D1%85%D0%B0%D0%BD%D0%B0&amp;type=video"' in html
    videos = client.get("/kk/search/", {"q": "кітапхана", "type": "video"}).content.decode()
    kinds = set(re.findall(r'class="search-result search-result--(\w+)"', videos))
    assert kinds == {"video"}


def test_pagination_keeps_the_query_and_type(client):
    html = client.get("/kk/search/", {"q": "кітап"}).content.decode()
    assert 'rel="next"' in html and "?q=%D0%BA%D1%96%D1%82%D0%B0%D0%BF&amp;page=2" in html
    second = client.get("/kk/search/", {"q": "кітап", "page": "2"})
    assert second.status_code == 200 and 'rel="prev"' in second.content.decode()
    assert client.get("/kk/search/", {"q": "кітап", "page": "banana"}).status_code == 200


def test_did_you_mean_links_to_the_corrected_search(client):
    html = client.get("/kk/search/", {"q": "Көксереккк"}).content.decode()
    assert "Мүмкін, сіз мынаны іздедіңіз:" in html
    assert 'href="/kk/search/?q=%D0%9A%D3%A9%D0%BA%D1%81%D0%B5%D1%80%D0%B5%D0%BA">Көксерек</a>' in html


def test_matches_in_the_other_languages_are_offered(client):
    html = client.get("/kk/search/", {"q": "рекомендации"}).content.decode()
    assert 'class="search-other-languages"' in html
    assert 'href="/ru/search/?q=%D1%80%D0%B5%D0%BA%D0%BE%D0%BC%D0%B5%D0%BD%D0%B4%D0%B0%D1%86%D0%B8%D0%B8" hreflang="ru"' in html


def test_an_empty_search_shows_the_form_without_an_error(client):
    response = client.get("/kk/search/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="search-page-q"' in html and 'role="alert"' not in html and "search-results" not in html


@pytest.mark.parametrize("params,message", [
    ({"q": "я" * 201}, "Іздеу мәтіні тым ұзын"),
    ({"q": "«» — …"}, "Іздеу үшін сөз жазыңыз"),
    ({"q": "Абай", "type": "novel"}, "Мұндай нәтиже түрі жоқ"),
])
def test_bad_searches_get_a_400_with_a_message(client, params, message):
    response = client.get("/kk/search/", params)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_nothing_found_says_what_to_try(client):
    html = client.get("/ru/search/", {"q": "щщщзззхххъ"}).content.decode()
    assert "Ничего не найдено" in html


def result_titles(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", title) for title in re.findall(r'<h3 class="search-result__title"><a href="[^"]*">(.*?)</a></h3>', html)]


def test_drafts_and_private_pages_never_show(client, section, page_with_text):
    draft = make_book(9101, "Қолжазба күйіндегі кітап", live=False)
    html = client.get("/kk/search/", {"q": "Қолжазба күйіндегі кітап"}).content.decode()
    assert "Қолжазба күйіндегі кітап" not in result_titles(html)
    assert f'href="{draft.url}"' not in html if draft.url else True
    page_with_text("guideline", "Жаңа түскен кітаптарды электрондық каталогқа енгізіңіз.")
    assert "search-result--guideline" in client.get("/kk/search/", {"q": "электрондық каталог"}).content.decode()
    PageViewRestriction.objects.create(page=section("guidance", "kk"), restriction_type="password", password="x")
    html = client.get("/kk/search/", {"q": "электрондық каталог"}).content.decode()
    assert "search-result--guideline" not in html


def test_the_results_page_needs_few_queries(client, django_assert_max_num_queries):
    client.get("/kk/search/", {"q": "Абай"})  # warm the navigation and translations caches
    from search.queries import clear_caches

    clear_caches()
    with django_assert_max_num_queries(12):
        response = client.get("/kk/search/", {"q": "Мұхтар Әуезов шығармалары"})
    assert response.status_code == 200


def test_an_author_result_leads_to_the_list_of_that_authors_books(client):
    from content_models.books.models import Author

    author = Author.objects.get(name="Мұхтар Әуезов")
    html = client.get("/kk/search/", {"q": "Әуезов", "type": "author"}).content.decode()
    assert f'href="/kk/books/?author={author.pk}"' in html
    listing = client.get("/kk/books/", {"author": author.pk}).content.decode()
    assert "Мұхтар Әуезов кітаптары" in listing
    assert listing.count('class="book-card"') == 3
    assert f'name="author" value="{author.pk}"' in listing  # the facets keep the author
    assert client.get("/kk/books/", {"author": "abc"}).status_code == 400
    api = client.get("/api/v3/books/", {"author": author.pk, "locale": "kk"}).json()
    assert api["count"] == 3 and all(any(a["id"] == author.pk for a in item["authors"]) for item in api["items"])
