"""A closed school network: the API docs, the admin and the favicon need nothing from outside."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]

# What a browser loads by itself (src= of any element, href= of <link>); plain links to elsewhere are fine.
OUTSIDE = re.compile(r"""(?:\bsrc=|<link\b[^>]*\bhref=)["'](?:https?:)?//(?!127\.0\.0\.1|localhost|testserver)""")


def test_favicon_is_the_portals_own_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
    assert client.post("/favicon.ico").status_code == 405


def test_pages_link_the_favicon(client):
    html = client.get("/kk/").content.decode()
    assert '<link rel="icon" href="/favicon.ico"' in html and "img/favicon.svg" in html


def test_api_docs_load_swagger_ui_from_the_portal(client):
    response = client.get("/api/v3/docs/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "/static/ninja/swagger-ui-bundle.js" in html and "/static/ninja/swagger-ui.css" in html
    assert not OUTSIDE.search(html), OUTSIDE.search(html)
    assert '"validatorUrl": null' in html
    assert client.get("/static/ninja/swagger-ui-bundle.js").status_code == 200


def test_admin_dashboard_has_no_release_check_or_gravatar_by_default(client, settings):
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False and settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    user = get_user_model().objects.create_superuser("root-dashboard", email="root@school.kz", password="x")
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    assert "w-upgrade" not in html and "gravatar" not in html
    assert not OUTSIDE.search(html), OUTSIDE.search(html)
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = True
    assert "w-upgrade" in client.get("/admin/").content.decode()


@pytest.mark.parametrize("value, expected", [("", "False"), ("0", "False"), ("1", "True"), ("lts", "lts")])
def test_update_check_and_gravatar_follow_the_environment(value, expected):
    env = {**os.environ, "WAGTAIL_ENABLE_UPDATE_CHECK": value, "WAGTAIL_GRAVATAR_PROVIDER_URL": "//avatars.school.kz/avatar" if value else ""}
    code = "import portal.settings.base as s; print(s.WAGTAIL_ENABLE_UPDATE_CHECK, s.WAGTAIL_GRAVATAR_PROVIDER_URL)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == [expected, "//avatars.school.kz/avatar" if value else "None"], result.stderr
