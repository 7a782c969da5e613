"""The holdings check on a phone with JavaScript off, by keyboard: every step is a plain form; text keeps contrast."""


from tests.browser.conftest import contrast_ratio as _contrast
from tests.browser.conftest import text_colour_pairs
from tests.content_models.holdings.helpers import known_file


def test_holdings_check_works_by_keyboard_without_javascript(live_demo, browser, tmp_path):
    holdings = tmp_path / "qor.csv"
    holdings.write_bytes(known_file())
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    try:
        page.goto(f"{live_demo.url}/en/holdings-check/")
        # Sending the form without a file: the error is announced and its link leads to the field.
        page.get_by_role("button", name="Upload and continue").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        alert = page.get_by_role("alert")
        assert "Choose the file with your library's holdings." in alert.inner_text()
        alert.get_by_role("link").focus()
        page.keyboard.press("Enter")
        assert page.url.endswith("#id_file")
        assert page.get_by_label("Holdings file").get_attribute("aria-invalid") == "true"

        page.get_by_label("Holdings file").set_input_files(str(holdings))
        page.get_by_role("button", name="Upload and continue").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/en/holdings-check/columns/")
        assert page.get_by_label("Title").input_value() == "0"
        assert page.get_by_label("Number of copies").input_value() == "4"
        page.get_by_role("button", name="Check the holdings").focus()
        page.keyboard.press("Enter")
        page.wait_for_url("**/en/holdings-check/report/")
        assert "2.0%" in page.locator(".holdings-figure--main").inner_text()

        # Confirm the possible match by keyboard: tick it, send the answers, and the report recounts.
        page.get_by_label("Row 6 is this book").focus()
        page.keyboard.press("Space")
        page.get_by_role("button", name="Save the answers and recount").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.get_by_label("Row 6 is this book").is_checked()
        assert "Possible matches: 0 to confirm" in page.locator("#possible-heading").inner_text()
        assert page.evaluate("document.documentElement.scrollWidth") <= 390  # wide tables scroll in their box

        pairs = text_colour_pairs(page, "main a, main p, main th, main td, main dt, main dd, main label, main button, main legend, main span, main h2")
        assert len(pairs) > 40
        low = [(name, round(_contrast(fg, bg), 2)) for name, fg, bg in pairs if _contrast(fg, bg) < 4.5]
        assert low == []
    finally:
        context.close()
