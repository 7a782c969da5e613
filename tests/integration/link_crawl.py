"""Crawl a running portal over plain HTTP and list every absolute URL it writes that does not start with the
expected base: one page of every type in every language, what those pages link to on the same site (feeds,
.ics, CSV, print views, calendar months and agendas), the sitemap, robots.txt and every API listing and detail.

Also runnable against any server: ``python -m tests.integration.link_crawl http://127.0.0.1:8101``.
"""

import io
import json
import re
import sys
import urllib.error
import urllib.request
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

LANGUAGES = ("kk", "ru", "en")
PAGE_TYPES = {
    "content_models.HomePage",
    "content_models.StandardPage",
    "content_models.BookListPage",
    "content_models.BookPage",
    "content_models.GuidanceIndexPage",
    "content_models.GuidelinePage",
    "content_models.DigestIndexPage",
    "content_models.DigestPage",
    "content_models.VideoIndexPage",
    "content_models.VideoPage",
    "content_models.EventIndexPage",
    "content_models.EventPage",
    "content_models.NotableDatesPage",
    "content_models.ExhibitionIndexPage",
    "content_models.ExhibitionSchedulePage",
    "content_models.ExhibitionPage",
    "content_models.HoldingsCheckPage",
}
# Not links: XML namespace names (feeds, sitemap, XLSX parts) and the JSON-LD vocabulary are identifiers that
# no client fetches.
IDENTIFIERS = (
    "http://www.w3.org/",
    "http://www.sitemaps.org/schemas/",
    "https://schema.org",
    "http://schema.org",
    "http://www.google.com/schemas/sitemap-image/",
    "http://purl.org/",
    "http://schemas.openxmlformats.org/",
    "http://schemas.microsoft.com/office/",
)
ABSOLUTE = re.compile(r"""(?:https?|webcal)://[^\s"'<>\\)\]}]+""")
# Files, the admin and the API docs page (Swagger UI's page: it writes no link of the portal's) are not crawled.
SKIP_PATHS = ("/admin/", "/media/", "/documents/", "/static/", "/i18n/", "/favicon", "/api/v3/docs")
TEXT_TYPES = ("text/", "application/json", "application/xml", "application/rss", "application/atom", "application/ld+json")


@dataclass
class Crawl:
    base: str  # scheme://host:port the server is reached on
    expected: tuple[str, ...] = ()  # bases every absolute link must start with (default: base, webcal:// too)
    fetched: dict[str, int] = field(default_factory=dict)  # url -> status
    bad: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # link -> pages writing it
    links_seen: int = 0
    spreadsheets: int = 0
    schemes: dict[str, int] = field(default_factory=lambda: defaultdict(int))  # right links by scheme
    page_types: set[tuple[str, str]] = field(default_factory=set)  # (type, language) crawled

    def __post_init__(self):
        if not self.expected:
            host = urlsplit(self.base).netloc
            self.expected = (self.base, f"webcal://{host}")

    def _ok(self, link: str) -> bool:
        if link.startswith(IDENTIFIERS):
            return True
        parts = urlsplit(link)
        return any(
            f"{parts.scheme}://{parts.netloc}" == expected and (parts.path == "" or parts.path.startswith("/"))
            for expected in self.expected
        )

    def get(self, path: str, *, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str, str]:
        url = urljoin(self.base, path)
        request = urllib.request.Request(url, data=data, headers={"Accept-Language": "kk", **(headers or {})})
        try:
            with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (http(s) to the portal only)
                status, content_type, body = response.status, response.headers.get("Content-Type", ""), response.read()
        except urllib.error.HTTPError as error:
            status, content_type, body = error.code, error.headers.get("Content-Type", ""), error.read()
        self.fetched[url] = status
        text = ""
        if content_type.startswith(TEXT_TYPES) or "calendar" in content_type or "csv" in content_type:
            text = body.decode("utf-8-sig", errors="replace")
            self.check(url, text)
        elif "spreadsheetml" in content_type:  # XLSX: the cells are XML inside the zip
            with zipfile.ZipFile(io.BytesIO(body)) as workbook:
                for name in workbook.namelist():
                    if name.startswith("xl/") and name.endswith(".xml"):
                        self.check(url, workbook.read(name).decode("utf-8", errors="replace"))
            self.spreadsheets += 1
        return status, content_type, text

    def check(self, where: str, text: str) -> None:
        unfolded = text.replace("\r\n ", "").replace("\n ", "")  # iCalendar folds long lines
        for link in ABSOLUTE.findall(unfolded):
            link = link.rstrip(".,;")
            self.links_seen += 1
            if self._ok(link):
                self.schemes[urlsplit(link).scheme] += 1
            else:
                self.bad[link].add(where)

    def post_file(self, path: str, fields: dict[str, str], name: str, filename: str, content: bytes) -> dict:
        boundary = "portal-link-crawl-boundary"
        parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode() for key, value in fields.items()]
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            "Content-Type: text/csv\r\n\r\n".encode() + content + b"\r\n"
        )
        parts.append(f"--{boundary}--\r\n".encode())
        status, _, text = self.get(path, data=b"".join(parts), headers={"Content-Type": f"multipart/form-data; boundary={boundary}"})
        assert status == 200, f"POST {path} answered {status}: {text[:300]}"
        return json.loads(text)

    def json(self, path: str) -> dict:
        status, _, text = self.get(path)
        assert status == 200, f"{path} answered {status}"
        return json.loads(text)


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src", "action") and value:
                self.links.append(value)


