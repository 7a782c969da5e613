"""/api/v3/search/ and /api/v3/search/autocomplete/: the documented shape, 400s for bad input, live content only.
Over the sample book list (the `booklist` fixture) and the pages each test builds."""

import pytest
from openapi_spec_validator import validate

from content_models.books.models import BookPage
from tests.factories import make_book

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booklist")]


def test_search_returns_typed_highlighted_results_with_absolute_urls(client):
    data = client.get("/api/v3/search/", {"q": "Абай жолы", "locale": "ru"}).json()
    book = BookPage.objects.get(list_no=24, locale__language_code="ru")
    assert data["query"] == "Абай жолы" and data["locale"] == "ru"
    item = next(item for item in data["items"] if item["type"] == "book")
    assert item["id"] == book.pk and item["title"] == "Путь Абая"
    assert item["type_label"] == "Книга"
    assert item["html_url"] == f"http://testserver{book.url}"
    assert "<mark>" in item["snippet"] or "<mark>" in item["title_html"]
    assert isinstance(item["score"], float)
    assert data["count"] >= 1 and data["facets"]["book"] >= 1
    assert set(data) == {"query", "locale", "count", "limit", "offset", "facets", "other_locales", "partial", "suggestion", "items"}


def test_the_response_matches_the_documented_schema(client, page_with_text):
    page_with_text("video", "Мектеп кітапханасы туралы бейне.")
    schema = client.get("/api/v3/openapi.json").json()
    validate(schema)
    out = schema["components"]["schemas"]["SearchOut"]
    item = schema["components"]["schemas"]["SearchItemOut"]
    data = client.get("/api/v3/search/", {"q": "кітапхана", "limit": 20}).json()
    assert set(data) == set(out["properties"])
    assert {"page", "video"} <= {entry["type"] for entry in data["items"]}
    for entry in data["items"]:
        assert set(entry) == set(item["properties"])
    auto = client.get("/api/v3/search/autocomplete/", {"q": "Абай"}).json()
    assert set(auto) == set(schema["components"]["schemas"]["AutocompleteOut"]["properties"])
    assert set(auto["items"][0]) == set(schema["components"]["schemas"]["AutocompleteItemOut"]["properties"])


def test_type_filter_repeated_or_comma_separated(client, page_with_text):
    page_with_text("video", "Мектеп кітапханасы туралы бейне.")
    page_with_text("guideline", "Мектеп кітапханасының жұмыс тәртібі.")
    a = client.get("/api/v3/search/?q=кітапхана&type=video&type=guideline").json()
    b = client.get("/api/v3/search/?q=кітапхана&type=video,guideline").json()
    assert a["count"] == b["count"] > 0
    assert {item["type"] for item in a["items"]} == {"video", "guideline"}


def test_limit_and_offset_page_through_the_results(client):
    first = client.get("/api/v3/search/", {"q": "кітап", "limit": 3}).json()
    second = client.get("/api/v3/search/", {"q": "кітап", "limit": 3, "offset": 3}).json()
    assert len(first["items"]) == 3 and first["limit"] == 3 and second["offset"] == 3
    assert not {i["html_url"] for i in first["items"]} & {i["html_url"] for i in second["items"]}


def test_suggestion_and_partial_results(client):
    data = client.get("/api/v3/search/", {"q": "Көксереккк"}).json()
    assert data["count"] == 0 and data["suggestion"] == "Көксерек"
    partial = client.get("/api/v3/search/", {"q": "Көксерек заңғарқұбылыс"}).json()
    assert partial["partial"] is True and partial["count"] >= 1


@pytest.mark.parametrize("params,message", [
    ({"q": "   "}, "q is required"),
    ({"q": "«»—"}, "no letters or digits"),
    ({"q": "Абай", "locale": "de"}, "unknown locale"),
    ({"q": "Абай", "type": "novel"}, "unknown type"),
])
def test_bad_input_is_a_400_with_a_message(client, params, message):
    response = client.get("/api/v3/search/", params)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert message in response.json()["detail"]


