"""The v3 schema documents every error as an RFC 9457 problem, and the limits every request is held to."""

import pytest
from openapi_spec_validator import validate

from portal.api_docs import PORTAL_PATHS
from portal.api_guards import INT64_MAX, SEARCH_MAX_LENGTH

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"


@pytest.fixture
def schema(client):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    return response.json()


def _operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_the_schema_stays_valid_openapi(schema):
    validate(schema)


def test_every_documented_error_is_a_problem(schema):
    problem = schema["components"]["schemas"]["ProblemDetail"]
    assert {"type", "title", "status"} <= set(problem["required"])
    for path, method, operation in _operations(schema):
        for code, response in operation["responses"].items():
            if code.startswith("4"):
                assert response["content"] == {PROBLEM: {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}}, (path, method, code)
                assert response["description"], (path, method, code)


def test_the_portals_operations_document_their_errors(schema):
    portal = [(path, method, operation) for path, method, operation in _operations(schema) if path.startswith(PORTAL_PATHS)]
    assert {operation["operationId"] for _path, _method, operation in portal} >= {
        "moderation_submit_page", "books_list", "books_composition", "books_detail", "events_list", "event_types_list",
        "event_regions_list", "exhibitions_list", "notable_dates_list", "search", "search_autocomplete", "holdings_check",
    }
    for path, method, operation in portal:
        codes = set(operation["responses"])
        if operation.get("parameters") or operation.get("requestBody"):
            assert {"400", "422"} <= codes, path
        if "{" in path:
            assert "404" in codes, path
    submit = schema["paths"]["/api/v3/moderation/pages/{page_id}/submit/"]["post"]
    assert {"401", "403", "404", "409"} <= set(submit["responses"])


def test_token_operations_document_401_and_403(schema):
    create = schema["paths"]["/api/v3/pages/"]["post"]
    assert {"401", "403", "422"} <= set(create["responses"])
    assert "401" not in schema["paths"]["/api/v3/books/"]["get"]["responses"]


def test_integers_are_64_bit_and_search_is_bounded(schema):
    listing = {parameter["name"]: parameter["schema"] for parameter in schema["paths"]["/api/v3/pages/"]["get"]["parameters"]}
    assert listing["offset"]["maximum"] == INT64_MAX and listing["offset"]["minimum"] == 0
    assert listing["search"]["maxLength"] == SEARCH_MAX_LENGTH
    detail = schema["paths"]["/api/v3/pages/{page_id}/"]["get"]["parameters"][0]["schema"]
    assert detail["maximum"] == INT64_MAX


def test_locale_of_the_portals_operations_is_one_of_the_languages(schema):
    events = {parameter["name"]: parameter["schema"] for parameter in schema["paths"]["/api/v3/events/"]["get"]["parameters"]}
    assert events["locale"]["anyOf"][0]["enum"] == ["kk", "ru", "en"]
    books = {parameter["name"]: parameter["schema"] for parameter in schema["paths"]["/api/v3/books/"]["get"]["parameters"]}
    assert books["locale"]["enum"] == ["kk", "ru", "en"]


@pytest.mark.parametrize("path", ["/api/v3/events/?locale=", "/api/v3/events/types/?locale=%20kk", "/api/v3/exhibitions/?locale=", "/api/v3/notable-dates/?locale=de"])
def test_an_empty_or_unknown_locale_is_a_400_problem(client, path):
    response = client.get(path)
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    assert "locale" in response.json()["detail"]
