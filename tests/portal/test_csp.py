"""Every HTML response carries the portal's Content-Security-Policy: everything from the portal itself, inline scripts
only with the response's nonce (none at all on public pages), frame-ancestors saying what X-Frame-Options says."""

import re

import pytest
from django.test import override_settings

from tests.factories import make_book

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
DATA_TYPES = ("application/json", "application/ld+json", "text/template")


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_portal_policy(response):
    directives = policy(response)
    assert directives["default-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'self'"] and directives["form-action"] == ["'self'"]
    for name, values in directives.items():
        for value in values:
            # Keywords, nonces and the data:/blob: schemes only: no host, no other scheme, no wildcard.
            assert value.startswith("'") or value in ("data:", "blob:"), (name, value)
    assert "'unsafe-inline'" not in directives["script-src"] and "'unsafe-eval'" not in directives["script-src"]
    return directives


def inline_scripts(html: str) -> list[str]:
    """The attributes of every <script> that the browser would run as inline code."""
    found = []
    for attributes in SCRIPT_TAG.findall(html):
        if "src=" in attributes or any(kind in attributes for kind in DATA_TYPES):
            continue
        found.append(attributes)
    return found


def test_public_pages_carry_the_policy_and_need_no_nonce(client, home_pages):
    book = make_book(7, "Абай жолы", author="Мұхтар Әуезов")
    for url in ("/kk/", "/ru/", book.url, "/kk/books/", "/kk/search/?q=абай"):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = assert_portal_policy(response)
        assert directives["style-src"] == ["'self'", "'report-sample'"], url  # no inline style on public pages
        assert not any(value.startswith("'nonce-") for value in directives["script-src"]), url
        assert inline_scripts(response.content.decode()) == [], url
        assert directives["frame-ancestors"] == ["'self'"] and response["X-Frame-Options"] == "SAMEORIGIN"
        assert directives["media-src"] == ["'self'"]


def test_not_found_page_carries_the_policy(client):
    response = client.get("/kk/no-such-page/")
    assert response.status_code == 404
    assert_portal_policy(response)
    assert inline_scripts(response.content.decode()) == []


def test_admin_pages_carry_the_policy_and_every_inline_script_has_the_response_nonce(client, admin_user, home_pages):
    assert_portal_policy(client.get("/admin/login/"))
    client.force_login(admin_user)
    book = make_book(7, "Абай жолы", author="Мұхтар Әуезов")
    for url in ("/admin/", "/admin/pages/", f"/admin/pages/{book.pk}/edit/"):
        response = client.get(url)
        assert response.status_code == 200, url
        directives = assert_portal_policy(response)
        # Wagtail's rich text editor writes <style> elements: the admin alone allows inline styles.
        assert "'unsafe-inline'" in directives["style-src"]
        nonces = [value[len("'nonce-") : -1] for value in directives["script-src"] if value.startswith("'nonce-")]
        scripts = inline_scripts(response.content.decode())
        if scripts:
            assert len(nonces) == 1, url
            assert all(f'nonce="{nonces[0]}"' in attributes for attributes in scripts), (url, scripts)
    # The page editor has inline scripts (its choosers, its date pickers, its inline panels), all with the nonce.
    assert len(scripts) >= 3


def test_each_response_gets_a_fresh_nonce(client, admin_user, home_pages):
    client.force_login(admin_user)
    url = f"/admin/pages/{home_pages['kk'].pk}/edit/"
    first, second = (policy(client.get(url))["script-src"] for _ in range(2))
    assert first != second and any(value.startswith("'nonce-") for value in first)


def test_a_cached_page_is_served_with_the_header_it_was_built_with(client, settings):
    settings.PORTAL_PAGE_CACHE = True
    book = make_book(7, "Абай жолы", author="Мұхтар Әуезов")
    first = client.get(book.url)
    second = client.get(book.url)
    assert (first["X-Portal-Cache"], second["X-Portal-Cache"]) == ("miss", "hit")
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert "nonce-" not in second["Content-Security-Policy"]
    assert second["X-Frame-Options"] == first["X-Frame-Options"]


@override_settings(X_FRAME_OPTIONS="DENY")
def test_frame_ancestors_follow_x_frame_options(client, admin_user, home_pages):
    response = client.get("/kk/")
    assert response["X-Frame-Options"] == "DENY"
    assert policy(response)["frame-ancestors"] == ["'none'"]
    # Wagtail's preview overrides DENY with SAMEORIGIN so that the editor can show it: the policy follows.
    client.force_login(admin_user)
    preview = client.get(f"/admin/pages/{home_pages['kk'].pk}/edit/preview/?mode=")
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert policy(preview)["frame-ancestors"] == ["'self'"]


def test_outside_servers_appear_only_in_the_admin_and_only_when_switched_on(client, admin_user, settings):
    client.force_login(admin_user)
    assert "wagtail.org" not in client.get("/admin/")["Content-Security-Policy"]
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = True
    settings.WAGTAIL_GRAVATAR_PROVIDER_URL = "//www.gravatar.com/avatar"
    admin = policy(client.get("/admin/"))
    assert admin["connect-src"] == ["'self'", "https://releases.wagtail.org"]
    assert admin["img-src"] == ["'self'", "data:", "blob:", "www.gravatar.com"]
    assert policy(client.get("/kk/"))["img-src"] == ["'self'", "data:"]
    client.logout()
    assert_portal_policy(client.get("/kk/"))  # public pages: still nothing from outside


def test_api_docs_page_runs_no_inline_script(client):
    response = client.get("/api/v3/docs/")
    assert response.status_code == 200
    assert_portal_policy(response)
    html = response.content.decode()
    assert inline_scripts(html) == []
    assert "swagger-ui-bundle.js" in html and "swagger-ui-init.js" in html


def test_chooser_widget_outside_a_request_writes_no_nonce():
    from wagtail.admin.widgets import AdminPageChooser

    html = AdminPageChooser().render("page", None, attrs={"id": "id_page"})
    assert "<script>" in html and "nonce=" not in html


def test_report_uri_comes_from_the_environment():
    import os
    import subprocess
    import sys
    from pathlib import Path

    code = "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['report-uri'])"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.dev", "CSP_REPORT_URI": "/csp-reports/"}
    result = subprocess.run([sys.executable, "manage.py", "shell", "-c", code], cwd=Path(__file__).resolve().parents[2],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "['/csp-reports/']", result.stderr
