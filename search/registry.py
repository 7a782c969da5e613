"""What the portal index holds beyond plain pages, as the content apps declare it (from their AppConfig.ready).

Every live, public page is indexed by ``search.sources.page_documents``; a page class says how through
optional declarations, read with defaults:

* ``search_kind``: the kind of result (one of ``search.sources.KINDS``), "page" when not declared;
* ``search_subtitle()``: the line under the title, computed in the page's language ("" when not declared);
* ``search_date()``: the date shown with the result (None when not declared).

Its text is what the model's ``search_fields`` declare, as for Wagtail's own index.

A **source** builds the documents of its objects in bulk instead: the pages of one model (``key_prefix``
"page": those pages are left out of the generic page documents), or objects that are not pages, whose
documents have keys "<key_prefix>:<id>" and are refreshed when such an object is saved or deleted. A source
may name **dependants**: the documents of other sources that show its objects' text (a book shows its
authors' names, an author the titles of their books). A **watcher** re-indexes the pages that show an
object's text when that object is saved (a topic's name is part of the pages filed under it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    """Documents built in bulk: ``documents(ids or None, blocked, addresses)`` builds them (None: all),
    ``ids()`` lists every id a rebuild indexes, in order."""

    name: str
    model: type
    documents: Callable
    ids: Callable[[], list]
    key_prefix: str = "page"
    translations: Callable[[set], set] | None = None  # ids -> the ids of these objects in every language
    dependants: Callable[[set], dict[str, set]] | None = None  # ids -> {source name: ids showing their text}
    unit: str = "item"  # what a rebuild's progress counts (page sources)

    @property
    def for_pages(self) -> bool:
        return self.key_prefix == "page"

    def key(self, object_id) -> str:
        return f"{self.key_prefix}:{object_id}"


_sources: dict[str, Source] = {}
_watchers: dict[type, list[Callable]] = {}


def register_source(name: str, *, model: type, documents: Callable, ids: Callable, key_prefix: str = "page",
                    translations: Callable | None = None, dependants: Callable | None = None,
                    unit: str = "item") -> Source:
    """Declare a source of documents (registering a name again replaces it)."""
    source = Source(name, model, documents, ids, key_prefix, translations, dependants, unit)
    _sources[name] = source
    return source


def register_watcher(model: type, pages: Callable[[object], Iterable[int]]) -> None:
    """Saving an object of ``model`` re-indexes the pages ``pages(instance)`` names."""
    found = _watchers.setdefault(model, [])
    if pages not in found:
        found.append(pages)


def sources() -> list[Source]:
    return list(_sources.values())


def get_source(name: str) -> Source:
    return _sources[name]


def page_sources() -> list[Source]:
    return [source for source in _sources.values() if source.for_pages]


def object_sources() -> list[Source]:
    return [source for source in _sources.values() if not source.for_pages]


def object_source(model: type) -> Source | None:
    """The source of the objects of ``model`` (not pages), if one is registered."""
    for source in object_sources():
        if issubclass(model, source.model):
            return source
    return None


def watchers(model: type) -> list[Callable]:
    return list(_watchers.get(model, ()))
