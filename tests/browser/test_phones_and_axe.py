"""Phones, a wide screen and assistive technology: layout measured from element boxes, axe on every public page type.

The tests share the session's live demo server and drive one browser; the axe matrix runs every page type in kk, ru and en at a
phone width and a desktop width against one live server.
"""

import time
from pathlib import Path

import axe_playwright_python

from tests.content_models.holdings.helpers import known_file

# axe-core as shipped (minified, MPL-2.0) inside the axe-playwright-python package of the test extra.
AXE_SCRIPT = Path(axe_playwright_python.__file__).parent / "axe.min.js"
AXE_RUN_JS = "axe.run(document, {resultTypes: ['violations']})"

PHONES = [(360, 780), (390, 844)]
DESKTOP = (1366, 768)
LANGUAGES = ("kk", "ru", "en")

HEADER_HEIGHT_JS = "document.querySelector('.site-header').getBoundingClientRect().height"
SCROLL_WIDTH_JS = "document.documentElement.scrollWidth"

# Every visible month-grid cell: does anything inside it reach past its edges, or does it scroll?
GRID_OVERFLOW_JS = """() => {
  const cells = [...document.querySelectorAll('.month-grid td')].filter(td => td.getClientRects().length);
  const bad = [];
  for (const td of cells) {
    const box = td.getBoundingClientRect();
    if (td.scrollWidth > td.clientWidth + 1) bad.push(['cell scrolls', td.textContent.trim().slice(0, 40)]);
    for (const el of td.querySelectorAll('*')) {
      for (const r of el.getClientRects()) {
        if (r.width && (r.right > box.right + 1 || r.left < box.left - 1)) bad.push([el.tagName, el.textContent.trim().slice(0, 40)]);
      }
    }
  }
  return {cells: cells.length, events: document.querySelectorAll('.month-grid td:not([hidden]) li').length, bad};
}"""

# Rendered size of the composition charts' text: font size times the SVG's scale, and whether it stays inside.
CHART_TEXT_JS = """() => [...document.querySelectorAll('svg.composition__chart')].flatMap(svg => {
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, px: parseFloat(getComputedStyle(t).fontSize) * scale,
            inside: r.left >= box.left - 1 && r.right <= box.right + 1};
  });
})"""

# Every element of the page that scrolls sideways (or is a table's scroll box): can a keyboard reach it, is it named?
SCROLL_REGIONS_JS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('main *')) {
    const style = getComputedStyle(el);
    const scrolls = ['auto', 'scroll'].includes(style.overflowX) && el.scrollWidth > el.clientWidth;
    if (!scrolls && !el.matches('.table-wrap, .month-grid__wrap')) continue;
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    const name = (el.getAttribute('aria-label') || ids.map(id => (document.getElementById(id) || {}).textContent || '').join(' ')).trim();
    out.push({what: el.className, scrolls, tabindex: el.getAttribute('tabindex'), role: el.getAttribute('role'), name});
  }
  return out;
}"""


PAGE_TYPES = {
    "home": "/",
    "section (guidance)": "/guidance/",
    "section (exhibitions)": "/exhibitions/",
    "book list": "/books/",
    "book list, filtered": "/books/?grades=5-9&genre=prose",
    "book page": "/books/1-alpamis-batir/",
    "composition": "/books/composition/",
    "guideline": "/guidance/collection-forming-instruction/",
    "digest index": "/digests/",
    "digest issue": "/digests/digest-2025-q3/",
    "video index": "/videos/",
    "video": "/videos/renewing-the-collection/",
    "event calendar month": "/events/month/2026/10/",
    "event agenda": "/events/agenda/2026/10/",
    "event page": "/events/school-library-festival/",
    "notable dates": "/events/notable-dates-2026-2027/",
    "exhibition schedule": "/exhibitions/schedule-2026-2027/",
    "exhibition page": "/exhibitions/schedule-2026-2027/knowledge-day/",
    "holdings check, upload": "/holdings-check/",
    "holdings check, report": "/holdings-check/report/",
    "search results": "/search/?q=абай",
    "standard page": "/about/",
    "404": "/no-such-page/",
}

# Violations that come from something the portal does not control. Each entry: (rule id, page type, reason).
# None at present; an entry needs a reason a reader can check.
THIRD_PARTY = []


def _holdings_to_report(page, base_url, tmp_path) -> list:
    """Takes the holdings check to its report in this browser context (the steps share one session); returns what
    axe finds on the columns step on the way."""
    holdings = tmp_path / "holdings.csv"
    holdings.write_bytes(known_file())
    page.goto(f"{base_url}/en/holdings-check/")
    page.get_by_label("Holdings file").set_input_files(str(holdings))
    page.get_by_role("button", name="Upload and continue").click()
    page.wait_for_url("**/en/holdings-check/columns/")
    found = page.evaluate(AXE_RUN_JS)["violations"]
    page.get_by_role("button", name="Check the holdings").click()
    page.wait_for_url("**/en/holdings-check/report/")
    return found


def test_phone_header_menu_month_grid_and_composition_fit(live_demo, browser):
    """360 and 390 px wide, JavaScript off: header ≤ a quarter of the screen, menu folds and opens by keyboard, the
    month grid's words stay in their cells, the composition page fits and its chart text renders at 12 px or more."""
    for width, height in PHONES:
        context = browser.new_context(viewport={"width": width, "height": height}, java_script_enabled=False)
        page = context.new_page()
        try:
            for language in LANGUAGES:
                where = f"{language} at {width}px"
                page.goto(f"{live_demo.url}/{language}/")
                assert page.evaluate(HEADER_HEIGHT_JS) <= height / 4, where
                assert page.evaluate(SCROLL_WIDTH_JS) <= width, where
                toggle = page.locator("summary.main-nav__toggle")
                links = page.locator(".main-nav a")
                assert toggle.is_visible() and links.count() == 7, where
                assert not any(links.nth(i).is_visible() for i in range(7)), where  # folded
                toggle.focus()
                page.keyboard.press("Enter")
                assert all(links.nth(i).is_visible() for i in range(7)), where
                page.keyboard.press("Tab")
                assert page.evaluate("document.activeElement === document.querySelector('.main-nav a')"), where
                assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none", where

                page.goto(f"{live_demo.url}/{language}/events/month/2026/10/")
                if language == "kk":
                    assert "кітапханаларының" in page.locator(".month-grid").inner_text()
                assert page.evaluate(SCROLL_WIDTH_JS) <= width, where
                grid = page.evaluate(GRID_OVERFLOW_JS)
                assert grid["cells"] >= 10 and grid["events"] >= 10, (where, grid)
                assert grid["bad"] == [], where

                page.goto(f"{live_demo.url}/{language}/books/composition/")
                assert page.evaluate(SCROLL_WIDTH_JS) <= width, where
                texts = page.evaluate(CHART_TEXT_JS)
                assert len(texts) >= 20, where
                small = [(t["text"], round(t["px"], 1)) for t in texts if t["px"] < 12]
                assert small == [], where
                assert all(t["inside"] for t in texts), where
        finally:
            context.close()


