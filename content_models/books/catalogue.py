"""An in-memory snapshot of the live list per language, for browsing, facets, the API and export.

The list is small (1,770 titles × 3 languages) and read far more often than written, so each process keeps a
compact snapshot built in a handful of queries and answers facet counts, filters and sorting from it. A
version counter in the database (bumped on every publish, unpublish, move or delete of a book and every
author change) tells each process, with one cheap query, when its snapshot is stale; that works across
gunicorn workers without a shared cache.
"""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings

from content_models.books.codes import GENRE_CODES, GRADE_BANDS, LITERATURE_CODES, PERIOD_CODES, format_grades, parse_grades
from content_models.books.languages import language_canonical, language_name
from content_models.core.text import html_to_text
from content_models.core.versions import current_version
from search.normalize import edits1_ok, fold, stems

SORTS = ("number", "title", "author")
PAGE_SIZE = 24

KK_ALPHABET = "аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя"
RU_ALPHABET = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


def collation_key(text: str, language: str) -> tuple:
    """Sort key following the Kazakh or Russian alphabet (Kazakh letters in their places, not after я)."""
    order = _KK_ORDER if language == "kk" else _RU_ORDER
    text = text.lower().lstrip("«»\"'“”„ ([")
    if language != "kk":
        text = text.replace("ё", "е")
    key = []
    for char in " ".join(text.split()):
        if char == " ":
            key.append((-2, 0))  # word by word: "Ak Boz Ui" files before "Akbilek"
        elif char in order:
            key.append((1, order[char]))
        elif char.isdigit():
            key.append((0, ord(char)))
        elif char.isalpha():
            key.append((2 if not char.isascii() else 0, ord(char)))
    return tuple(key)


_KK_ORDER = {letter: index for index, letter in enumerate(KK_ALPHABET)}
_RU_ORDER = {letter: index for index, letter in enumerate(RU_ALPHABET)}


@dataclass
class Entry:
    """One live book in one language, as the list, the API and export need it."""

    id: int
    translation_key: str
    list_no: int
    title: str
    url: str
    original_title: str
    translators: str
    period: str
    literature: str
    genres: tuple[str, ...]
    grade_min: int
    grade_max: int
    language: str
    edition_added: int
    edition_removed: int | None
    publisher: str
    year: int | None
    isbn: str
    cover_id: int | None
    annotation: str
    authors: list[tuple[int, str, str]] = field(default_factory=list)  # (author id, name, author translation key)
    search_terms: frozenset = frozenset()
    title_key: tuple = ()
    author_key: tuple = ()
    api_cache: dict = field(default_factory=dict)  # language → API representation (see books/api.py)

    @property
    def grades(self) -> str:
        return format_grades(self.grade_min, self.grade_max)

    @property
    def author_names(self) -> str:
        return ", ".join(name for _id, name, _key in self.authors)

    @property
    def annotation_text(self) -> str:
        return html_to_text(self.annotation)

    def in_edition(self, year: int | None) -> bool:
        if year is None:
            return self.edition_removed is None
        return self.edition_added <= year and (self.edition_removed is None or self.edition_removed > year)

    def in_band(self, low: int, high: int) -> bool:
        return self.grade_min <= high and self.grade_max >= low


@dataclass
class Filters:
    period: frozenset = frozenset()
    literature: frozenset = frozenset()
    genre: frozenset = frozenset()
    grades: frozenset = frozenset()  # (low, high) ranges
    language: frozenset = frozenset()
    edition: int | None = None
    search: str = ""
    author: int | None = None  # an Author id: that author's books only

    def key(self) -> tuple:
        return (self.period, self.literature, self.genre, self.grades, self.language, self.edition, fold(self.search), self.author)


class FilterError(ValueError):
    """An unknown code or a malformed value in a filter; the message names the parameter."""


def parse_filters(get) -> Filters:
    """Filters from query parameters (repeatable or comma-separated); raises FilterError on unknown codes."""

    def values(name):
        raw = get(name)
        items = []
        for value in raw:
            items.extend(part.strip() for part in str(value).split(",") if part.strip())
        return items

    def codes(name, allowed):
        found = values(name)
        unknown = [value for value in found if value not in allowed]
        if unknown:
            raise FilterError(f"unknown {name} code(s): {', '.join(unknown)}; allowed: {', '.join(allowed)}")
        return frozenset(found)

    grades = set()
    for value in values("grades"):
        try:
            grades.add(parse_grades(value))
        except ValueError as problem:
            raise FilterError(f"grades: {problem}") from None
    edition = None
    edition_values = values("edition")
    if edition_values:
        if len(edition_values) > 1 or not edition_values[0].isdigit() or not 2000 <= int(edition_values[0]) <= 2100:
            raise FilterError(f"edition must be one year such as 2024, not {', '.join(edition_values)!r}")
        edition = int(edition_values[0])
    author = None
    author_values = values("author")
    if author_values:
        if len(author_values) > 1 or not author_values[0].isdigit():
            raise FilterError(f"author must be one author id, not {', '.join(author_values)!r}")
        author = int(author_values[0])
    search_values = values("search") or values("q")
    search = " ".join(search_values)
    if len(search) > 200:
        raise FilterError("search text is longer than 200 characters")
    return Filters(
        period=codes("period", PERIOD_CODES),
        literature=codes("literature", LITERATURE_CODES),
        genre=codes("genre", GENRE_CODES),
        grades=frozenset(grades),
        language=_language_codes(values("language")),
        edition=edition,
        search=search,
        author=author,
    )


