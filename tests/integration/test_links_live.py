"""The demo served by a real HTTP server on a random port, crawled over plain HTTP (tests/integration/link_crawl.py):
every absolute link in pages, feeds, .ics, CSV, the sitemap and the API points to the host and port used, or to
PORTAL_BASE_URL when it is set."""

from django.core.cache import cache

from .link_crawl import LANGUAGES, PAGE_TYPES, crawl, report

# Links editors wrote to content elsewhere, in the demo's texts: the IFLA-UNESCO manifesto a guideline cites
# (content_models/demo_guidance_texts.py) and the online seminar's address and registration form
# (content_models/demo_calendars.py). Nothing the portal builds is allowed here.
EXTERNAL_CONTENT = ("https://www.ifla.org/", "https://example.org/balalar-kitaphanasy/")


def _wrong_links(site) -> dict[str, set[str]]:
    """Links to another base than the expected one, less the editors' links to content elsewhere."""
    return {link: pages for link, pages in site.bad.items() if not link.startswith(EXTERNAL_CONTENT)}


def test_every_absolute_link_points_to_the_host_and_port_used(live_demo):
    assert ":" in live_demo.url.split("//", 1)[1]  # a random port, never 80
    site = crawl(live_demo.url)
    assert not _wrong_links(site), report(site)
    assert {(page_type, language) for page_type in PAGE_TYPES for language in LANGUAGES} <= site.page_types
    assert all(status == 200 for status in site.fetched.values()), {url: status for url, status in site.fetched.items() if status != 200}
    paths = " ".join(site.fetched)
    for expected in (
        "/sitemap.xml", "/robots.txt", "events.ics", "event.ics", "exhibition.ics", "schedule.csv", "schedule.ics",
        "notable-dates.ics", "/feed/", "/feed/atom/", "/print/", "/events/month/", "/events/agenda/",
        "/books/export/csv/", "/books/export/xlsx/", "/search/?q=", "/api/v3/holdings/check/",
    ):
        assert expected in paths, f"the crawl did not reach {expected}"
    assert site.spreadsheets >= 3  # the XLSX exports' cells were read too
    assert site.schemes["http"] > 1000
    assert site.schemes["webcal"] >= 3  # the calendar's "subscribe" link in each language


def test_every_absolute_link_uses_portal_base_url_when_set(live_demo, settings):
    settings.PORTAL_BASE_URL = "https://kitaphana.example.kz"
    cache.clear()
    site = crawl(live_demo.url, expected=("https://kitaphana.example.kz", "webcal://kitaphana.example.kz"))
    assert not _wrong_links(site), report(site)
    assert site.schemes["https"] > 1000
    assert site.schemes["webcal"] >= 3
