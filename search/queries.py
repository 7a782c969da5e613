"""The portal search, as the results page and the API use it: ``search_pages`` and ``autocomplete``.

A query is parsed by ``search.terms`` (the same analysis as the indexed text), matched by the active
backend, the best candidates are ranked by ``search.ranking`` and the page of results gets highlighted titles
and passages (``search.highlight``). When no document has every word, documents with some of them are shown
(``partial``), and a word the index does not know is replaced by its nearest indexed neighbour for a "did you
mean" suggestion. When Elasticsearch fails, the database backend answers (``search.backends.answer``).
Answers are cached per process until the index changes (one version number in the
database, bumped by every index write).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.db import connection

from .backends import answer
from .highlight import Matcher, mark, snippet
from .models import IndexVersion
from .normalize import fold
from .ranking import rank
from .sources import KINDS
from .terms import QueryError, QueryWord, edit_distance, parse_query, word_terms
from .terms import words as written_words

__all__ = ["QueryError", "Hit", "SearchResults", "search_pages", "autocomplete", "KINDS"]

CANDIDATES = 200
MAX_LIMIT = 50
MAX_OFFSET = 1000


@dataclass
class Hit:
    kind: str
    id: int
    key: str
    locale: str
    title: str
    title_html: str
    subtitle: str
    url: str
    snippet: str
    score: float
    date: object = None


@dataclass
class SearchResults:
    query: str
    locale: str
    kinds: tuple
    hits: list[Hit]
    total: int
    offset: int
    limit: int
    facets: dict[str, int] = field(default_factory=dict)  # kind -> results in this language
    other_locales: dict[str, int] = field(default_factory=dict)  # other language -> results there
    partial: bool = False  # no document had every word: these have some of them
    suggestion: str | None = None  # "did you mean"


class _LRU:
    def __init__(self, size: int):
        self.size, self.data, self.lock = size, OrderedDict(), threading.Lock()

    def get(self, key):
        with self.lock:
            value = self.data.get(key)
            if value is not None:
                self.data.move_to_end(key)
            return value

    def put(self, key, value):
        with self.lock:
            self.data[key] = value
            self.data.move_to_end(key)
            while len(self.data) > self.size:
                self.data.popitem(last=False)

    def clear(self):
        with self.lock:
            self.data.clear()


_results = _LRU(1024)
_expansions = _LRU(8192)


def _version() -> int:
    """The index version (one indexed row; plain SQL, as it is read on every search)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {IndexVersion._meta.db_table} WHERE key = %s", ["search"])
        row = cursor.fetchone()
    return row[0] if row else 1


def _cache_enabled() -> bool:
    return getattr(settings, "PORTAL_SEARCH_CACHE", True)


def _expand(backend, words: list[QueryWord], version: int) -> dict[str, list[str]] | None:
    """Typo expansions of each word (database backend; Elasticsearch expands by itself), cached."""
    if not hasattr(backend, "expand_many"):
        return None
    out, missing = {}, []
    for word in words:
        found = _expansions.get((version, word.fuzzy, word.exact))
        if found is None:
            missing.append(word)
        else:
            out[word.text] = found
    if missing:
        for word, found in zip(missing, backend.expand_many(missing), strict=True):
            _expansions.put((version, word.fuzzy, word.exact), found)
            out[word.text] = found
    return out


def _match(backend, words, version, **kwargs):
    return backend.match(words, expansions=_expand(backend, words, version), **kwargs)


def search_pages(*, query: str, locale: str, types=(), limit: int = 10, offset: int = 0) -> SearchResults:
    """Search everything visitors can see in ``locale`` (kk, ru, en); ``types`` limits the kinds of results.

    Raises QueryError for an empty or over-long query and ValueError for an unknown type.
    """
    kinds = tuple(sorted(set(types)))
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown:
        raise ValueError(f"unknown type(s): {', '.join(unknown)}; use: {', '.join(KINDS)}")
    limit = max(1, min(int(limit), MAX_LIMIT))
    offset = max(0, min(int(offset), MAX_OFFSET))
    words = parse_query(query)
    version = _version()
    return answer(lambda backend: _search(backend, words, version, query=query, locale=locale, kinds=kinds, limit=limit, offset=offset))