def _language_codes(found: list[str]) -> frozenset:
    """Original-language filter values: any ISO 639 code, in the form books store it (ger → de)."""
    unknown = [value for value in found if language_canonical(value) is None]
    if unknown:
        raise FilterError(f"unknown language code(s): {', '.join(unknown)}; use ISO 639 codes such as kk, ru, de or grc")
    return frozenset(language_canonical(value) for value in found)


# The programme's own languages lead the language facet; the others follow by their name.
LEADING_LANGUAGES = ("kk", "ru", "en")


def languages_ordered(codes, language: str) -> list[str]:
    def key(code):
        if code in LEADING_LANGUAGES:
            return (0, LEADING_LANGUAGES.index(code), ())
        return (1, 0, collation_key(language_name(code, language), language))

    return sorted(codes, key=key)


DIMENSIONS = ("period", "literature", "genre", "grades", "language", "edition")


class Snapshot:
    """The live books of one language with precomputed sort keys and search terms."""

    def __init__(self, language: str, entries: list[Entry], list_page_url: str | None):
        self.language = language
        self.entries = sorted(entries, key=lambda entry: entry.list_no)
        self.by_id = {entry.id: entry for entry in self.entries}
        self.by_key = {entry.translation_key: entry for entry in self.entries}
        self.by_list_no = {entry.list_no: entry for entry in self.entries}
        self.list_page_url = list_page_url
        self.editions = sorted({entry.edition_added for entry in entries} | {entry.edition_removed for entry in entries if entry.edition_removed})
        self.languages = languages_ordered({entry.language for entry in entries}, language)
        self._results: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    # --- filtering -------------------------------------------------------------------------------------------
    def _failed(self, entry: Entry, filters: Filters, search_terms) -> list[str]:
        failed = []
        if filters.period and entry.period not in filters.period:
            failed.append("period")
        if filters.literature and entry.literature not in filters.literature:
            failed.append("literature")
        if filters.genre and not filters.genre.intersection(entry.genres):
            failed.append("genre")
        if filters.grades and not any(entry.in_band(low, high) for low, high in filters.grades):
            failed.append("grades")
        if filters.language and entry.language not in filters.language:
            failed.append("language")
        if not entry.in_edition(filters.edition):
            failed.append("edition")
        if search_terms and not _matches(entry.search_terms, search_terms):
            failed.append("search")
        elif filters.author is not None and not any(author_id == filters.author for author_id, _n, _k in entry.authors):
            failed.append("search")  # like the text filter: not a facet, what it excludes is counted nowhere
        return failed

    def query(self, filters: Filters) -> dict:
        """Matching entries (by list number) and facet counts, each facet counted under every other filter."""
        key = filters.key()
        with self._lock:
            cached = self._results.get(key)
            if cached is not None:
                self._results.move_to_end(key)
                return cached
        search_terms = stems(filters.search) if filters.search.strip() else []
        counts = {
            "period": dict.fromkeys(PERIOD_CODES, 0),
            "literature": dict.fromkeys(LITERATURE_CODES, 0),
            "genre": dict.fromkeys(GENRE_CODES, 0),
            "grades": {band: 0 for band, _low, _high in GRADE_BANDS},
            "language": dict.fromkeys(self.languages, 0),
            "edition": dict.fromkeys(self.editions, 0),
        }
        matches = []
        for entry in self.entries:
            failed = self._failed(entry, filters, search_terms)
            if "search" in failed:
                continue  # the text filter is not a facet: what it excludes is counted nowhere
            if not [dimension for dimension in failed if dimension != "edition"]:
                for year in self.editions:
                    if entry.in_edition(year):
                        counts["edition"][year] += 1
            if not failed:
                matches.append(entry)
                dimensions = DIMENSIONS
            elif len(failed) == 1:
                dimensions = failed
            else:
                continue
            for dimension in dimensions:
                if dimension == "period":
                    counts["period"][entry.period] += 1
                elif dimension == "literature":
                    counts["literature"][entry.literature] += 1
                elif dimension == "genre":
                    for code in entry.genres:
                        counts["genre"][code] += 1
                elif dimension == "grades":
                    for band, low, high in GRADE_BANDS:
                        if entry.in_band(low, high):
                            counts["grades"][band] += 1
                elif dimension == "language":
                    counts["language"][entry.language] = counts["language"].get(entry.language, 0) + 1
        result = {"entries": matches, "facets": counts}
        with self._lock:
            self._results[key] = result
            if len(self._results) > 256:
                self._results.popitem(last=False)
        return result

    def sorted_entries(self, entries: list[Entry], sort: str) -> list[Entry]:
        if sort == "title":
            return sorted(entries, key=lambda entry: (entry.title_key, entry.list_no))
        if sort == "author":
            return sorted(entries, key=lambda entry: (entry.author_key, entry.title_key, entry.list_no))
        return entries  # already by list number

    def composition(self) -> dict:
        """Counts and shares by period and by national/world literature of the current list."""
        current = [entry for entry in self.entries if entry.edition_removed is None]
        total = len(current)
        by_period = {code: sum(1 for entry in current if entry.period == code) for code in PERIOD_CODES}
        by_literature = {code: sum(1 for entry in current if entry.literature == code) for code in LITERATURE_CODES}
        share = lambda count: round(100 * count / total, 1) if total else 0.0  # noqa: E731
        return {
            "total": total,
            "period": {code: {"count": count, "percent": share(count)} for code, count in by_period.items()},
            "literature": {code: {"count": count, "percent": share(count)} for code, count in by_literature.items()},
        }


