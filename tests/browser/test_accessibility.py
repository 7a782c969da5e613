"""What a keyboard user and a phone see: skip link, visible focus, language switch, contrast."""


from tests.browser.conftest import contrast_ratio as _contrast
from tests.browser.conftest import text_colour_pairs


def test_first_tab_reaches_a_visible_skip_link_that_moves_focus_to_main(live_demo, page):
    page.goto(f"{live_demo.url}/kk/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    box = page.locator(".skip-link").bounding_box()
    assert box["y"] >= 0  # moved into view when focused
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_language_switcher_leads_to_the_same_section_in_russian(live_demo, page):
    page.goto(f"{live_demo.url}/kk/events/")
    page.get_by_role("link", name="Русский").click()
    page.wait_for_url(f"{live_demo.url}/ru/events/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator("h1").inner_text() == "Мероприятия"


def test_text_contrast_is_at_least_4_5_to_1(live_demo, page):
    page.goto(f"{live_demo.url}/en/")
    pairs = text_colour_pairs(page, "a, p, h1, h2, h3, li, span, strong")
    assert len(pairs) > 20
    low = [(name, round(_contrast(fg, bg), 2)) for name, fg, bg in pairs if _contrast(fg, bg) < 4.5]
    assert low == []
