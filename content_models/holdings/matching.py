"""Matching holdings rows to the titles of the recommended list.

A row is matched, in this order:

1. by ISBN, when the row has one the list has too (ISBN-10 and ISBN-13 of a book are the same code) — 1.0;
2. by its title after the normalisation search uses (``search.normalize.fold``: case, punctuation, Kazakh
   Cyrillic, Latin and Russian-style spellings), with volume markers removed (``strip_volume``: «Абай жолы.
   1-кітап» is «Абай жолы»), the statement of responsibility («… / М. Әуезов») and subtitles («… : роман»)
   left out, and small words (мен, и, and …) ignored. The titles of every language of the list count, so
   «Путь Абая» and «Abai joly» find «Абай жолы». An equal title with an agreeing author is 1.0, with no author
   in the row 0.9 (when only one title of the list has it), with a different author 0.65;
3. otherwise by similar titles: word by word, equal words count 1, words with the same stem 0.9, words one
   letter apart 0.8 (typing mistakes); similarity = 2 × matched weight / (words in both titles), times the
   author factor, and never above 0.89 — a similar title always needs the librarian's confirmation. Titles
   whose words are only run together differently («Қарасөздер», «Қара сөздер») count as 0.95 similar.

Authors agree when every name word of the row (initials and role words left out) equals a name word of the
book in some language, after surname endings are set aside (Құнанбайұлы = Кунанбаев, Байтұрсынұлы =
Байтурсынов), so «Әуезов М.», «Мұхтар Әуезов» and «Auezov, Mukhtar» agree. Scores of at least
``MATCH_THRESHOLD`` are matches, of at least ``POSSIBLE_THRESHOLD`` possible matches for the librarian to
confirm, lower scores no match.

Speed: the list is indexed by ISBN, by normalised title, by word, by stem and by every one-letter deletion of
each word's first letters (``search.terms.deletion_variants``, so a word one letter apart is found with a few
dictionary look-ups); each row is compared only with the titles that share a word with it, and identical rows
are matched once.
"""

import math
import re
import threading
from collections import Counter
from dataclasses import dataclass

from django.conf import settings

from content_models.books.catalogue import snapshot
from content_models.core.versions import current_version
from content_models.holdings.parsing import Holding, isbns_in
from search.normalize import edits1_ok, fold, stem, strip_volume
from search.terms import deletion_variants

MATCH_THRESHOLD = 0.9
POSSIBLE_THRESHOLD = 0.6
FUZZY_CAP = 0.89
AUTHOR_FACTOR = {"agree": 1.0, "none": 0.9, "partial": 0.85, "disagree": 0.65}
EXACT_SCORE = {"agree": 1.0, "none": 0.9, "partial": 0.85, "disagree": 0.65}
JOINED_SIMILARITY = 0.95  # the same letters with the words run together or split differently
AMBIGUOUS_SCORE = 0.75  # an equal title shared by several books of the list, and no author to tell them apart

# Small words of titles in the skeleton spelling: мен/бен/пен/және, туралы; и, в, о, об, на, с, к, у; English.
TITLE_STOPWORDS = frozenset("men ben pen jane turali i v vo o ob na s so k ko u the of and a an to in on".split())
# Words of an author cell that are not names (roles, "and"), in the skeleton spelling; a role word ends the names.
AUTHOR_NOISE = frozenset("jane and the et al avtor avtori author authors".split())
AUTHOR_ROLES = frozenset(
    "per perev perevod perevel perevela sost sostavitel red redaktor pod hud hudoj hudojnik il illiustr illiustratsii "
    "kurast kurastirgan aud audar audargan audarma suret suretshi trans translated translator ed eds editor comp "
    "compiled illus illustrated".split()
)
SURNAME_ENDINGS = ("kizi", "uli", "ulu", "evich", "ovich", "ovna", "evna", "skaia", "skii", "ova", "eva", "ina", "ov", "ev", "in")
_SPLIT_MAIN = re.compile(r"\s*[:(\[]")