def _matches(entry_terms: frozenset, query_terms: list[str]) -> bool:
    for term in query_terms:
        if term in entry_terms:
            continue
        if any(candidate.startswith(term) for candidate in entry_terms if len(term) >= 2):
            continue
        if len(term) >= 5 and any(edits1_ok(term, candidate) for candidate in entry_terms):
            continue
        return False
    return True


_snapshots: dict[str, tuple[int, Snapshot]] = {}
_build_lock = threading.Lock()


def snapshot(language: str, version: int | None = None) -> Snapshot:
    """The live list in ``language``, rebuilt when the version in the database has moved on."""
    version = current_version() if version is None else version
    cached = _snapshots.get(language)
    if cached and cached[0] == version:
        return cached[1]
    with _build_lock:
        cached = _snapshots.get(language)
        if cached and cached[0] == version:
            return cached[1]
        built = build_snapshots(version)
        return built[language]


def build_snapshots(version: int) -> dict[str, Snapshot]:
    """Build the three languages' snapshots together (search terms span all three languages of a book)."""
    # The book models come from the app registry: the book pages read their neighbours from this snapshot, so an
    # import of the models here would go round in a circle.
    BookPage, BookListPage, BookAuthor = (
        apps.get_model("content_models", name) for name in ("BookPage", "BookListPage", "BookAuthor")
    )
    languages = [code for code, _name in settings.LANGUAGES]
    pages = (
        BookPage.objects.live().public().filter(locale__language_code__in=languages)
        .values_list(
            "id", "translation_key", "locale__language_code", "list_no", "title", "slug", "original_title", "translators",
            "period", "literature", "genres", "grade_min", "grade_max", "original_language", "edition_added",
            "edition_removed", "publisher", "year", "isbn", "cover_id", "annotation", "path",
        )
    )
    list_pages = {
        page.locale.language_code: page for page in BookListPage.objects.live().public().select_related("locale")
    }
    list_urls = {code: page.get_url() for code, page in list_pages.items()}
    list_paths = {code: page.path for code, page in list_pages.items()}
    authors: dict[int, list] = {}
    for page_id, author_id, name, key in (
        BookAuthor.objects.filter(page__live=True).order_by("page_id", "sort_order")
        .values_list("page_id", "author_id", "author__name", "author__translation_key")
    ):
        authors.setdefault(page_id, []).append((author_id, name, str(key)))
    by_language: dict[str, list[Entry]] = {code: [] for code in languages}
    terms_by_key: dict[str, set] = {}
    for row in pages:
        (page_id, key, language, list_no, title, slug, original_title, translators, period, literature, genres,
         grade_min, grade_max, original_language, edition_added, edition_removed, publisher, year, isbn, cover_id,
         annotation, path) = row
        parent_path = path[: -BookPage.steplen]
        if language not in list_urls or list_paths[language] != parent_path or list_urls[language] is None:
            continue
        key = str(key)
        entry = Entry(
            id=page_id, translation_key=key, list_no=list_no, title=title, url=f"{list_urls[language]}{slug}/",
            original_title=original_title, translators=translators, period=period, literature=literature,
            genres=tuple(code for code in genres.split(",") if code), grade_min=grade_min, grade_max=grade_max,
            language=original_language, edition_added=edition_added, edition_removed=edition_removed,
            publisher=publisher, year=year, isbn=isbn, cover_id=cover_id, annotation=annotation,
            authors=authors.get(page_id, []),
        )
        names = " ".join(name for _id, name, _key in entry.authors)
        terms_by_key.setdefault(key, set()).update(stems(f"{title} {original_title} {names}"))
        entry.title_key = collation_key(title, language)
        surnames = [name.split()[-1] for _id, name, _key in entry.authors if name.split()]
        entry.author_key = tuple(collation_key(surname, language) for surname in surnames)
        by_language[language].append(entry)
    snapshots = {}
    for language, entries in by_language.items():
        for entry in entries:
            entry.search_terms = frozenset(terms_by_key.get(entry.translation_key, ()))
        snapshots[language] = Snapshot(language, entries, list_urls.get(language))
        _snapshots[language] = (version, snapshots[language])
    return snapshots
