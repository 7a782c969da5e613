"""Requests that used to be server errors in the v3 API are 4xx problems now (portal.api_guards), each probed in
a test of its own: on PostgreSQL a failed statement would abort the rest of a test's transaction."""

import json

import pytest
from wagtail.models import Page

from portal.api_guards import INT64_MAX, SEARCH_MAX_LENGTH, SEARCH_MAX_WORDS

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
PROBLEM = "application/problem+json"


def _problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["title"]
    return body


def _auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def test_pages_offset_beyond_64_bits_is_refused(client):
    body = _problem(client.get(f"/api/v3/pages/?offset={HUGE}"), 422)
    assert body["errors"][0]["loc"] == ["offset"]
    assert body["errors"][0]["type"] == "less_than_equal"


def test_pages_offset_at_64_bits_is_an_empty_page(client):
    response = client.get(f"/api/v3/pages/?offset={INT64_MAX}")
    assert response.status_code == 200, response.content
    assert response.json()["items"] == []


@pytest.mark.parametrize("query", ["offset=-1", "limit=0", "limit=-1", f"limit={HUGE}", "limit=101"])
def test_pages_bad_window_is_a_problem(client, query):
    response = client.get(f"/api/v3/pages/?{query}")
    assert response.status_code in (400, 422)
    assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize("name", ["child_of", "descendant_of", "ancestor_of", "translation_of"])
def test_pages_relative_to_an_id_beyond_64_bits_is_refused(client, name):
    body = _problem(client.get(f"/api/v3/pages/?{name}={HUGE}"), 422)
    assert body["errors"][0]["loc"] == [name]


@pytest.mark.parametrize("query", ["order=%27%3B--", "order=-", "type=nope.Nope", "search_operator=xor", "child_of=root&descendant_of=root"])
def test_pages_junk_parameters_are_problems(client, query):
    response = client.get(f"/api/v3/pages/?{query}")
    assert 400 <= response.status_code < 500, response.content
    assert response["Content-Type"] == PROBLEM


def test_pages_unknown_field_names_are_left_alone(client):
    assert client.get("/api/v3/pages/?fields=*,,_&zzz=1").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/api/v3/pages/{huge}/", "/api/v3/pages/{huge}/revisions/", "/api/v3/pages/1/revisions/{huge}/",
        "/api/v3/books/{huge}/", "/api/v3/pages/find/?id={huge}", "/api/v3/sites/{huge}/", "/api/v3/redirects/{huge}/",
        "/api/v3/documents/{huge}/", "/api/v3/images/{huge}/", "/api/v3/redirects/find/?id={huge}",
    ],
)
def test_ids_beyond_64_bits_in_reads_are_refused(client, editor_token, path):
    response = client.get(path.format(huge=HUGE), **_auth(editor_token))
    assert response.status_code in (404, 422), response.content
    assert response["Content-Type"] == PROBLEM


@pytest.mark.parametrize("action", ["publish", "unpublish", "copy", "create_alias", "convert_alias"])
def test_actions_on_an_id_beyond_64_bits_are_refused(client, moderator_token, action):
    response = client.post(f"/api/v3/pages/{HUGE}/actions/{action}/", data="{}", content_type="application/json", **_auth(moderator_token))
    _problem(response, 422)


@pytest.mark.parametrize("path", ["/api/v3/pages/{huge}/", "/api/v3/pages/{huge}/actions/delete/"])
def test_deleting_an_id_beyond_64_bits_is_refused(client, moderator_token, path):
    _problem(client.delete(path.format(huge=HUGE), **_auth(moderator_token)), 422)


def test_ids_beyond_64_bits_in_a_body_are_refused(client, moderator_token, home_pages):
    body = json.dumps({"destination_id": int(HUGE)})
    response = client.post(f"/api/v3/pages/{home_pages['kk'].id}/actions/copy/", data=body, content_type="application/json", **_auth(moderator_token))
    problem = _problem(response, 422)
    assert problem["errors"][0]["loc"] == ["destination_id"]


def test_moderation_submit_of_an_id_beyond_64_bits_is_refused(client, editor_token):
    _problem(client.post(f"/api/v3/moderation/pages/{HUGE}/submit/", **_auth(editor_token)), 422)


def test_search_of_thirteen_hundred_words_is_refused(client):
    words = " ".join(["абай"] * 1300)
    body = _problem(client.get("/api/v3/pages/", {"search": words}), 422)
    assert body["errors"][0]["type"] == "string_too_long"


