"""What the portal search indexes: live, public pages and the book list's authors, one document per language.

A page is indexed when it is live, not an alias, has no view restriction on itself or an ancestor, and every
ancestor below the root is live (so its address works and it shows in the navigation). Its text is what the
model's ``search_fields`` declare (StreamFields and rich text as plain text, related objects such as topics
included), so a field added to a model's search fields is searched here too. Books are built in bulk from a
few queries, as 1,770 titles × 3 languages are most of the index.

Every document also carries the other languages' titles (and, for books and authors, names), so a Kazakh page
is found by its Russian or English title.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
import datetime

from django.conf import settings
from django.utils import translation

from .terms import index_terms

KINDS = ("book", "author", "guideline", "digest", "event", "exhibition", "video", "page")
PAGE_KINDS = {
    "bookpage": "book",
    "guidelinepage": "guideline",
    "digestpage": "digest",
    "eventpage": "event",
    "exhibitionpage": "exhibition",
    "videopage": "video",
}
BODY_LIMIT = 60_000  # characters of plain text kept for snippets; the terms cover the whole text


@dataclass
class IndexDoc:
    """One document of the portal index, with display text and the normalised terms of each field."""

    key: str
    kind: str
    locale: str
    object_id: int
    translation_key: str
    title: str
    url: str
    subtitle: str = ""
    body: str = ""
    date: datetime.date | None = None
    boost: float = 1.0
    authors: str = ""
    alt: list[tuple[str, str]] = field(default_factory=list)  # (language, text) of the other languages
    title_terms: str = ""
    author_terms: str = ""
    alt_terms: str = ""
    body_terms: str = ""

    @property
    def tags(self) -> str:
        return f"zl{self.locale} zk{self.kind}"

    def analyse(self) -> IndexDoc:
        russian = self.locale == "ru"
        self.title_terms = " ".join(index_terms(self.title, russian))
        self.author_terms = " ".join(index_terms(self.authors, russian))
        alt: list[str] = []
        seen: set[str] = set()
        for language, text in self.alt:
            for term in index_terms(text, language == "ru"):
                if term not in seen:
                    seen.add(term)
                    alt.append(term)
        self.alt_terms = " ".join(alt)
        self.body_terms = " ".join(index_terms(self.body, russian, unique=False))
        self.body = self.body[:BODY_LIMIT]
        return self


def languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def _language_order(item) -> tuple:
    codes = languages()
    return (codes.index(item[0]) if item[0] in codes else len(codes), item[1])


# ---------------------------------------------------------------- reachability and addresses
def _blocked_paths() -> tuple[set[str], list[str]]:
    """Paths of pages that are not live (their subtrees are unreachable) and of view-restricted pages."""
    from wagtail.models import Page, PageViewRestriction

    not_live = set(Page.objects.filter(live=False, depth__gt=1).values_list("path", flat=True))
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    return not_live, restricted


def reachable(rows, blocked=None) -> list:
    """Keep the rows (objects or tuples with ``path`` and ``depth``-free paths) a visitor can reach.

    ``rows`` are (id, path, ...) tuples; a row is dropped when the page or an ancestor is restricted, or an
    ancestor below the root is not live.
    """
    from wagtail.models import Page

    not_live, restricted = blocked or _blocked_paths()
    steplen = Page.steplen
    out = []
    for row in rows:
        path = row[1]
        if any(path.startswith(prefix) for prefix in restricted):
            continue
        if any(path[:end] in not_live for end in range(2 * steplen, len(path), steplen)):
            continue
        out.append(row)
    return out


class Addresses:
    """Page addresses from url_path, with one Wagtail lookup per locale's home page (this is what
    ``Page.get_url`` computes for a single-site portal, without a query per page)."""

    def __init__(self):
        from wagtail.models import Page

        self.homes = {}
        for home in Page.objects.filter(depth=2).select_related("locale"):
            url = home.get_url()
            if url is not None:
                self.homes[home.path] = (home.url_path, url)

    def url(self, path: str, url_path: str) -> str | None:
        home = self.homes.get(path[:8])
        if home is None or not url_path.startswith(home[0]):
            return None
        return home[1] + url_path[len(home[0]):]


# ---------------------------------------------------------------- text of a page
def searchable_text(obj, search_fields, skip=("title",)) -> list[str]:
    """Plain text of an object's SearchFields (and RelatedFields), as Wagtail's own index extracts it."""
    from wagtail.search import index

    parts: list[str] = []
    for search_field in search_fields:
        if isinstance(search_field, index.SearchField) and search_field.field_name not in skip:
            value = search_field.get_value(obj)  # rich text and StreamFields come back as plain text
            if value in (None, ""):
                continue
            if isinstance(value, list | tuple):
                parts.extend(str(text) for text in value if text)
            else:
                parts.append(str(value))
        elif isinstance(search_field, index.RelatedFields):
            related = getattr(obj, search_field.field_name, None)
            if related is None:
                continue
            items = related.all() if hasattr(related, "all") else [related]
            for item in items:
                parts.extend(searchable_text(item, search_field.fields, skip=()))
    return parts


def _clean(parts) -> str:
    return "\n".join(" ".join(str(part).split()) for part in parts if part and str(part).strip())


# ---------------------------------------------------------------- books
def book_documents(page_ids=None, blocked=None, addresses=None) -> list[IndexDoc]:
    """Documents of live, reachable books (all of them, or those of ``page_ids``)."""
    from content_models.core.text import html_to_text
    from content_models.books.models import BookAuthor, BookPage

    queryset = BookPage.objects.live().public().filter(alias_of__isnull=True)
    if page_ids is not None:
        queryset = queryset.filter(pk__in=list(page_ids))
    rows = reachable(list(queryset.values_list(
        "id", "path", "url_path", "translation_key", "locale__language_code", "title", "annotation",
        "original_title", "translators", "list_no",
    )), blocked)
    if not rows:
        return []
    keys = {row[3] for row in rows}
    twins = list(
        BookPage.objects.live().filter(translation_key__in=keys)
        .values_list("id", "translation_key", "locale__language_code", "title")
    ) if page_ids is not None else [(row[0], row[3], row[4], row[5]) for row in rows]
    authors: dict[int, list[str]] = defaultdict(list)
    twin_ids = [twin[0] for twin in twins]
    for start in range(0, len(twin_ids), 500):
        for page_id, name in (
            BookAuthor.objects.filter(page_id__in=twin_ids[start:start + 500]).order_by("page_id", "sort_order")
            .values_list("page_id", "author__name")
        ):
            authors[page_id].append(name)
    by_key: dict = defaultdict(list)
    for page_id, key, language, title in twins:
        by_key[key].append((language, title, ", ".join(authors.get(page_id, []))))
    addresses = addresses or Addresses()
    docs = []
    for page_id, path, url_path, key, language, title, annotation, original_title, translators, list_no in rows:
        url = addresses.url(path, url_path)
        if url is None:
            continue
        names = ", ".join(authors.get(page_id, []))
        alt = sorted(((other, f"{other_title} {other_names}") for other, other_title, other_names in by_key[key] if other != language), key=_language_order)
        if original_title:
            alt.append(("", original_title))
        if translators:
            alt.append((language, translators))
        docs.append(IndexDoc(
            key=f"page:{page_id}", kind="book", locale=language, object_id=page_id, translation_key=str(key),
            title=title, url=url, subtitle=names, authors=names, alt=alt, body=html_to_text(annotation or ""),
        ).analyse())
    return docs


# ---------------------------------------------------------------- authors
def author_documents(author_ids=None, blocked=None) -> list[IndexDoc]:
    """Documents of the book list's authors that have at least one live, reachable book in their language."""
    from content_models.books.models import Author, BookAuthor, BookListPage

    authors = Author.objects.all()
    if author_ids is not None:
        authors = authors.filter(pk__in=list(author_ids))
    authors = list(authors.values_list("id", "translation_key", "locale__language_code", "name", "birth_year", "death_year", "birth_date", "death_date"))
    if not authors:
        return []
    ids = [row[0] for row in authors]
    links = list(
        BookAuthor.objects.filter(author_id__in=ids, page__live=True)
        .values_list("author_id", "page_id", "page__path", "page__title", "page__list_no")
        .order_by("page__list_no")
    )
    visible = {row[0] for row in reachable([(page_id, path) for _a, page_id, path, _t, _n in links], blocked)}
    titles: dict[int, list[str]] = defaultdict(list)
    for author_id, page_id, _path, title, _no in links:
        if page_id in visible:
            titles[author_id].append(title)
    names_by_key: dict = defaultdict(list)
    for row in Author.objects.filter(translation_key__in={row[1] for row in authors}).values_list("translation_key", "locale__language_code", "name"):
        names_by_key[row[0]].append((row[1], row[2]))
    list_urls = {
        page.locale.language_code: page.get_url()
        for page in BookListPage.objects.live().public().select_related("locale")
    }
    docs = []
    for author_id, key, language, name, birth_year, death_year, birth_date, death_date in authors:
        books = titles.get(author_id)
        base = list_urls.get(language)
        if not books or not base:
            continue
        born = birth_date.year if birth_date else birth_year
        died = death_date.year if death_date else death_year
        years = f"{born or ''}–{died or ''}" if born or died else ""
        with translation.override(language):
            from django.utils.translation import ngettext

            count = ngettext("%(count)s book on the list", "%(count)s books on the list", len(books)) % {"count": len(books)}
        docs.append(IndexDoc(
            key=f"author:{author_id}", kind="author", locale=language, object_id=author_id, translation_key=str(key),
            title=name, url=f"{base}?author={author_id}", subtitle=" · ".join(part for part in (years, count) if part),
            alt=sorted(((other, other_name) for other, other_name in names_by_key[key] if other != language), key=_language_order),
            body="; ".join(books),
        ).analyse())
    return docs