def test_desktop_menu_is_one_line_and_the_month_grid_keeps_its_words_in_the_cells(live_demo, browser):
    width, height = DESKTOP
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    try:
        for language in LANGUAGES:
            page.goto(f"{live_demo.url}/{language}/")
            tops = page.evaluate("[...document.querySelectorAll('.main-nav li')].map(li => Math.round(li.getBoundingClientRect().top))")
            assert len(tops) == 7 and len(set(tops)) == 1, (language, tops)
            assert not page.locator("summary.main-nav__toggle").is_visible()
            assert page.get_by_role("navigation", name=page.locator(".main-nav").get_attribute("aria-label")).get_by_role("link").count() == 7
            assert page.evaluate(HEADER_HEIGHT_JS) <= height / 4
            assert page.evaluate(SCROLL_WIDTH_JS) <= width
            page.goto(f"{live_demo.url}/{language}/events/month/2026/10/")
            grid = page.evaluate(GRID_OVERFLOW_JS)
            assert grid["cells"] >= 28 and grid["bad"] == [], (language, grid)
            assert page.locator(".month-grid thead th").first.is_visible()  # a real grid here, not the phone list
    finally:
        context.close()


def test_axe_finds_nothing_and_every_wide_table_is_a_named_keyboard_region(live_demo, browser, tmp_path):
    started = time.monotonic()
    violations, regions_seen, problems = [], 0, []
    for width, height in (PHONES[1], DESKTOP):
        context = browser.new_context(viewport={"width": width, "height": height})
        context.add_init_script(path=AXE_SCRIPT)  # axe-core loads with each page: nothing to inject afterwards
        page = context.new_page()
        try:
            for violation in _holdings_to_report(page, live_demo.url, tmp_path):
                violations.append((width, "en", "holdings check, columns", violation["id"], [node["target"] for node in violation["nodes"]][:3]))
            for language in LANGUAGES:
                for kind, path in PAGE_TYPES.items():
                    response = page.goto(f"{live_demo.url}/{language}{path}")
                    expected = 404 if kind == "404" else 200
                    assert response.status == expected, (kind, language, response.status)
                    result = page.evaluate(AXE_RUN_JS)
                    for violation in result["violations"]:
                        if any(violation["id"] == rule and kind == where for rule, where, _reason in THIRD_PARTY):
                            continue
                        violations.append((width, language, kind, violation["id"], [node["target"] for node in violation["nodes"]][:3]))
                    for region in page.evaluate(SCROLL_REGIONS_JS):
                        regions_seen += region["scrolls"]
                        if region["tabindex"] != "0" or region["role"] != "region" or not region["name"]:
                            problems.append((width, language, kind, region))
        finally:
            context.close()
    elapsed = time.monotonic() - started
    print(f"axe matrix: {2 * (len(LANGUAGES) * len(PAGE_TYPES) + 1)} pages in {elapsed:.0f} s")
    assert violations == [], "\n".join(map(str, violations))
    assert problems == [], "\n".join(map(str, problems))
    assert regions_seen >= 10  # the phone width really made tables scroll: the check above had something to check


def test_a_scrolling_table_takes_keyboard_focus_with_a_visible_outline(live_demo, page):
    page.goto(f"{live_demo.url}/ru/events/notable-dates-2026-2027/")
    region = page.get_by_role("region", name=page.locator(".notable-month h2").first.inner_text())
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")  # it does scroll at 390 px
    page.locator(".notable-month h2").first.click()  # start just before it
    for _ in range(40):
        page.keyboard.press("Tab")
        if region.evaluate("el => el === document.activeElement || el.contains(document.activeElement)"):
            break
    assert region.evaluate("el => el === document.activeElement")
    assert region.evaluate("el => getComputedStyle(el).outlineStyle") != "none"
    page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())