@dataclass(frozen=True)
class Outcome:
    """What one holdings row matched: status "matched", "possible" or "none", the list number and how."""

    status: str
    list_no: int | None = None
    score: float = 0.0
    method: str = ""  # "isbn", "title_author", "title", "similar_title"

    def as_list(self) -> list:
        return [self.status, self.list_no, self.score, self.method]

    @classmethod
    def from_list(cls, values) -> "Outcome":
        status, list_no, score, method = values
        return cls(status=status, list_no=list_no, score=score, method=method)


NO_MATCH = Outcome("none")


def title_tokens(text: str) -> tuple[str, ...]:
    """Folded words of a title without the small words (all of them when nothing else is left)."""
    words = fold(text).split()
    kept = tuple(word for word in words if word not in TITLE_STOPWORDS)
    return kept or tuple(words)


def title_variants(text: str) -> list[tuple[str, ...]]:
    """The whole title and its main part (before a subtitle or a bracket), volume markers removed."""
    text = (text or "").split(" / ")[0].strip()
    whole = strip_volume(text)
    main = _SPLIT_MAIN.split(whole, maxsplit=1)[0]
    variants = []
    for candidate in (whole, strip_volume(main) if main != whole else whole):
        tokens = title_tokens(candidate)
        if tokens and tokens not in variants:
            variants.append(tokens)
    return variants


def name_root(word: str) -> str:
    for ending in SURNAME_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def author_words(text: str) -> tuple[str, ...]:
    """Name words of an author cell: folded, initials and role words left out, up to the first role word
    (what follows «пер.», «құраст.», «ред.» names translators and editors)."""
    words = []
    for word in fold(text or "").split():
        if word in AUTHOR_ROLES:
            break
        if len(word) < 3 or word in AUTHOR_NOISE or word.isdigit():
            continue
        if word not in words:
            words.append(word)
    return tuple(words)


def _names_match(word: str, book_words: frozenset, book_roots: frozenset) -> bool:
    if word in book_words:
        return True
    root = name_root(word)
    if root in book_roots:
        return True
    for other in book_roots:
        shorter = min(len(root), len(other))
        if shorter >= 4 and (root.startswith(other) or other.startswith(root)):
            return True
    return any(edits1_ok(word, other) for other in book_words)


def author_agreement(row_words: tuple[str, ...], book_words: frozenset, book_roots: frozenset) -> str:
    if not row_words:
        return "none"
    matched = sum(1 for word in row_words if _names_match(word, book_words, book_roots))
    if matched == len(row_words) or (len(row_words) >= 3 and matched >= len(row_words) - 1):
        return "agree"
    return "partial" if matched else "disagree"


def _token_weight(a: str, b: str) -> float:
    if a == b:
        return 1.0
    if a.isdigit() or b.isdigit():
        return 0.0
    if stem(a) == stem(b):
        return 0.9
    if edits1_ok(a, b):
        return 0.8
    return 0.0


def title_similarity(row: tuple[str, ...], book: tuple[str, ...]) -> float:
    """2 × (weight of the row's words found in the book's title, each book word used once) / (words in both)."""
    if not row or not book:
        return 0.0
    free = list(book)
    total = 0.0
    for word in row:
        best, best_index = 0.0, -1
        for index, other in enumerate(free):
            weight = _token_weight(word, other)
            if weight > best:
                best, best_index = weight, index
                if weight == 1.0:
                    break
        if best_index >= 0:
            total += best
            free.pop(best_index)
    return 2 * total / (len(row) + len(book))