# ---------------------------------------------------------------- other pages
def _subtitle(page) -> str:
    from content_models.books.codes import label

    kind = PAGE_KINDS.get(type(page).__name__.lower(), "page")
    if kind == "guideline":
        from content_models.guidance.models import DOCUMENT_TYPES

        return str(label(DOCUMENT_TYPES, page.document_type))
    if kind == "digest":
        from content_models.digests.models import KINDS as DIGEST_KINDS

        return f"{label(DIGEST_KINDS, page.kind)}, {page.year}"
    if kind == "video":
        return page.school
    if kind == "event":
        return page.venue
    if kind == "exhibition":
        return page.theme
    return ""


def page_documents(page_ids=None, blocked=None, addresses=None) -> list[IndexDoc]:
    """Documents of live, reachable pages other than books (all of them, or those of ``page_ids``)."""
    from content_models.books.models import BookPage
    from wagtail.models import Page

    queryset = Page.objects.live().public().filter(depth__gt=1, alias_of__isnull=True).not_type(BookPage)
    if page_ids is not None:
        queryset = queryset.filter(pk__in=list(page_ids))
    rows = reachable(list(queryset.values_list("id", "path")), blocked)
    if not rows:
        return []
    pages = Page.objects.filter(pk__in=[row[0] for row in rows]).select_related("locale").specific()
    pages = list(pages)
    twins: dict = defaultdict(list)
    for key, language, title in (
        Page.objects.live().filter(translation_key__in={page.translation_key for page in pages})
        .values_list("translation_key", "locale__language_code", "title")
    ):
        twins[key].append((language, title))
    addresses = addresses or Addresses()
    docs = []
    for page in pages:
        language = page.locale.language_code
        url = addresses.url(page.path, page.url_path)
        if url is None:
            continue
        kind = PAGE_KINDS.get(type(page).__name__.lower(), "page")
        with translation.override(language):
            subtitle = _subtitle(page)
            body = _clean(searchable_text(page, type(page).get_search_fields()))
        day = getattr(page, "start_date", None) if kind in ("event", "exhibition") else None
        docs.append(IndexDoc(
            key=f"page:{page.pk}", kind=kind, locale=language, object_id=page.pk,
            translation_key=str(page.translation_key), title=page.title, url=url, subtitle=subtitle or "",
            alt=sorted(((other, title) for other, title in twins[page.translation_key] if other != language), key=_language_order),
            body=body, date=day,
        ).analyse())
    return docs


def all_documents(progress=None):
    """Every document of the index, in batches (for a rebuild); ``progress(n)`` is told how many were built."""
    blocked = _blocked_paths()
    addresses = Addresses()
    from content_models.books.models import Author, BookPage

    book_ids = list(BookPage.objects.live().values_list("id", flat=True).order_by("id"))
    for start in range(0, len(book_ids), 1000):
        batch = book_ids[start:start + 1000]
        docs = book_documents(batch, blocked, addresses)
        if progress:
            progress(len(batch))
        yield docs
    docs = page_documents(None, blocked, addresses)
    yield docs
    author_ids = list(Author.objects.values_list("id", flat=True).order_by("id"))
    for start in range(0, len(author_ids), 1000):
        yield author_documents(author_ids[start:start + 1000], blocked)
