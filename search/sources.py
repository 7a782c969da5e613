"""What the portal search indexes: live, public pages and what the content apps register, one document per
language.

A page is indexed when it is live, not an alias, has no view restriction on itself or an ancestor, and every
ancestor below the root is live (so its address works and it shows in the navigation). Its text is what the
model's ``search_fields`` declare (StreamFields and rich text as plain text, related objects such as topics
included), so a field added to a model's search fields is searched here too; its kind, subtitle and date are
what its class declares (``search.registry``). Sources registered there build the documents of their pages in
bulk (the many pages of one model) and of things that are not pages.

Every document also carries the other languages' titles (and, for books and authors, names), so a Kazakh page
is found by its Russian or English title: only those of translations a visitor can reach (``visible_twins``), so
an unpublished or restricted translation contributes nothing to any document.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import translation
from wagtail.models import Page, PageViewRestriction
from wagtail.search import index

from .registry import object_sources, page_sources
from .terms import index_terms

KINDS = ("book", "author", "guideline", "digest", "event", "exhibition", "video", "page")
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


def language_order(item) -> tuple:
    """Sort key of (language, text) pairs: the portal's languages in their order, then anything else."""
    codes = languages()
    return (codes.index(item[0]) if item[0] in codes else len(codes), item[1])


# ---------------------------------------------------------------- reachability and addresses
def _blocked_paths() -> tuple[set[str], list[str]]:
    """Paths of pages that are not live (their subtrees are unreachable) and of view-restricted pages."""
    not_live = set(Page.objects.filter(live=False, depth__gt=1).values_list("path", flat=True))
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    return not_live, restricted


def reachable(rows, blocked=None) -> list:
    """Keep the rows (objects or tuples with ``path`` and ``depth``-free paths) a visitor can reach.

    ``rows`` are (id, path, ...) tuples; a row is dropped when the page or an ancestor is restricted, or an
    ancestor below the root is not live.
    """
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


def visible_twins(model, keys, blocked=None, fields=("translation_key", "locale__language_code", "title")) -> list:
    """(id, path, *fields) of the pages of ``model`` with these translation keys that a visitor can reach: a
    translation that is unpublished, view-restricted (password, login, groups; on itself or an ancestor) or under
    an unpublished page lends nothing (no title, no text) to the documents of the others."""
    if not keys:
        return []
    rows = model.objects.live().public().filter(translation_key__in=list(keys)).values_list("id", "path", *fields)
    return reachable(list(rows), blocked)


class Addresses:
    """Page addresses from url_path, with one Wagtail lookup per locale's home page (this is what
    ``Page.get_url`` computes for a single-site portal, without a query per page)."""

    def __init__(self):
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


# ---------------------------------------------------------------- pages
def page_documents(page_ids=None, blocked=None, addresses=None) -> list[IndexDoc]:
    """Documents of live, reachable pages that no source builds (all of them, or those of ``page_ids``), as each
    page class declares them (``search.registry``): kind, subtitle and date, and the text of its search fields."""
    queryset = Page.objects.live().public().filter(depth__gt=1, alias_of__isnull=True)
    built_by_sources = [source.model for source in page_sources()]
    if built_by_sources:
        queryset = queryset.not_type(*built_by_sources)
    if page_ids is not None:
        queryset = queryset.filter(pk__in=list(page_ids))
    rows = reachable(list(queryset.values_list("id", "path")), blocked)
    if not rows:
        return []
    pages = Page.objects.filter(pk__in=[row[0] for row in rows]).select_related("locale").specific()
    pages = list(pages)
    twins: dict = defaultdict(list)
    for _id, _path, key, language, title in visible_twins(Page, {page.translation_key for page in pages}, blocked):
        twins[key].append((language, title))
    addresses = addresses or Addresses()
    docs = []
    for page in pages:
        language = page.locale.language_code
        url = addresses.url(page.path, page.url_path)
        if url is None:
            continue
        subtitle = getattr(page, "search_subtitle", None)
        day = getattr(page, "search_date", None)
        with translation.override(language):
            subtitle = subtitle() if subtitle else ""
            body = _clean(searchable_text(page, type(page).get_search_fields()))
        docs.append(IndexDoc(
            key=f"page:{page.pk}", kind=getattr(page, "search_kind", "page"), locale=language, object_id=page.pk,
            translation_key=str(page.translation_key), title=page.title, url=url, subtitle=subtitle or "",
            alt=sorted(((other, title) for other, title in twins[page.translation_key] if other != language), key=language_order),
            body=body, date=day() if day else None,
        ).analyse())
    return docs


def _batches(ids, size=1000):
    ids = list(ids)
    for start in range(0, len(ids), size):
        yield ids[start:start + size]


def all_documents(progress=None):
    """Every document of the index, in batches (for a rebuild): the page sources', the other pages', the other
    sources'; ``progress(n)`` is told how many objects of the page sources were built."""
    blocked = _blocked_paths()
    addresses = Addresses()
    for source in page_sources():
        for batch in _batches(source.ids()):
            docs = source.documents(batch, blocked, addresses)
            if progress:
                progress(len(batch))
            yield docs
    docs = page_documents(None, blocked, addresses)
    yield docs
    for source in object_sources():
        for batch in _batches(source.ids()):
            yield source.documents(batch, blocked, addresses)
