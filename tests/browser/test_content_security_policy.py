"""Every public page type and the admin's editors work under the portal's Content-Security-Policy, and the browser
records no violation: no refused script, style, image, media file, frame or request."""

import pytest

from tests.browser.csp import CSPRecorder
from tests.browser.test_offline import _log_in
from tests.browser.test_phones_and_axe import PAGE_TYPES

LANGUAGES = ("kk", "ru")


@pytest.fixture
def csp_context(browser):
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    recorder = CSPRecorder(context)
    yield context, recorder
    context.close()


def _visit(page, recorder, url, status=200):
    response = page.goto(url, wait_until="networkidle")
    assert response.status == status, (url, response.status)
    assert "default-src 'self'" in response.headers["content-security-policy"], url
    recorder.settle(page)
    return response


def test_every_public_page_type_works_without_a_violation(live_demo, csp_context):
    context, recorder = csp_context
    page = context.new_page()
    for language in LANGUAGES:
        for kind, path in PAGE_TYPES.items():
            _visit(page, recorder, f"{live_demo.url}/{language}{path}", status=404 if kind == "404" else 200)
            assert page.locator("link[rel=stylesheet]").count() >= 1
            assert page.evaluate("getComputedStyle(document.querySelector('.site-header')).display") != "inline", kind  # CSS applied

        # The scripts ran: the book list's facets, the guideline's print button, the search suggestions (a fetch).
        _visit(page, recorder, f"{live_demo.url}/{language}/guidance/collection-forming-instruction/")
        assert page.locator("[data-print-button]").is_visible()
        box = page.locator("#site-search-q")
        box.click()
        box.type("абай", delay=40)
        page.locator(f"#{box.get_attribute('aria-controls')} [role=option]").first.wait_for(timeout=10_000)

        # The video player: the video file and its subtitles load (media-src), the subtitles' cues are read.
        _visit(page, recorder, f"{live_demo.url}/{language}/videos/renewing-the-collection/")
        page.wait_for_function("() => document.querySelector('video').readyState >= 1", timeout=15_000)
        cues = page.evaluate(
            """() => new Promise(resolve => {
                const track = document.querySelector('video').textTracks[0];
                track.mode = 'showing';
                const poll = () => track.cues && track.cues.length ? resolve(track.cues.length) : setTimeout(poll, 100);
                poll(); setTimeout(() => resolve(0), 10000);
            })"""
        )
        assert cues > 0

    # The API documentation: Swagger UI from the portal's own static files lists the operations.
    _visit(page, recorder, f"{live_demo.url}/api/v3/docs/")
    page.locator(".opblock").first.wait_for(timeout=15_000)
    assert page.locator(".opblock").count() > 20
    recorder.settle(page)
    assert recorder.violations == [], "\n".join(map(str, recorder.violations))
    assert recorder.errors == [], recorder.errors


def _choose_and_close(page, button):
    """Opens a chooser's dialog (it loads its listing from the server) and closes it again."""
    button.click()
    dialog = page.locator(".modal-dialog")
    dialog.wait_for(state="visible")
    dialog.locator("form, .listing, table").first.wait_for()
    dialog.locator("button.close").first.click()
    dialog.wait_for(state="hidden")


def test_the_admin_and_its_editors_work_without_a_violation(live_demo, live_admin, csp_context):
    from content_models.books.models import BookPage
    from content_models.events.models import EventType
    from content_models.guidance.models import GuidelinePage

    context, recorder = csp_context
    page = context.new_page()
    base = live_demo.url
    _log_in(page, base, *live_admin)
    _visit(page, recorder, f"{base}/admin/")
    assert page.locator("main").first.is_visible()

    # The page explorer, with its filters (date pickers), a section's pages and a filter; the other listings.
    _visit(page, recorder, f"{base}/admin/pages/")
    book = BookPage.objects.filter(locale__language_code="kk").order_by("list_no").first()
    _visit(page, recorder, f"{base}/admin/pages/{book.get_parent().pk}/")
    assert page.locator("table.listing tbody tr").count() >= 10
    # A filter refreshes the listing in place (Wagtail fetches the results and swaps them in).
    page.evaluate("() => { const box = document.querySelector('#id_has_child_pages_1'); box.checked = true; box.dispatchEvent(new Event('change', {bubbles: true})); }")
    page.wait_for_function("() => document.querySelectorAll('table.listing tbody tr').length < 10")
    for listing in ("images", "documents", "reports/site-history", "login-lockouts"):
        _visit(page, recorder, f"{base}/admin/{listing}/")

    # A book's editor: its form, the live preview (a frame of the portal), the image chooser's dialog, and a new
    # author row (an inline form that Wagtail adds with its own scripts) whose chooser opens its dialog.
    _visit(page, recorder, f"{base}/admin/pages/{book.pk}/edit/")
    assert page.locator("form#page-edit-form").is_visible()
    page.locator("[data-side-panel-toggle='preview']").click()
    # A function, not an expression: Playwright would poll an expression with eval(), which the policy refuses.
    page.wait_for_function("() => (document.querySelector('#w-preview-iframe').contentDocument || {}).querySelector?.('main h1')", timeout=15_000)
    page.locator("[data-side-panel-toggle='preview']").click()
    _choose_and_close(page, page.locator("#id_cover").locator("xpath=..").get_by_role("button").first)
    rows = page.locator("[id^='inline_child_book_authors-']:not([id$='__prefix__'])")
    before = rows.count()
    page.click("#id_book_authors-ADD")
    rows.nth(before).wait_for()
    _choose_and_close(page, rows.nth(before).get_by_role("button", name="Choose author"))

    # A guideline's editor with its rich text editors: the StreamField's block chooser opens and inserts a block.
    guideline = GuidelinePage.objects.filter(locale__language_code="kk").first()
    _visit(page, recorder, f"{base}/admin/pages/{guideline.pk}/edit/")
    assert page.locator(".Draftail-Editor").count() >= 1
    body_blocks = "[data-contentpath='body'] [data-contentpath]"  # the body's blocks and their fields
    before = page.locator(body_blocks).count()
    page.locator("[data-contentpath='body'] button.c-sf-add-button").first.click()
    option = page.locator(".w-combobox__option").first
    option.wait_for(state="visible")
    option.hover()  # the chooser previews the block in a frame of its own
    option.click()
    page.wait_for_function("([selector, before]) => document.querySelectorAll(selector).length > before", arg=[body_blocks, before])
    recorder.settle(page, 500)

    # The translation editor of the Russian guideline (wagtail-localize).
    russian = guideline.get_translations().get(locale__language_code="ru")
    _visit(page, recorder, f"{base}/admin/pages/{russian.pk}/edit/")
    page.locator(".js-translation-editor > *:not(input)").first.wait_for(timeout=15_000)

    # A snippet's edit form (not saved: on PostgreSQL the live server's writes would outlive the test). The login
    # form above already posted to the portal and followed its redirect under form-action.
    event_type = EventType.objects.filter(locale__language_code="kk").first()  # the source: a plain edit form
    _visit(page, recorder, f"{base}/admin/snippets/content_models/eventtype/edit/{event_type.pk}/")
    form = page.locator("form[data-edit-form]")
    assert form.is_visible() and form.locator("input[name=name]").input_value() == event_type.name

    assert recorder.violations == [], "\n".join(map(str, recorder.violations))
    assert recorder.errors == [], recorder.errors