class ListIndex:
    """The current titles of the list (every language) indexed for matching."""

    def __init__(self, books: list[dict]):
        self.books = {book["list_no"]: book for book in books}
        self.by_isbn: dict[str, int] = {}
        self.by_title: dict[tuple, set[int]] = {}
        self.by_joined: dict[str, set[int]] = {}  # the title's words written together («Қарасөздер»)
        self.variants: list[tuple[int, tuple[str, ...]]] = []  # variant id → (list number, words)
        self.by_word: dict[str, set[int]] = {}
        self.by_stem: dict[str, set[int]] = {}
        self.by_deletion: dict[str, set[int]] = {}
        self.author_words: dict[int, frozenset] = {}
        self.author_roots: dict[int, frozenset] = {}
        self._candidates: dict[str, frozenset] = {}
        for book in books:
            number = book["list_no"]
            if book["isbn"]:
                self.by_isbn.setdefault(book["isbn"], number)
            words = {word for name in book["authors"] for word in author_words(name)}
            self.author_words[number] = frozenset(words)
            self.author_roots[number] = frozenset(name_root(word) for word in words)
            seen = set()
            for title in book["titles"]:
                for tokens in title_variants(title):
                    if tokens in seen:
                        continue
                    seen.add(tokens)
                    self.by_title.setdefault(tokens, set()).add(number)
                    self.by_joined.setdefault("".join(tokens), set()).add(number)
                    variant = len(self.variants)
                    self.variants.append((number, tokens))
                    for word in set(tokens):
                        self.by_word.setdefault(word, set()).add(variant)
                        self.by_stem.setdefault(stem(word), set()).add(variant)
                        if len(word) >= 5:
                            for key in deletion_variants(word):
                                self.by_deletion.setdefault(key, set()).add(variant)

    def _author(self, row_words, number) -> str:
        return author_agreement(row_words, self.author_words[number], self.author_roots[number])

    def match(self, title: str, author: str = "", isbn: str = "") -> Outcome:
        for code in isbns_in(isbn):
            number = self.by_isbn.get(code)
            if number is not None:
                return Outcome("matched", number, 1.0, "isbn")
        variants = title_variants(title)
        if not variants:
            return NO_MATCH
        row_authors = author_words(author)
        best = NO_MATCH

        exact = set()
        for tokens in variants:
            exact |= self.by_title.get(tokens, set())
        if exact:
            agreements = {number: self._author(row_authors, number) for number in exact}
            rank = ("agree", "none", "partial", "disagree")
            top = min(agreements.values(), key=rank.index)
            numbers = sorted(number for number, value in agreements.items() if value == top)
            score = EXACT_SCORE[top]
            if len(numbers) > 1 and top != "agree":
                score = min(score, AMBIGUOUS_SCORE)
            best = Outcome("", numbers[0], score, "title_author" if top == "agree" else "title")
            if score >= MATCH_THRESHOLD:
                return Outcome("matched", best.list_no, best.score, best.method)

        candidates = self._similar(variants, exclude=exact)
        for similarity, number in candidates:
            if similarity * AUTHOR_FACTOR["agree"] <= best.score:
                break
            score = min(similarity * AUTHOR_FACTOR[self._author(row_authors, number)], FUZZY_CAP)
            if score > best.score:
                best = Outcome("", number, score, "similar_title")
        score = round(best.score, 3)
        if score >= MATCH_THRESHOLD:
            return Outcome("matched", best.list_no, score, best.method)
        if score >= POSSIBLE_THRESHOLD:
            return Outcome("possible", best.list_no, score, best.method)
        return NO_MATCH

    def _word_candidates(self, word: str) -> frozenset:
        """Variants with a word equal to ``word``, with its stem, or one letter apart (memoised per word)."""
        found = self._candidates.get(word)
        if found is None:
            keys = set(self.by_word.get(word, ()))
            keys |= self.by_stem.get(stem(word), set())
            if len(word) >= 4:
                for key in deletion_variants(word):
                    keys |= self.by_deletion.get(key, set())
            found = frozenset(keys)
            if len(self._candidates) > 200_000:
                self._candidates.clear()
            self._candidates[word] = found
        return found

    def _similar(self, variants, exclude) -> list[tuple[float, int]]:
        """(similarity, list number) of the titles that share enough words with the row, best first.

        A title can reach ``POSSIBLE_THRESHOLD`` only if it shares at least ``needed`` of the row's words, so
        candidates are drawn from all but the ``needed - 1`` most common of them (any title sharing ``needed``
        words has one of those) and then counted; common words never have to be walked through whole.
        """
        best: dict[int, float] = {}
        for tokens in variants:
            for number in self.by_joined.get("".join(tokens), ()):
                if number not in exclude:
                    best[number] = JOINED_SIMILARITY
        for tokens in variants:
            words = Counter(tokens)
            sets = sorted(((self._word_candidates(word), count) for word, count in words.items()), key=lambda item: len(item[0]))
            needed = max(1, math.ceil(POSSIBLE_THRESHOLD / 2 * (len(tokens) + 1) - 1e-9))
            if needed > len(tokens):
                continue
            # Words repeated in the title count as often as they occur; the pool skips the most common words
            # that together occur fewer than `needed` times.
            skip, skipped = 0, 0
            for found, count in reversed(sets):
                if skipped + count >= needed:
                    break
                skip, skipped = skip + 1, skipped + count
            tally: Counter = Counter()
            for found, count in sets[: len(sets) - skip]:
                tally.update(dict.fromkeys(found, count) if count > 1 else found)
            for found, count in sets[len(sets) - skip:]:
                for variant in found.intersection(tally):
                    tally[variant] += count
            for variant, shared in tally.items():
                if shared < needed:
                    continue
                number, book_tokens = self.variants[variant]
                if number in exclude:
                    continue
                if 2 * shared / (len(tokens) + len(book_tokens)) < POSSIBLE_THRESHOLD:
                    continue  # even if every shared word were equal the titles would be too different
                similarity = title_similarity(tokens, book_tokens)
                if similarity > best.get(number, 0.0):
                    best[number] = similarity
        return sorted(((similarity, number) for number, similarity in best.items()), key=lambda item: (-item[0], item[1]))


