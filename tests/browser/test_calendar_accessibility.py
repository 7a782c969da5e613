"""The calendar as a keyboard user and a phone see it: grid semantics, filters by keyboard, contrast."""


from tests.browser.conftest import contrast_ratio as _contrast
from tests.browser.conftest import text_colour_pairs


def test_month_grid_filters_work_by_keyboard_and_keep_contrast(live_demo, page):
    page.goto(f"{live_demo.url}/en/events/month/2026/10/")
    assert page.locator("table.month-grid caption").inner_text().startswith("October 2026")
    assert page.locator("table.month-grid thead th[scope=col]").count() == 7
    assert page.get_by_role("link", name="Ten-day school library festival").count() == 10
    page.get_by_label("Region").select_option("almaty")
    page.get_by_role("button", name="Show").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/en/events/month/2026/10/?*region=almaty")
    assert page.get_by_role("link", name="Clear filters").is_visible()
    pairs = text_colour_pairs(page, "main a, main p, main th, main td, main span, main label, main button, main caption")
    assert len(pairs) > 30
    low = [(name, round(_contrast(fg, bg), 2)) for name, fg, bg in pairs if _contrast(fg, bg) < 4.5]
    assert low == []


def test_agenda_and_exhibition_schedule_read_well_on_a_phone(live_demo, page):
    page.goto(f"{live_demo.url}/ru/events/agenda/2026/12/")
    assert page.locator("h2", has_text="Декабрь 2026").is_visible()
    page.goto(f"{live_demo.url}/en/exhibitions/schedule-2026-2027/")
    april = page.locator("tr", has=page.locator("th", has_text="April 2027"))
    assert april.locator(".exhibition-chip").count() == 2
    for url in ("/en/exhibitions/schedule-2026-2027/", "/kk/events/month/2026/10/", "/ru/events/notable-dates-2026-2027/"):
        page.goto(f"{live_demo.url}{url}")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, url  # wide tables scroll inside their box
