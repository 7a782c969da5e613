"""Headless Chromium (Debian's package) driven by Playwright against Django's live server."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("PORTAL_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        if os.environ.get("CI"):
            pytest.fail(f"Chromium is required in CI but {CHROMIUM} is missing")
        pytest.skip(f"no Chromium at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the tests
    # themselves (fixtures) are still synchronous, so async safety is relaxed for these tests only.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    yield page
    context.close()


def contrast_ratio(rgb_a, rgb_b) -> float:
    """WCAG contrast ratio of two sRGB colours."""

    def luminance(rgb):
        channels = []
        for value in rgb:
            c = value / 255
            channels.append(c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4)
        return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2]

    light, dark = sorted((luminance(rgb_a), luminance(rgb_b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


_COLOUR_PAIRS_JS = """(selector) => {
    const parse = c => c.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
    const bg = el => { while (el) { const c = getComputedStyle(el).backgroundColor;
        if (c && !c.startsWith('rgba(0, 0, 0, 0)') && c !== 'transparent') return parse(c); el = el.parentElement; }
        return [255, 255, 255]; };
    const out = [];
    for (const el of document.querySelectorAll(selector)) {
        if (!el.offsetParent || !el.textContent.trim()) continue;
        out.push([el.tagName + '.' + el.className, parse(getComputedStyle(el).color), bg(el)]);
    }
    return out; }"""


def text_colour_pairs(page, selector: str) -> list:
    """(element, text colour, effective background colour) for every visible element with text matching selector."""
    return page.evaluate(_COLOUR_PAIRS_JS, selector)