def test_search_of_many_short_words_searches_the_first_ones(client, home_pages):
    words = " ".join(["а"] * (SEARCH_MAX_LENGTH // 2))
    assert len(words.split()) > SEARCH_MAX_WORDS
    response = client.get("/api/v3/pages/", {"search": words})
    assert response.status_code == 200, response.content


@pytest.mark.parametrize("token", ["editor_token", "moderator_token"])
@pytest.mark.parametrize("action", ["copy", "create_alias"])
def test_copying_the_root_page_is_refused(client, request, token, action):
    root = Page.get_first_root_node()
    response = client.post(f"/api/v3/pages/{root.id}/actions/{action}/", data="{}", content_type="application/json", **_auth(request.getfixturevalue(token)))
    body = _problem(response, 400)
    assert "root" in body["detail"]
    assert Page.objects.filter(depth=1).count() == 1


@pytest.mark.parametrize("token", ["editor_token", "moderator_token"])
def test_moving_the_root_page_is_refused(client, request, token, home_pages):
    root = Page.get_first_root_node()
    body = json.dumps({"destination_id": home_pages["kk"].id, "position": "last-child"})
    response = client.post(f"/api/v3/pages/{root.id}/actions/move/", data=body, content_type="application/json", **_auth(request.getfixturevalue(token)))
    _problem(response, 400)
    root.refresh_from_db()
    assert root.depth == 1


def test_root_page_actions_still_need_a_token(client):
    root = Page.get_first_root_node()
    _problem(client.post(f"/api/v3/pages/{root.id}/actions/copy/", data="{}", content_type="application/json"), 401)


@pytest.mark.parametrize("body", ["[null, null]", "42", '"text"'])
def test_a_page_body_that_is_not_an_object_is_refused(client, editor_token, home_pages, body):
    response = client.patch(f"/api/v3/pages/{home_pages['kk'].id}/", data=body, content_type="application/json", **_auth(editor_token))
    assert _problem(response, 422)["errors"][0]["loc"] == ["body"]


def test_a_page_created_from_a_list_is_refused(client, editor_token):
    _problem(client.post("/api/v3/pages/", data="[1]", content_type="application/json", **_auth(editor_token)), 422)


def test_revisions_by_a_user_id_that_is_no_id_are_refused(client, moderator_token, home_pages):
    response = client.get(f"/api/v3/pages/{home_pages['kk'].id}/revisions/?user_id=null", **_auth(moderator_token))
    assert _problem(response, 422)["errors"][0]["loc"] == ["user_id"]


def test_revisions_by_a_user_id_are_listed(client, moderator_token, moderator, home_pages):
    response = client.get(f"/api/v3/pages/{home_pages['kk'].id}/revisions/?user_id={moderator.pk}", **_auth(moderator_token))
    assert response.status_code == 200, response.content
    assert response.json()["count"] == 0


@pytest.mark.parametrize("position", [None, "left", "right", "first-sibling", "last-sibling"])
def test_moving_a_page_beside_the_root_is_refused(client, moderator_token, home_pages, position):
    root = Page.get_first_root_node()
    body = {"destination_id": root.id} | ({"position": position} if position else {})
    response = client.post(
        f"/api/v3/pages/{home_pages['kk'].id}/actions/move/", data=json.dumps(body), content_type="application/json", **_auth(moderator_token),
    )
    assert "root" in _problem(response, 400)["detail"]
    assert Page.objects.filter(depth=1).count() == 1


@pytest.mark.parametrize(
    "url",
    [
        "/api/v3/notable-dates/?locale=k%00k",
        "/api/v3/events/?locale=%00",
        "/api/v3/pages/?search=%00",
        "/api/v3/pages/?slug=bas%00ty",
    ],
)
def test_a_nul_character_in_a_parameter_is_refused(client, url):
    """PostgreSQL refuses NUL even in a comparison: found by the fuzzer on /api/v3/notable-dates/?locale=…%00…"""
    body = _problem(client.get(url), 422)
    text = json.dumps(body).lower()
    assert "nul character (u+0000)" in text or "null characters are not allowed" in text  # ours, or Wagtail's filter


def test_an_unknown_locale_is_a_400_without_asking_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        body = _problem(client.get("/api/v3/notable-dates/", {"locale": "xx"}), 400)
    assert "xx" in body["detail"]