@pytest.mark.parametrize("params,error", [
    ({}, ("q", "missing")),
    ({"q": ""}, ("q", "string_too_short")),
    ({"q": "ә" * 201}, ("q", "string_too_long")),
    ({"q": "Абай", "limit": 0}, ("limit", "greater_than_equal")),
    ({"q": "Абай", "limit": 51}, ("limit", "less_than_equal")),
    ({"q": "Абай", "offset": 1001}, ("offset", "less_than_equal")),
])
def test_input_against_the_documented_schema_is_a_422_problem(client, params, error):
    response = client.get("/api/v3/search/", params)
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert [(item["loc"][-1], item["type"]) for item in response.json()["errors"]] == [error]


def test_q_limit_and_offset_are_documented(client):
    operation = client.get("/api/v3/openapi.json").json()["paths"]["/api/v3/search/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}
    assert parameters["q"]["required"] is True
    assert parameters["q"]["schema"]["minLength"] == 1 and parameters["q"]["schema"]["maxLength"] == 200
    assert (parameters["limit"]["schema"]["minimum"], parameters["limit"]["schema"]["maximum"]) == (1, 50)
    assert {"400", "422"} <= operation["responses"].keys()
    assert set(operation["responses"]["422"]["content"]) == {"application/problem+json"}


def test_a_non_number_limit_is_a_client_error_not_a_500(client):
    assert 400 <= client.get("/api/v3/search/", {"q": "Абай", "limit": "many"}).status_code < 500


def test_autocomplete_gives_titles_and_authors(client):
    data = client.get("/api/v3/search/autocomplete/", {"q": "Абай жо", "locale": "kk"}).json()
    assert data["items"][0]["title"] == "Абай жолы"
    assert data["items"][0]["url"].startswith("/kk/books/")
    assert {item["type"] for item in data["items"]} <= {"book", "author"}
    assert client.get("/api/v3/search/autocomplete/", {"q": "Ауэз", "locale": "ru", "limit": 2}).json()["items"][0]["type"] == "author"


@pytest.mark.parametrize("params", [{}, {"q": ""}, {"q": "x" * 201}, {"q": "Абай", "locale": "xx"}, {"q": "Абай", "limit": 21}])
def test_autocomplete_refuses_bad_input(client, params):
    response = client.get("/api/v3/search/autocomplete/", params)
    assert response.status_code in (400, 422) and response.json()["detail"]
    assert response["Content-Type"] == "application/problem+json"


def test_only_live_public_content_is_returned(client, section, page_with_text):
    from wagtail.models import PageViewRestriction

    make_book(9201, "Құпия қолжазбаның атауы", live=False)
    data = client.get("/api/v3/search/", {"q": "Құпия қолжазбаның атауы"}).json()
    assert "Құпия қолжазбаның атауы" not in [item["title"] for item in data["items"]]
    assert client.get("/api/v3/search/autocomplete/", {"q": "Құпия қолжаз"}).json()["items"] == []
    page_with_text("video", "Мектеп кітапханасы туралы бейне.")
    assert client.get("/api/v3/search/", {"q": "кітапхана", "type": "video"}).json()["count"] == 1
    PageViewRestriction.objects.create(page=section("videos", "kk"), restriction_type="password", password="x")
    data = client.get("/api/v3/search/", {"q": "кітапхана", "type": "video"}).json()
    assert data["count"] == 0 and data["items"] == []


def test_search_answers_in_few_queries(client, django_assert_max_num_queries):
    from search.queries import clear_caches

    client.get("/api/v3/search/", {"q": "Абай"})
    clear_caches()
    with django_assert_max_num_queries(7):
        assert client.get("/api/v3/search/", {"q": "Мұхтар Әуезов"}).status_code == 200
    with django_assert_max_num_queries(3):  # the index version; candidates (two bounded parts on PostgreSQL)
        assert client.get("/api/v3/search/autocomplete/", {"q": "Мұхтар Әу"}).status_code == 200