def _search(backend, words, version, *, query, locale, kinds, limit, offset) -> SearchResults:
    cache_key = (version, backend.name, locale, query.strip(), kinds, limit, offset)
    if _cache_enabled():
        cached = _results.get(cache_key)
        if cached is not None:
            return cached
    wanted = max(CANDIDATES, offset + limit)
    matches = _match(backend, words, version, locale=locale, kinds=kinds, limit=wanted)
    total = matches.total(locale, kinds)
    partial = False
    if total == 0 and sum(1 for word in words if word.required) > 1:
        any_word = _match(backend, words, version, locale=locale, kinds=kinds, limit=wanted, require_all=False)
        if any_word.total(locale, kinds):
            matches, total, partial = any_word, any_word.total(locale, kinds), True
    ranked = rank(matches.candidates, words, all_required_matched=not partial)
    window = ranked[offset:offset + limit]
    matcher = Matcher(words)
    bodies = backend.bodies([candidate.key for candidate in window]) if window else {}
    hits = []
    for candidate in window:
        title_html, _count = mark(candidate.title, matcher)
        hits.append(Hit(
            kind=candidate.kind, id=candidate.object_id, key=candidate.key, locale=candidate.locale,
            title=candidate.title, title_html=title_html, subtitle=candidate.subtitle, url=candidate.url,
            snippet=snippet(bodies.get(candidate.key, ""), matcher), score=candidate.score,
            date=_date(candidate.date),
        ))
    facets: dict[str, int] = {}
    others: dict[str, int] = {}
    for (doc_locale, kind), count in matches.counts.items():
        if doc_locale == locale:
            facets[kind] = facets.get(kind, 0) + count
        elif not kinds or kind in kinds:
            others[doc_locale] = others.get(doc_locale, 0) + count
    results = SearchResults(
        query=query.strip(), locale=locale, kinds=kinds, hits=hits, total=total, offset=offset, limit=limit,
        facets={kind: facets[kind] for kind in KINDS if facets.get(kind)},
        other_locales={code: others[code] for code, _name in settings.LANGUAGES if others.get(code)},
        partial=partial,
    )
    if total == 0 or partial:
        results.suggestion = suggest(backend, words, version, locale=locale, kinds=kinds)
    if _cache_enabled():
        _results.put(cache_key, results)
    return results


def _date(value):
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return value


def suggest(backend, words: list[QueryWord], version: int, *, locale: str, kinds=()) -> str | None:
    """The query with each unknown word replaced by its closest indexed neighbour (two edits at most), when
    that finds something; written as the found document writes the word."""
    corrected: list[QueryWord] = []
    replaced = {}
    for word in words:
        if not word.required or len(word.exact[0]) < 4 or backend_knows(backend, word, version):
            corrected.append(word)  # a short word has too many neighbours to guess from
            continue
        neighbours = backend.neighbours(word.exact[0], 2)
        if not neighbours:
            corrected.append(word)
            continue
        best = min(neighbours, key=lambda item: (edit_distance(word.exact[0], item[0], 2), -item[1], item[0]))[0]
        replaced[word.text] = best
        corrected.append(QueryWord(best, (best,), (), (), True))
    if not replaced:
        return None
    found = _match(backend, corrected, version, locale=locale, kinds=kinds, limit=20)
    if not found.candidates:
        return None
    top = rank(found.candidates, corrected)[0]
    bodies = backend.bodies([top.key])
    text = " ".join((top.title, top.subtitle, bodies.get(top.key, "")))
    out = []
    for word in words:
        term = replaced.get(word.text)
        out.append(_written(text, term) if term else word.text)
    return " ".join(out)


def backend_knows(backend, word: QueryWord, version: int) -> bool:
    """Whether any document has the word (exactly, by prefix or by one typo)."""
    expansions = _expand(backend, [word], version)
    if expansions and expansions.get(word.text):
        return True
    found = _match(backend, [word], version, locale=None, limit=1, counts=False)
    return bool(found.candidates)


def _written(text: str, term: str) -> str:
    """How ``text`` writes the word whose index terms include ``term`` (the term itself if none)."""
    for written in written_words(text):
        if term in word_terms(written, True):
            return written
    return term


def autocomplete(*, query: str, locale: str, limit: int = 8) -> list[Hit]:
    """Books and authors whose titles or names start like the query (the last word may be typed in part)."""
    limit = max(1, min(int(limit), 20))
    words = parse_query(query, typing=True)
    words = [QueryWord(word.text, word.exact, word.prefixes, (), word.required) for word in words]
    version = _version()
    return answer(lambda backend: _autocomplete(backend, words, version, query=query, locale=locale, limit=limit))


def _autocomplete(backend, words, version, *, query, locale, limit) -> list[Hit]:
    cache_key = ("ac", version, backend.name, locale, fold(query), limit)
    if _cache_enabled():
        cached = _results.get(cache_key)
        if cached is not None:
            return cached
    matches = backend.match(words, locale=locale, kinds=("author", "book"), limit=40,
                            fields=("title", "authors", "alt"), counts=False, expansions={})  # no typo neighbours
    matcher = Matcher(words)
    hits = []
    for candidate in rank(matches.candidates, words)[:limit]:
        title_html, _count = mark(candidate.title, matcher)
        hits.append(Hit(
            kind=candidate.kind, id=candidate.object_id, key=candidate.key, locale=candidate.locale,
            title=candidate.title, title_html=title_html, subtitle=candidate.subtitle, url=candidate.url,
            snippet="", score=candidate.score,
        ))
    if _cache_enabled():
        _results.put(cache_key, hits)
    return hits


def clear_caches() -> None:
    _results.clear()
    _expansions.clear()
