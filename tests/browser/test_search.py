"""The search box in a real browser: suggestions while typing (keyboard and screen-reader friendly), and the
same search without JavaScript; contrast of the results page."""

from playwright.sync_api import expect

from tests.browser.conftest import contrast_ratio, text_colour_pairs


def test_suggestions_appear_while_typing_and_the_keyboard_opens_one(live_demo, page):
    from content_models.books.models import BookPage

    book = BookPage.objects.get(list_no=24, locale__language_code="kk")
    page.goto(f"{live_demo.url}/kk/")
    box = page.locator("#site-search-q")
    assert box.get_attribute("role") == "combobox" and box.get_attribute("aria-expanded") == "false"
    box.click()
    box.type("abai zh", delay=40)
    listbox = page.locator(f"#{box.get_attribute('aria-controls')}")
    listbox.locator("[role=option]").first.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    first = listbox.locator("[role=option]").first
    # "abai" alone suggests the author first; the suggestions follow the whole text once its answer arrives.
    expect(first).to_contain_text("Абай жолы")
    assert page.locator("#autocomplete-status").inner_text().startswith(str(listbox.locator("[role=option]").count()))
    page.keyboard.press("ArrowDown")
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    page.keyboard.press("ArrowDown")
    first.wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_url(f"{live_demo.url}{book.url}")
    assert page.locator("h1").inner_text() == "Абай жолы"


def test_without_javascript_the_form_searches_and_the_results_are_readable(live_demo, browser):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{live_demo.url}/ru/")
        page.fill("#site-search-q", "Ауэзов")
        page.keyboard.press("Enter")
        page.wait_for_url("**/ru/search/?q=*")
        assert page.locator(".search-result").count() >= 4
        assert page.locator(".search-result mark").first.inner_text() == "Ауэзов"
        page.locator(".search-tabs a", has_text="Книги").click()
        page.wait_for_url("**type=book*")
        assert page.locator(".search-result--book").count() >= 3 and page.locator(".search-result--author").count() == 0
        pairs = text_colour_pairs(page, "a, p, h1, h2, h3, li, span, mark, label")
        low = [(name, round(contrast_ratio(fg, bg), 2)) for name, fg, bg in pairs if contrast_ratio(fg, bg) < 4.5]
        assert low == []
    finally:
        context.close()
