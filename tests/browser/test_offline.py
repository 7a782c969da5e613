"""Nothing reaches outside on a closed school network: the API docs, the admin dashboard and public pages load
every resource from the portal itself (each request to a host other than loopback is recorded and blocked)."""

from urllib.parse import urlsplit

import pytest

LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}


@pytest.fixture
def outside_requests(page):
    """Every request the page makes to a non-loopback host; such requests are recorded and aborted, never sent."""
    outside = []

    def route(route):
        url = route.request.url
        if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).hostname not in LOOPBACK:
            outside.append(url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", route)
    return outside


def _log_in(page, base_url, username, password):
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")


def test_the_api_docs_and_public_pages_load_nothing_from_outside(live_demo, page, outside_requests):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_demo.url}/api/v3/docs/", wait_until="networkidle")
    books = page.locator(".opblock-summary-path[data-path='/api/v3/books/']").first
    books.wait_for(state="visible", timeout=15_000)
    assert page.locator(".opblock").count() > 20
    assert any(url.endswith("/static/ninja/swagger-ui-bundle.js") for url in requested)
    assert any(url.endswith("/api/v3/openapi.json") for url in requested)
    assert outside_requests == []

    for path in ("/kk/", "/ru/books/", "/en/videos/", "/kk/events/", "/en/search/?q=abai"):
        response = page.goto(f"{live_demo.url}{path}", wait_until="networkidle")
        assert response.status == 200, path
        assert page.locator("link[rel=icon]").count() >= 1
    icon = page.request.get(f"{live_demo.url}/favicon.ico")
    assert icon.status == 200 and icon.headers["content-type"] == "image/vnd.microsoft.icon"
    assert outside_requests == []


def test_the_admin_dashboard_asks_no_outside_server_unless_the_release_check_is_on(live_demo, live_admin, page, outside_requests, settings):
    _log_in(page, live_demo.url, *live_admin)
    page.goto(f"{live_demo.url}/admin/", wait_until="networkidle")
    assert page.locator("main").first.is_visible()
    page.goto(f"{live_demo.url}/admin/pages/", wait_until="networkidle")
    assert outside_requests == []

    # The recorder does see an outside call: Wagtail's release check, switched on for this request.
    settings.WAGTAIL_ENABLE_UPDATE_CHECK = True
    page.goto(f"{live_demo.url}/admin/", wait_until="networkidle")
    assert outside_requests and all("wagtail" in urlsplit(url).hostname for url in outside_requests)