def crawl(base: str, expected: tuple[str, ...] = ()) -> Crawl:
    site = Crawl(base.rstrip("/"), expected)
    origins = {urlsplit(site.base).netloc} | {urlsplit(expected).netloc for expected in site.expected}
    page_paths: dict[str, tuple[str, str]] = {}  # path -> (type, language) for every live page
    seeds: dict[tuple[str, str], dict] = {}

    offset = 0
    while True:
        listing = site.json(f"/api/v3/pages/?limit=100&offset={offset}&fields=locale")
        for item in listing["items"]:
            meta = item["meta"]
            key = (meta["type"], meta.get("locale") or "")
            if meta.get("html_url"):
                page_paths[urlsplit(meta["html_url"]).path] = key
            seeds.setdefault(key, item)
        offset += 100
        if offset >= listing["count"]:
            break

    to_follow: dict[str, str] = {}
    for (page_type, language), item in sorted(seeds.items()):
        if page_type == "wagtailcore.Page":
            continue
        site.page_types.add((page_type, language))
        site.json(f"/api/v3/pages/{item['id']}/")
        site.json(f"/api/v3/pages/?type={page_type}&locale={language}&fields=*&limit=20")
        status, _, html = site.get(urlsplit(item["meta"]["html_url"]).path)
        assert status == 200, f"{item['meta']['html_url']} answered {status}"
        parser = _Links()
        parser.feed(html)
        for link in parser.links:
            absolute = urljoin(site.base + "/", link)
            parts = urlsplit(absolute)
            if parts.netloc not in origins or parts.scheme not in ("http", "https") or parts.path.startswith(SKIP_PATHS):
                continue
            if parts.path in page_paths:
                continue  # another page: its type is crawled from its own seed
            # one URL per path (fetched from the server under test): filtered and paged variants of the same view
            # write the same links
            to_follow.setdefault(parts.path, parts.path + (f"?{parts.query}" if parts.query else ""))

    for url in to_follow.values():
        site.get(url)

    for path in ("/sitemap.xml", "/robots.txt"):
        site.get(path)
    for language in LANGUAGES:
        site.get(f"/{language}/search/?q=abai")
        books = site.json(f"/api/v3/books/?locale={language}&limit=5")
        if books.get("items"):
            site.json(f"/api/v3/books/{books['items'][0]['id']}/?locale={language}")
        site.json(f"/api/v3/books/composition/?locale={language}")
        site.json(f"/api/v3/events/?locale={language}")
        site.json(f"/api/v3/exhibitions/?locale={language}")
        site.json(f"/api/v3/notable-dates/?locale={language}")
        site.json(f"/api/v3/search/?q=a&locale={language}")
        site.json(f"/api/v3/search/autocomplete/?q=ab&locale={language}")
        site.post_file(
            "/api/v3/holdings/check/", {"locale": language}, "file", "holdings.csv",
            "title,author\nАбай жолы,Мұхтар Әуезов\nThe Little Prince,Antoine de Saint-Exupéry\n".encode(),
        )
    return site


def report(site: Crawl) -> str:
    outside_api = {link: pages for link, pages in site.bad.items() if any("/api/" not in page for page in pages)}
    lines = [
        f"{len(site.fetched)} responses, {site.links_seen} absolute links, {len(site.bad)} distinct wrong links, "
        f"{len(outside_api)} of them in pages, feeds, .ics, CSV and the sitemap"
    ]
    for link, pages in sorted(outside_api.items()):
        pages = sorted(page for page in pages if "/api/" not in page)
        lines.append(f"  {link}  (in {len(pages)}, e.g. {sorted(pages)[0]})")
    return "\n".join(lines)


if __name__ == "__main__":
    print(report(crawl(sys.argv[1])))