_indexes: dict[int, ListIndex] = {}
_lock = threading.Lock()


def list_index(version: int | None = None) -> ListIndex:
    """The index of the current list, rebuilt when the list changes (the same version as the snapshots)."""
    version = current_version() if version is None else version
    index = _indexes.get(version)
    if index is not None:
        return index
    with _lock:
        index = _indexes.get(version)
        if index is None:
            index = ListIndex(list_books(version))
            _indexes.clear()
            _indexes[version] = index
    return index


def list_books(version: int | None = None) -> list[dict]:
    """Every current title of the list with its titles and authors in every language."""
    books: dict[int, dict] = {}
    for code, _name in settings.LANGUAGES:
        for entry in snapshot(code, version).entries:
            if entry.edition_removed is not None:
                continue
            book = books.setdefault(entry.list_no, {"list_no": entry.list_no, "isbn": entry.isbn, "titles": [], "authors": []})
            book["isbn"] = book["isbn"] or entry.isbn
            for title in (entry.title, entry.original_title):
                if title and title not in book["titles"]:
                    book["titles"].append(title)
            for _author_id, name, _key in entry.authors:
                if name not in book["authors"]:
                    book["authors"].append(name)
    return [books[number] for number in sorted(books)]


def holdings_match(holdings: list[Holding], index: ListIndex | None = None, progress=None, every: int = 500) -> list[Outcome]:
    """One outcome per holdings row; rows with the same title, author and ISBN are matched once.
    ``progress(rows_done)``, when given, is called every ``every`` rows."""
    index = index or list_index()
    seen: dict[tuple, Outcome] = {}
    outcomes = []
    for number, holding in enumerate(holdings):
        if progress is not None and number and number % every == 0:
            progress(number)
        key = (holding.title, holding.author, holding.isbn)
        outcome = seen.get(key)
        if outcome is None:
            outcome = seen[key] = index.match(holding.title, holding.author, holding.isbn)
        outcomes.append(outcome)
    return outcomes
