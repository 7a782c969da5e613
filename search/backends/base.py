"""The interface both search backends implement, and the plain data they exchange with the query layer.

A backend stores documents (``search.sources.IndexDoc``) and answers one question: which documents match a
parsed query (every required word by one of its exact, prefix or fuzzy forms), best first by its own
relevance, with counts per language and kind. Ranking the best candidates, snippets and suggestions are
done above it (``search.queries``), identically for every backend.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..terms import QueryWord


@dataclass
class Candidate:
    """A matching document as the ranking needs it."""

    id: int
    key: str
    kind: str
    locale: str
    object_id: int
    translation_key: str
    title: str
    subtitle: str
    url: str
    date: object
    title_terms: str
    author_terms: str
    alt_terms: str
    rank: float  # the backend's own relevance, higher is better
    body: str = ""


@dataclass
class Matches:
    """What a backend answers: the best candidates (at most ``limit``), and counts of all matches."""

    candidates: list[Candidate]
    counts: dict[tuple[str, str], int] = field(default_factory=dict)  # (locale, kind) -> documents

    def total(self, locale: str | None = None, kinds=None) -> int:
        return sum(
            count for (doc_locale, kind), count in self.counts.items()
            if (locale is None or doc_locale == locale) and (not kinds or kind in kinds)
        )


class SearchBackend:
    """Stores the portal's documents and finds the ones matching a query."""

    name = "base"

    def index(self, docs) -> None:
        """Add or replace documents (matched on ``key``)."""
        raise NotImplementedError

    def delete(self, keys) -> None:
        """Remove documents by key; unknown keys are ignored."""
        raise NotImplementedError

    def clear(self) -> None:
        raise NotImplementedError

    def match(self, words: list[QueryWord], *, locale: str | None, kinds=(), limit: int = 200,
              require_all: bool = True, fields=None, counts: bool = True, expansions=None) -> Matches:
        """Documents matching the words: all required words (``require_all``) or any word.

        ``locale``/``kinds`` restrict the candidates, not the counts (they cover every language and kind, so
        the results page can offer the other languages' matches). ``fields`` restricts the searched fields
        to some of "title", "authors", "alt", "body" (autocomplete searches names, not text); ``counts`` off
        skips counting. ``expansions`` (word text -> typo neighbours) is for backends that look neighbours up
        themselves: None computes them, {} goes without; others ignore it.
        """
        raise NotImplementedError

    def bodies(self, keys) -> dict[str, str]:
        """Plain text of documents by key, for snippets."""
        raise NotImplementedError

    def neighbours(self, term: str, distance: int = 1) -> list[tuple[str, int]]:
        """Indexed terms within ``distance`` edits of ``term``, with their document counts."""
        raise NotImplementedError

    def count(self) -> int:
        raise NotImplementedError

    def ping(self) -> None:
        """The cheapest question that proves the backend answers (the health check, portal/health.py); raises
        when it does not."""
        raise NotImplementedError
