"""Ranking of the candidates a backend returns, the same for every backend (pure functions).

Backends order their matches by their own full-text relevance (BM25 on SQLite, ts_rank on PostgreSQL,
Elasticsearch's scoring), which does not know what matters most here: a title typed whole, in whatever
spelling, is the answer. The best candidates are therefore scored again from the normalised terms of their
title, author and other-language fields: how each query word matched (exactly, by a prefix, by one typo) and
where (title, authors, other languages), whether the whole query is the title, plus a small preference by
kind. The backend's own score only breaks ties, so results agree across backends.
"""

from __future__ import annotations

from .normalize import edits1_ok, fold
from .terms import QueryWord

FIELD_WEIGHTS = (("title", 10.0), ("authors", 8.0), ("alt", 7.0))
BODY_WEIGHT = 1.5
EXACT, PREFIX, FUZZY = 1.0, 0.7, 0.55
KIND_PRIOR = {"book": 2.0, "author": 1.5, "guideline": 1.0, "video": 0.8, "digest": 0.6, "exhibition": 0.6, "event": 0.6, "page": 0.0}


def word_quality(word: QueryWord, terms: frozenset | set) -> float:
    """How one query word matches a field's terms: exact, prefix, one edit, or not at all."""
    if not terms:
        return 0.0
    for term in word.exact:
        if term in terms:
            return EXACT
    for prefix in word.prefixes:
        for term in terms:
            if term.startswith(prefix):
                return PREFIX
    for form in word.fuzzy:
        for term in terms:
            if edits1_ok(form, term):
                return FUZZY
    return 0.0


def _phrase(words: list[QueryWord]) -> str:
    return " ".join(word.exact[0] for word in words)


def _fields(candidate) -> dict[str, frozenset]:
    return {
        "title": frozenset(candidate.title_terms.split()),
        "authors": frozenset(candidate.author_terms.split()),
        "alt": frozenset(candidate.alt_terms.split()),
    }


def score(candidate, words: list[QueryWord], *, all_required_matched: bool = True) -> float:
    """The score of one candidate for a parsed query (higher is better)."""
    fields = _fields(candidate)
    total = 0.0
    in_title = in_names = 0
    required = [word for word in words if word.required] or words
    for word in words:
        best, where = 0.0, ""
        for name, weight in FIELD_WEIGHTS:
            quality = word_quality(word, fields[name])
            if quality and weight * quality > best:
                best, where = weight * quality, name
        if best == 0.0 and all_required_matched and word.required:
            best, where = BODY_WEIGHT, "body"  # a required word is somewhere: in the text
        if word.required or best:
            total += best if word.required else best * 0.3
        if word.required and where == "title":
            in_title += 1
        if word.required and where in ("title", "authors"):
            in_names += 1
    phrase = _phrase(words)
    title = fold(candidate.title)
    if phrase and (title == phrase or title.startswith(phrase + " ")):
        total += 30.0 if title == phrase else 12.0
    elif phrase and any(_alt_title_equals(candidate, phrase)):
        total += 20.0
    if required and in_title == len(required):
        total += 8.0
    elif required and in_names == len(required):
        total += 4.0
    if candidate.kind == "author" and required and in_title == len(required):
        total += 2.0
    total += KIND_PRIOR.get(candidate.kind, 0.0)
    return total


def _alt_title_equals(candidate, phrase: str):
    # The other languages' texts are stored as terms only; a whole-phrase match among them is approximated
    # by every query word (folded) appearing in order in the alt terms.
    terms = candidate.alt_terms.split()
    query = phrase.split()
    if not query or len(query) > len(terms):
        yield False
        return
    position = 0
    for term in terms:
        if term == query[position]:
            position += 1
            if position == len(query):
                yield True
                return
    yield False


def rank(candidates, words: list[QueryWord], *, all_required_matched: bool = True) -> list:
    """Candidates best first: by score, then the backend's relevance, then shorter titles."""
    scored = [
        (score(candidate, words, all_required_matched=all_required_matched), candidate.rank, -len(candidate.title), -candidate.id, candidate)
        for candidate in candidates
    ]
    scored.sort(key=lambda item: item[:4], reverse=True)
    for value, _rank, _length, _id, candidate in scored:
        candidate.score = round(value, 3)
    return [item[-1] for item in scored]
