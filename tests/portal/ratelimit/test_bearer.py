"""Guessing API tokens: failed bearer tokens are counted per client, then refused before they are checked."""

import pytest
from openapi_spec_validator import validate

from tests.conftest import token_for

pytestmark = pytest.mark.django_db

WHOAMI = "/api/v3/whoami/"
GUESSER = "192.0.2.66"
OTHER = "192.0.2.10"


def _bearer(token: str, address: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}", "REMOTE_ADDR": address}


def test_failed_tokens_lead_to_429_before_the_token_is_checked(client, limits, editor, django_assert_max_num_queries):
    limits(bearer="3/15m")
    valid = token_for(editor)
    assert [client.get(WHOAMI, **_bearer(f"guess-{n}", GUESSER)).status_code for n in range(3)] == [401, 401, 401]
    with django_assert_max_num_queries(0):
        refused = client.get(WHOAMI, **_bearer("guess-4", GUESSER))
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/problem+json"
    assert 1 <= int(refused["Retry-After"]) <= 15 * 60
    assert refused.json()["status"] == 429
    assert "no-store" in refused["Cache-Control"]
    # Even the right token is refused from the guessing client until its window ends.
    assert client.get(WHOAMI, **_bearer(valid, GUESSER)).status_code == 429
    # Another client with the valid token is unaffected, and so is the guesser's anonymous reading.
    assert client.get(WHOAMI, **_bearer(valid, OTHER)).status_code == 200
    assert client.get("/api/v3/pages/", REMOTE_ADDR=GUESSER).status_code == 200


def test_valid_tokens_are_never_counted_as_failures(client, limits, editor):
    limits(bearer="2/15m")
    valid = token_for(editor)
    assert {client.get(WHOAMI, **_bearer(valid, OTHER)).status_code for _ in range(5)} == {200}
    assert client.get("/api/v3/pages/", **_bearer(valid, OTHER)).status_code == 200
    assert client.get("/api/v3/books/", **_bearer(valid, OTHER)).status_code == 200


def test_a_wrong_token_on_a_public_read_counts_as_a_failure(client, limits):
    """Public reads fall back to anonymous on a wrong token (a 200), which must not make guessing free."""
    limits(bearer="2/15m")
    assert client.get("/api/v3/pages/", **_bearer("guess-1", GUESSER)).status_code == 200
    assert client.get("/api/v3/pages/", **_bearer("guess-2", GUESSER)).status_code == 200
    assert client.get("/api/v3/pages/", **_bearer("guess-3", GUESSER)).status_code == 429


def test_the_failure_window_frees(client, limits, clock, editor):
    limits(bearer="1/15m")
    assert client.get(WHOAMI, **_bearer("guess", GUESSER)).status_code == 401
    refused = client.get(WHOAMI, **_bearer(token_for(editor), GUESSER))
    assert refused.status_code == 429
    clock.advance(int(refused["Retry-After"]))
    assert client.get(WHOAMI, **_bearer(token_for(editor), GUESSER)).status_code == 200


def test_the_schema_documents_429_on_limited_and_token_operations(client):
    schema = client.get("/api/v3/openapi.json").json()
    validate(schema)
    for path, method in [
        ("/api/v3/holdings/check/", "post"),
        ("/api/v3/search/", "get"),
        ("/api/v3/search/autocomplete/", "get"),
        ("/api/v3/whoami/", "get"),
        ("/api/v3/pages/", "post"),
    ]:
        answer = schema["paths"][path][method]["responses"]["429"]
        assert "Retry-After" in answer["headers"]
        assert "application/problem+json" in answer["content"]
    assert "429" not in schema["paths"]["/api/v3/books/"]["get"]["responses"]
