"""The v3 API: one OpenAPI schema, anonymous reads of live public content, token writes under the workflow."""

import json

import pytest
from django.core.management import call_command
from openapi_spec_validator import validate
from wagtail.models import Page, PageViewRestriction

from content_models.home.models import StandardPage

pytestmark = pytest.mark.django_db


def _ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


def test_openapi_schema_validates_and_lists_the_portals_routers(client):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["info"]["title"] == "Balalar kitaphanasy API"
    assert "/api/v3/pages/" in schema["paths"]
    assert "/api/v3/moderation/pages/{page_id}/submit/" in schema["paths"]


def test_interactive_docs_are_served(client):
    response = client.get("/api/v3/docs/")
    assert response.status_code == 200
    assert b"openapi.json" in response.content


def test_pages_listing_honours_locale(client):
    response = client.get("/api/v3/pages/?locale=ru&limit=20")
    ru_pages = set(Page.objects.live().filter(locale__language_code="ru", depth__gt=1).values_list("id", flat=True))
    assert response.json()["count"] == len(ru_pages)
    assert _ids(response) <= ru_pages
    items = client.get("/api/v3/pages/?locale=en&limit=100").json()["items"]
    assert {item["meta"]["locale"] for item in items} == {"en"}


def _draft_and_private(home):
    draft = StandardPage(title="Жоба", slug="zhoba", live=False)
    home.add_child(instance=draft)
    draft.save_revision()
    private = StandardPage(title="Жабық бет", slug="zhabyk")
    home.add_child(instance=private)
    private.save_revision().publish()
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    return draft, private


def test_api_returns_only_live_public_pages(client, section, home_pages):
    draft, private = _draft_and_private(home_pages["kk"])
    listed = _ids(client.get("/api/v3/pages/?type=content_models.StandardPage&limit=100"))
    assert draft.id not in listed and private.id not in listed
    assert client.get(f"/api/v3/pages/{draft.id}/").status_code == 404
    assert client.get(f"/api/v3/pages/{private.id}/").status_code == 404
    assert client.get(f"/api/v3/pages/{draft.id}/?version=draft").status_code == 404
    assert client.get(f"/api/v3/pages/{section('guidance').id}/").status_code == 200


def test_session_login_does_not_elevate_anonymous_reads(client, home_pages, django_user_model):
    draft, _ = _draft_and_private(home_pages["kk"])
    admin = django_user_model.objects.create_superuser("root-user", password="x")
    client.force_login(admin)
    assert draft.id not in _ids(client.get("/api/v3/pages/?type=content_models.StandardPage&limit=100"))


def test_home_detail_exposes_the_programme_fields(client, home_pages):
    data = client.get(f"/api/v3/pages/{home_pages['en'].id}/").json()
    assert data["meta"]["type"] == "content_models.HomePage"
    assert data["meta"]["locale"] == "en"
    assert {"intro", "goal", "tasks", "results"} <= data.keys()
    assert [block["value"]["target"] for block in data["results"]][:2] == ["2 M", "143 M copies"]


def _auth(token):
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _create_page(client, token, parent_id, action=None):
    body = {"meta": {"type": "content_models.StandardPage", "parent_id": parent_id}, "title": "Жаңа бөлім", "slug": "zhana-bolim"}
    if action:
        body["meta"]["action"] = action
    return client.post("/api/v3/pages/", data=json.dumps(body), content_type="application/json", **_auth(token))


def test_writes_need_a_token(client, section):
    response = client.post("/api/v3/pages/", data="{}", content_type="application/json")
    assert response.status_code == 401
    response = client.post("/api/v3/pages/", data="{}", content_type="application/json", **_auth("wrong-token"))
    assert response.status_code == 401


def test_editor_token_creates_a_draft_but_cannot_publish(client, home_pages, editor_token):
    parent = home_pages["kk"]
    refused = _create_page(client, editor_token, parent.id, action="publish")
    assert refused.status_code == 403
    assert not StandardPage.objects.filter(slug="zhana-bolim").exists()

    created = _create_page(client, editor_token, parent.id)
    assert created.status_code == 201, created.content
    page = StandardPage.objects.get(slug="zhana-bolim")
    assert page.live is False
    patch = client.patch(
        f"/api/v3/pages/{page.id}/", data=json.dumps({"title": "Өзгертілген", "meta": {"action": "publish"}}),
        content_type="application/json", **_auth(editor_token),
    )
    assert patch.status_code == 403
    publish = client.post(f"/api/v3/pages/{page.id}/actions/publish/", **_auth(editor_token))
    assert publish.status_code == 403
    page.refresh_from_db()
    assert page.live is False
    assert page.id not in _ids(client.get("/api/v3/pages/?type=content_models.StandardPage&limit=100"))


def test_editor_submits_through_the_api_and_a_moderator_approval_publishes(client, home_pages, editor, editor_token, moderator):
    parent = home_pages["kk"]
    assert _create_page(client, editor_token, parent.id).status_code == 201
    page = StandardPage.objects.get(slug="zhana-bolim")

    submitted = client.post(f"/api/v3/moderation/pages/{page.id}/submit/", **_auth(editor_token))
    assert submitted.status_code == 200, submitted.content
    assert submitted.json() == {"id": page.id, "title": "Жаңа бөлім", "workflow": "Moderator approval", "status": "in_progress", "live": False}
    again = client.post(f"/api/v3/moderation/pages/{page.id}/submit/", **_auth(editor_token))
    assert again.status_code == 409
    assert "already in moderation" in again.json()["detail"]

    page.refresh_from_db()
    task_state = page.current_workflow_task_state
    assert task_state is not None
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(moderator).can_publish()
    task_state.task.specific.on_action(task_state, moderator, "approve")
    page.refresh_from_db()
    assert page.live is True
    assert page.id in _ids(client.get("/api/v3/pages/?type=content_models.StandardPage&limit=100"))


def test_moderator_token_can_publish_directly(client, home_pages, moderator_token):
    created = _create_page(client, moderator_token, home_pages["kk"].id, action="publish")
    assert created.status_code == 201, created.content
    assert StandardPage.objects.get(slug="zhana-bolim").live is True


def test_revoked_token_is_refused(client, home_pages, editor):
    from io import StringIO

    out = StringIO()
    call_command("api_tokens", "create", "--user", editor.username, "--name", "cms sync", stdout=out)
    token = out.getvalue().strip().splitlines()[-1].strip()
    assert client.get("/api/v3/whoami/", **_auth(token)).status_code == 200
    from wagtail.models import APIToken

    call_command("api_tokens", "revoke", "--id", str(APIToken.objects.get(name="cms sync").pk), stdout=StringIO())
    assert client.post(f"/api/v3/moderation/pages/{home_pages['kk'].id}/submit/", **_auth(token)).status_code == 401
