"""/api/v3/books/ over the sample of the list (150 titles): its filters and facet counts checked against the sample's
rows, detail and composition; 400 on bad input."""

import csv

import pytest

from content_models.books.codes import parse_grades
from content_models.books.models import BookPage
from content_models.demo.loader import SAMPLE_LIST as SAMPLE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booklist")]


def rows():
    with SAMPLE.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_list_filters_by_two_facets_and_counts_the_others(client):
    data = client.get("/api/v3/books/?period=classical&genre=poetry&locale=ru&limit=100").json()
    expected = [row for row in rows() if row["period"] == "classical" and row["genre"] == "poetry"]
    assert data["count"] == len(expected)
    assert [item["list_no"] for item in data["items"]] == [int(row["list_no"]) for row in expected]
    assert {item["locale"] for item in data["items"]} == {"ru"}
    assert data["facets"]["genre"]["prose"] == sum(1 for row in rows() if row["period"] == "classical" and row["genre"] == "prose")
    assert data["facets"]["period"]["world"] == sum(1 for row in rows() if row["period"] == "world" and row["genre"] == "poetry")
    item = data["items"][0]
    assert item["period_label"] == "Древняя и классическая литература"
    assert item["html_url"].startswith("http://testserver/ru/books/")


def test_grades_filter_matches_overlapping_ranges(client):
    data = client.get("/api/v3/books/?grades=10-11&limit=1").json()
    def overlaps(grades):
        low, high = parse_grades(grades)
        return low <= 11 and high >= 10
    assert data["count"] == sum(1 for row in rows() if overlaps(row["grades"]))


def test_comma_separated_and_repeated_values_mean_the_same(client):
    a = client.get("/api/v3/books/?genre=drama,poetry").json()
    b = client.get("/api/v3/books/?genre=drama&genre=poetry").json()
    assert a["count"] == b["count"] == sum(1 for row in rows() if row["genre"] in ("drama", "poetry"))


def test_search_finds_books_in_any_spelling(client):
    for query in ("Абай жолы", "Abai joly", "Путь Абая", "The Path of Abai", "Auezov"):
        data = client.get("/api/v3/books/", {"search": query, "locale": "kk"}).json()
        assert 24 in [item["list_no"] for item in data["items"]], query


def test_limit_offset_and_sort(client):
    first = client.get("/api/v3/books/?limit=5&offset=0&sort=title&locale=en").json()
    second = client.get("/api/v3/books/?limit=5&offset=5&sort=title&locale=en").json()
    assert first["count"] == second["count"] == len(rows())
    assert len(first["items"]) == 5
    assert not {item["id"] for item in first["items"]} & {item["id"] for item in second["items"]}
    titles = [item["title"] for item in first["items"] + second["items"]]
    assert titles == sorted(titles, key=str.lower)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("period=medieval", "unknown period code(s): medieval"),
        ("genre=comics", "unknown genre code(s): comics"),
        ("literature=both", "unknown literature code(s): both"),
        ("language=xx", "unknown language code(s): xx"),
        ("grades=0-12", "grades run from 1 to 11"),
        ("edition=last", "edition must be one year"),
        ("locale=de", "unknown locale 'de'"),
        ("sort=price", "unknown sort 'price'"),
    ],
)
def test_unknown_codes_are_a_400_with_a_message(client, query, message):
    response = client.get(f"/api/v3/books/?{query}")
    assert response.status_code == 400
    assert message in response.json()["detail"]


def test_over_long_search_and_bad_limits_are_refused(client):
    assert client.get("/api/v3/books/", {"search": "а" * 201}).status_code in (400, 422)
    assert client.get("/api/v3/books/?limit=0").status_code == 422
    assert client.get("/api/v3/books/?limit=101").status_code == 422


def test_detail_has_the_annotation_and_the_translations(client):
    kk = BookPage.objects.get(locale__language_code="kk", list_no=111)
    data = client.get(f"/api/v3/books/{kk.id}/").json()
    assert data["title"] == "Кішкентай ханзада"
    assert data["annotation"].startswith("<p>")
    assert data["annotation_text"] and "<" not in data["annotation_text"]
    ru_id = data["translations"]["ru"]
    assert client.get(f"/api/v3/books/{ru_id}/").json()["title"] == "Маленький принц"
    assert client.get("/api/v3/books/0/").status_code == 404


def test_edition_filter_shows_the_list_of_that_year(client):
    book = BookPage.objects.get(locale__language_code="kk", list_no=150)
    for page in BookPage.objects.filter(list_no=150):
        page.edition_removed = 2026
        page.save_revision().publish()
    current = client.get("/api/v3/books/?limit=1").json()
    in_2025 = client.get("/api/v3/books/?edition=2025&limit=1").json()
    in_2026 = client.get("/api/v3/books/?edition=2026&limit=1").json()
    assert current["count"] == len(rows()) - 1
    assert in_2025["count"] == len(rows())
    assert in_2026["count"] == len(rows()) - 1
    assert current["facets"]["edition"] == {"2024": len(rows()), "2026": len(rows()) - 1}
    assert client.get(f"/api/v3/books/{book.id}/").json()["edition_removed"] == 2026


def test_books_api_query_count_is_bounded(client, django_assert_max_num_queries):
    client.get("/api/v3/books/")
    with django_assert_max_num_queries(3):
        assert client.get("/api/v3/books/?period=world&genre=prose&locale=ru").status_code == 200


def test_books_routes_are_in_the_openapi_schema(client):
    paths = client.get("/api/v3/openapi.json").json()["paths"]
    assert {"/api/v3/books/", "/api/v3/books/composition/", "/api/v3/books/{book_id}/"} <= set(paths)


def test_list_response_matches_its_documented_schema(client):
    from content_models.books.api import BookListOut

    data = client.get("/api/v3/books/?period=world&limit=5&locale=en").json()
    parsed = BookListOut.model_validate(data)
    assert parsed.count == data["count"] and len(parsed.items) == 5
    assert set(data["items"][0]) == set(BookListOut.model_json_schema()["$defs"]["BookOut"]["properties"])
