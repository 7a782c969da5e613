"""Index and query terms of the portal search, built on ``search.normalize`` (folding and stemming).

The same analysis is applied to indexed text and to queries, so a query word meets the indexed word in any
spelling:

* ``index_terms`` gives the terms of a text: the folded form of each word and its skeleton stem
  (``word_terms``).
* Russian text additionally gets the Snowball (Russian) stem of each Cyrillic
  word without Kazakh letters, as an extra term beside the skeleton stem
  (``russian_stem``): книга and книги then share "knig". Queries get it for
  such words too. It is an addition, never a replacement, so a Latin or
  Kazakh spelling still meets the same skeleton stem.
* ``parse_query`` turns a query into words, each with its exact terms, the
  prefix a partly typed word may have, and the forms of 5+ letters that a
  document term may be one edit away from; ``fuzzy_keys`` says where in a
  sorted vocabulary those neighbours are.
* ``deletion_variants`` is a term's deletion neighbourhood, the keys of the vocabulary's typo
  look-ups; ``edit_distance`` ranks the neighbours found.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

from .normalize import fold, stem

__all__ = [
    "STOPWORDS", "russian_stem", "words", "word_terms", "index_terms", "MAX_QUERY_LENGTH", "FUZZY_MIN_LENGTH",
    "QueryError", "QueryWord", "parse_query", "edit_distance", "deletion_variants", "VARIANT_PREFIX", "fuzzy_keys",
]

# Words that a query may contain without every result having to contain them (skeleton spelling):
# English and Russian function words and Kazakh conjunctions. They still count towards the score.
STOPWORDS = frozenset(
    "the of a an and or in on to for with at by from is "
    "i v vo na s so po o ob k u za iz ot dlia a ili ne "
    "jane men pen ben da de ta te".split())

# Kazakh-only letters: a Cyrillic word with none of them may be Russian, and gets a Snowball stem too.
_KAZAKH_LETTERS = frozenset("әғқңөұүһіӘҒҚҢӨҰҮҺІ")
_CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_RUSSIAN = snowballstemmer.stemmer("russian")


@lru_cache(maxsize=65536)
def russian_stem(word: str) -> str:
    """Snowball (Russian) stem of a Cyrillic word without Kazakh letters, folded; "" when it does not apply
    (a Kazakh or Latin word) or the stem is shorter than 3 letters ("абая" -> "аб" is too short to trust)."""
    word = word.lower()
    if not _CYRILLIC.search(word) or _KAZAKH_LETTERS.intersection(word):
        return ""
    folded = fold(_RUSSIAN.stemWord(word.replace("ё", "е")))
    if len(folded) < 3 or " " in folded:
        return ""
    return folded


def words(text: str) -> list[str]:
    """The words of raw text as written (letters and digits; an inner apostrophe stays inside the word)."""
    return _WORD.findall(text or "")


@lru_cache(maxsize=131072)
def word_terms(word: str, russian: bool = False) -> tuple[str, ...]:
    """Index terms of one written word: its folded form(s), their stems and, for Russian text, the Snowball
    stem. Deduplicated, in that order. The same function gives a query word its exact variants."""
    out: list[str] = []
    for token in fold(word).split():
        for term in (token, stem(token)):
            if term not in out:
                out.append(term)
    if russian:
        extra = russian_stem(word)
        if extra and extra not in out:
            out.append(extra)
    return tuple(out)


def index_terms(text: str, russian: bool = False, unique: bool = True) -> list[str]:
    """Terms to index for ``text``; ``russian`` adds Snowball stems of Cyrillic words (Russian text)."""
    out: list[str] = []
    seen: set[str] = set()
    for word in words(text):
        for term in word_terms(word, russian):
            if unique:
                if term in seen:
                    continue
                seen.add(term)
            out.append(term)
    return out


MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12
FUZZY_MIN_LENGTH = 5
PREFIX_MIN_LENGTH = 4


class QueryError(ValueError):
    """A query that cannot be searched: empty once folded, or longer than MAX_QUERY_LENGTH characters."""


@dataclass(frozen=True)
class QueryWord:
    """One word of a query with everything it may match.

    ``exact``: terms a document must contain (any of them); ``prefixes``: terms a document term may start
    with (the folded word, when it has 4+ letters, 3+ as the query's last word, 2+ as the last word typed
    ahead); ``fuzzy``: forms of 5+
    letters that a document term may be one edit away from; ``required``: a stop word is not required.
    """

    text: str
    exact: tuple[str, ...]
    prefixes: tuple[str, ...]
    fuzzy: tuple[str, ...]
    required: bool = True


def parse_query(text: str, *, typing: bool = False) -> list[QueryWord]:
    """The words of a search query (at most MAX_QUERY_WORDS), each with its exact, prefix and fuzzy forms.

    ``typing`` (autocomplete): the last word is a prefix from its second letter on. Raises QueryError for an
    empty or over-long query. The query is analysed by the same functions as indexed text.
    """
    text = (text or "").strip()
    if len(text) > MAX_QUERY_LENGTH:
        raise QueryError(f"the query is longer than {MAX_QUERY_LENGTH} characters")
    raw = words(text)
    out: list[QueryWord] = []
    for index, word in enumerate(raw):
        exact = word_terms(word, True)
        if not exact:
            continue
        last = typing and index == len(raw) - 1
        folded = exact[0]
        # Inflections are matched by the stem (an exact term); a prefix is for words typed in part.
        final = index == len(raw) - 1
        if last:
            prefixes = (folded,) if len(word) >= 2 else ()
        else:
            prefixes = (folded,) if len(folded) >= (3 if final else PREFIX_MIN_LENGTH) else ()
        fuzzy = tuple(dict.fromkeys(t for t in exact[:2] if len(t) >= FUZZY_MIN_LENGTH and t.isalpha()))
        required = not (folded in STOPWORDS or (len(folded) == 1 and folded.isalpha() and not (last and prefixes)))
        out.append(QueryWord(word, exact, prefixes, fuzzy, required))
        if len(out) == MAX_QUERY_WORDS:
            break
    if not out:
        raise QueryError("the query has no letters or digits to search for")
    if not any(word.required for word in out):  # "The Of": nothing but stop words, so all of them count
        out = [QueryWord(w.text, w.exact, w.prefixes, w.fuzzy, True) for w in out]
    return out


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, or ``limit + 1`` once it exceeds ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        row_min = i
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


VARIANT_PREFIX = 10


def deletion_variants(term: str, distance: int = 1) -> set[str]:
    """The first VARIANT_PREFIX letters of ``term`` and every string made by deleting up to ``distance`` of
    them (SymSpell's deletion neighbourhood). Two terms within ``distance`` edits (insertions, deletions,
    substitutions, swaps) share at least one variant, except in rare multi-edit cases; a beyond-the-prefix
    typo leaves the prefix itself shared."""
    head = term[:VARIANT_PREFIX]
    out = {head}
    frontier = {head}
    for _step in range(distance):
        frontier = {word[:i] + word[i + 1:] for word in frontier for i in range(len(word))}
        out |= frontier
    out.discard("")
    return out


def fuzzy_keys(term: str) -> tuple[str, str]:
    """(prefix, suffix) such that every term one edit away from ``term`` starts with the prefix or ends with
    the suffix: a vocabulary sorted forwards and backwards finds all candidates with two range scans."""
    half = len(term) // 2
    return term[:half], term[half + 1:]
