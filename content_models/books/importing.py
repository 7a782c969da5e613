"""The recommended-list import: read a CSV/XLSX file, validate every row, then write kk pages and their ru/en
translations (through wagtail-localize) in one transaction.

Validation comes first and reports every problem as ``row N, column C: message``; with any error nothing is
written unless ``skip_invalid`` is set. Rows are matched to books by list number, and a row whose content
hash equals the book's stored hash is left alone, so re-importing the same file changes nothing.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.db import IntegrityError, OperationalError, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, PageLogEntry

from search.indexing import deferred_indexing

from search.normalize import fold, match_key

from content_models.core.versions import bump_catalogue_version, current_version
from content_models.books.codes import GENRE_CODES, LITERATURE_CODES, PERIOD_CODES, parse_grades
from content_models.books.isbn import isbn_to_13
from content_models.books.languages import language_canonical
from content_models.core.spreadsheets import SpreadsheetError, spreadsheet_read, unneutralise

REQUIRED_COLUMNS = [
    "list_no", "title_kk", "title_ru", "title_en", "author_kk", "author_ru", "author_en", "period", "literature",
    "genre", "grades", "original_language", "annotation_kk", "annotation_ru", "annotation_en",
]
OPTIONAL_COLUMNS = ["translator", "publisher", "year", "isbn", "edition"]
EXPORT_COLUMNS = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
LANGUAGES = ("kk", "ru", "en")
NEW_BATCH = 200  # new books are created in batches of this many (three pages each)
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
# PostgreSQL advisory lock key of the list import ("booklist" in ASCII): one import writes at a time.
IMPORT_LOCK_KEY = 0x626F6F6B6C697374


class ImportBusy(RuntimeError):
    """Another import is writing the list, or wrote it after this file was checked; nothing was written."""


@dataclass
class Table:
    """A file's heading row and the rows under it, each with its row (line) number in the file."""

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self):
        if not self.row:
            return self.message
        return f"row {self.row}, column {self.column}: {self.message}" if self.column else f"row {self.row}: {self.message}"


@dataclass
class BookRow:
    """One validated row of the list."""

    row: int
    list_no: int
    titles: dict[str, str]
    authors: dict[str, list[str]]
    period: str
    literature: str
    genres: list[str]
    grade_min: int
    grade_max: int
    original_language: str
    annotations: dict[str, str]
    translator: str = ""
    publisher: str = ""
    year: int | None = None
    isbn: str = ""
    edition: int | None = None
    edition_explicit: bool = False  # the file had an edition cell for this row

    def changes_from(self, other: "BookRow") -> list[str]:
        """The export columns whose values differ from ``other``."""
        return [column for column, mine, theirs in zip(EXPORT_COLUMNS, self.as_export_row(), other.as_export_row()) if mine != theirs]

    def as_export_row(self) -> list:
        return [
            self.list_no, self.titles["kk"], self.titles["ru"], self.titles["en"],
            ", ".join(self.authors["kk"]), ", ".join(self.authors["ru"]), ", ".join(self.authors["en"]),
            self.period, self.literature, ",".join(self.genres),
            f"{self.grade_min}-{self.grade_max}" if self.grade_min != self.grade_max else str(self.grade_min),
            self.original_language, self.annotations["kk"], self.annotations["ru"], self.annotations["en"],
            self.translator, self.publisher, self.year or "", self.isbn, self.edition or "",
        ]


@dataclass
class ImportPlan:
    """The outcome of validation: good rows, errors, and how they compare with the list in the database."""

    rows: list[BookRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    invalid_rows: set[int] = field(default_factory=set)
    new: list[BookRow] = field(default_factory=list)
    changed: list[BookRow] = field(default_factory=list)
    unchanged: list[BookRow] = field(default_factory=list)
    missing: list[tuple[int, str]] = field(default_factory=list)  # books in the list but not in the file
    previous: dict[int, "BookRow"] = field(default_factory=dict)  # current state of each changed book
    total_rows: int = 0
    fatal: bool = False  # the file as a whole cannot be imported (unreadable, or its heading row is wrong)
    version: int | None = None  # the list's version when the file was compared with it

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0
    retired: int = 0

    def summary(self) -> str:
        text = f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, {self.invalid} invalid"
        if self.retired:
            text += f", {self.retired} retired"
        return text


def _split_names(value: str) -> list[str]:
    return [name.strip() for name in (value or "").replace(";", ",").split(",") if name.strip()]


def _cell(cells: list[str], index: dict[str, int], column: str) -> str:
    position = index.get(column)
    if position is None or position >= len(cells):
        return ""
    return unneutralise(cells[position].strip())


def validate_table(table: Table, *, default_edition: int) -> tuple[list[BookRow], list[RowError], set[int]]:
    """Check every row; returns the good rows, every error, and the numbers of the rows with errors."""
    errors: list[RowError] = []
    header = [column.strip().lower() for column in table.header]
    missing_columns = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing_columns:
        return [], [RowError(1, column, "required column is missing") for column in missing_columns], {1}
    duplicated = sorted({column for column in header if column and header.count(column) > 1})
    if duplicated:
        return [], [RowError(1, column, "column appears more than once") for column in duplicated], {1}
    index = {column: position for position, column in enumerate(header)}
    rows: list[BookRow] = []
    bad: set[int] = set()
    seen_numbers: dict[int, int] = {}
    seen_keys: dict[str, tuple[int, int]] = {}

    for number, cells in table.rows:
        row_errors: list[RowError] = []

        def error(column, message, _number=number, _errors=row_errors):
            _errors.append(RowError(_number, column, message))

        if len(cells) > len(header) and any(cell.strip() for cell in cells[len(header):]):
            error("", f"{len(cells)} cells but the header has {len(header)} columns (check the quoting and delimiters)")
        get = lambda column, _cells=cells: _cell(_cells, index, column)  # noqa: E731

        list_no = None
        raw_no = get("list_no")
        if not raw_no:
            error("list_no", "list number is empty")
        elif not raw_no.isdigit() or int(raw_no) < 1:
            error("list_no", f"list number {raw_no!r} is not a positive whole number")
        else:
            list_no = int(raw_no)
            if list_no in seen_numbers:
                error("list_no", f"list number {list_no} is also used in row {seen_numbers[list_no]}")
            else:
                seen_numbers[list_no] = number

        titles = {language: get(f"title_{language}") for language in LANGUAGES}
        # Empty ru/en cells fall back to the Kazakh text, as the pages will show it.
        for language in ("ru", "en"):
            titles[language] = titles[language] or titles["kk"]
        if not titles["kk"]:
            error("title_kk", "title is empty")
        authors = {language: _split_names(get(f"author_{language}")) for language in LANGUAGES}
        if not authors["kk"]:
            error("author_kk", "author is empty (write «Халық ауыз әдебиеті» for folklore)")
        for language in ("ru", "en"):
            if authors[language] and authors["kk"] and len(authors[language]) != len(authors["kk"]):
                error(f"author_{language}", f"{len(authors[language])} author(s) but author_kk has {len(authors['kk'])}")

        period = get("period").lower()
        if period not in PERIOD_CODES:
            error("period", f"unknown period code {period!r} (use one of: {', '.join(PERIOD_CODES)})")
        literature = get("literature").lower()
        if literature not in LITERATURE_CODES:
            error("literature", f"unknown literature code {literature!r} (use national or world)")
        elif period in PERIOD_CODES and (period == "world") != (literature == "world"):
            error("literature", f"period {period} does not go with literature {literature}")
        genres = [code.strip().lower() for code in get("genre").replace(";", ",").split(",") if code.strip()]
        if not genres:
            error("genre", "genre is empty")
        for code in genres:
            if code not in GENRE_CODES:
                error("genre", f"unknown genre code {code!r} (use one of: {', '.join(GENRE_CODES)})")
        grade_min = grade_max = 0
        try:
            grade_min, grade_max = parse_grades(get("grades"))
        except ValueError as problem:
            error("grades", str(problem))
        raw_language = get("original_language")
        language = language_canonical(raw_language)
        if language is None:
            error("original_language", f"unknown language code {raw_language!r} (use an ISO 639 code such as kk, ru, de, ger or grc)")
        annotations = {lang: get(f"annotation_{lang}") for lang in LANGUAGES}
        for lang in ("ru", "en"):
            annotations[lang] = annotations[lang] or annotations["kk"]
            authors[lang] = authors[lang] or authors["kk"]

        year = None
        raw_year = get("year")
        if raw_year:
            if raw_year.isdigit() and 1000 <= int(raw_year) <= 2100:
                year = int(raw_year)
            else:
                error("year", f"year {raw_year!r} is not a year")
        isbn = ""
        raw_isbn = get("isbn")
        if raw_isbn:
            try:
                isbn = isbn_to_13(raw_isbn)
            except ValueError as problem:
                error("isbn", str(problem))
        edition = default_edition
        raw_edition = get("edition")
        if raw_edition:
            if raw_edition.isdigit() and 2000 <= int(raw_edition) <= 2100:
                edition = int(raw_edition)
            else:
                error("edition", f"edition {raw_edition!r} is not a year")

        if titles["kk"] and authors["kk"] and list_no is not None:
            key = match_key(titles["kk"], ", ".join(authors["kk"]))
            if key in seen_keys and seen_keys[key][1] != list_no:
                first_row, first_no = seen_keys[key]
                error("title_kk", f"same title and author as list number {first_no} in row {first_row}")
            else:
                seen_keys.setdefault(key, (number, list_no))

        if row_errors:
            errors.extend(row_errors)
            bad.add(number)
            continue
        rows.append(
            BookRow(
                row=number, list_no=list_no, titles=titles, authors=authors, period=period, literature=literature,
                genres=genres, grade_min=grade_min, grade_max=grade_max, original_language=language,
                annotations=annotations, translator=get("translator"), publisher=get("publisher"), year=year,
                isbn=isbn, edition=edition, edition_explicit=bool(raw_edition),
            )
        )
    return rows, errors, bad


def plan_import(data: bytes, filename: str = "", *, default_edition: int) -> ImportPlan:
    """Read and validate a file and compare it with the list in the database; writes nothing."""
    from content_models.books.models import BookPage

    plan = ImportPlan(version=current_version())
    try:
        sheet = spreadsheet_read(data, filename, max_bytes=MAX_FILE_BYTES, max_rows=MAX_ROWS)
    except SpreadsheetError as problem:
        plan.errors.append(RowError(problem.row, "", problem.message))
        plan.fatal = True
        return plan
    if not sheet.rows or (sheet.bad_lines and sheet.bad_lines[0] < sheet.rows[0][0]):
        plan.errors.append(RowError(sheet.bad_lines[0] if sheet.bad_lines else 1, "", "the heading row cannot be read (check its quotation marks)"))
        plan.fatal = True
        return plan
    (_first, header), *rows_in_file = sheet.rows
    table = Table(header=[cell.lstrip("\ufeff") for cell in header], rows=rows_in_file)
    plan.total_rows = len(table.rows) + len(sheet.bad_lines)
    rows, errors, bad = validate_table(table, default_edition=default_edition)
    if bad == {1} and not rows:
        plan.fatal = True
    for line in sheet.bad_lines:
        errors.append(RowError(line, "", "broken quoting: a quotation mark is not closed, so the line cannot be read (check the quotes in its cells)"))
        bad.add(line)
    errors.sort(key=lambda problem: problem.row)
    plan.errors, plan.invalid_rows = errors, bad

    existing = book_rows_from_db()
    keys = {match_key(row.titles["kk"], ", ".join(row.authors["kk"])): (row.list_no, row.titles["kk"]) for row in existing.values()}
    for row in rows:
        key = match_key(row.titles["kk"], ", ".join(row.authors["kk"]))
        twin = keys.get(key)
        if twin is not None and twin[0] != row.list_no:
            plan.errors.append(RowError(row.row, "title_kk", f"same title and author as list number {twin[0]} («{twin[1]}») already in the list"))
            plan.invalid_rows.add(row.row)
            continue
        plan.rows.append(row)
        book = existing.get(row.list_no)
        if book is not None and not row.edition_explicit:
            row.edition = book.edition  # a re-import does not move the year a book entered the list
        if book is None:
            plan.new.append(row)
        elif book.as_export_row() == row.as_export_row():
            plan.unchanged.append(row)
        else:
            plan.changed.append(row)
            plan.previous[row.list_no] = book
    in_file = {row.list_no for row in rows}
    plan.missing = sorted((number, book.titles["kk"]) for number, book in existing.items() if number not in in_file and book.edition is not None)
    return plan


def book_rows_from_db(live_only: bool = False) -> dict[int, BookRow]:
    """Every book of the list as a row of the import layout, built from its kk, ru and en pages."""
    from content_models.core.text import html_to_text
    from content_models.books.models import BookAuthor, BookPage

    pages = BookPage.objects.filter(locale__language_code__in=LANGUAGES)
    if live_only:
        pages = pages.live()
    fields = ("id", "translation_key", "locale__language_code", "list_no", "title", "translators", "period", "literature",
              "genres", "grade_min", "grade_max", "original_language", "annotation", "publisher", "year", "isbn",
              "edition_added", "edition_removed")
    by_key: dict = {}
    ids = []
    for values in pages.values_list(*fields):
        record = dict(zip(fields, values))
        by_key.setdefault(record["translation_key"], {})[record["locale__language_code"]] = record
        ids.append(record["id"])
    names: dict[int, list[str]] = {}
    for page_id, name in BookAuthor.objects.filter(page_id__in=ids).order_by("page_id", "sort_order").values_list("page_id", "author__name"):
        names.setdefault(page_id, []).append(name)
    rows = {}
    for languages in by_key.values():
        kk = languages.get("kk")
        if kk is None:
            continue
        def pick(language, _languages=languages, _kk=kk):
            return _languages.get(language) or _kk
        rows[kk["list_no"]] = BookRow(
            row=0, list_no=kk["list_no"],
            titles={language: pick(language)["title"] for language in LANGUAGES},
            authors={language: names.get(pick(language)["id"], []) for language in LANGUAGES},
            period=kk["period"], literature=kk["literature"], genres=[code for code in kk["genres"].split(",") if code],
            grade_min=kk["grade_min"], grade_max=kk["grade_max"], original_language=kk["original_language"],
            annotations={language: html_to_text(pick(language)["annotation"]) for language in LANGUAGES},
            translator=kk["translators"], publisher=kk["publisher"], year=kk["year"], isbn=kk["isbn"],
            edition=kk["edition_added"] if kk["edition_removed"] is None else None,
        )
    return rows


def book_slug(list_no: int, title: str) -> str:
    return f"{list_no}-{slugify(fold(title))[:60]}".rstrip("-")


def run_import(
    plan: ImportPlan,
    *,
    skip_invalid: bool = False,
    retire_missing_in: int | None = None,
    user=None,
    progress: Callable[[Iterable], Iterable] = lambda rows: rows,
) -> ImportResult:
    """Write a validated plan. Raises ValueError when the plan has errors and ``skip_invalid`` is off."""
    if plan.fatal or (plan.errors and not skip_invalid):
        raise ValueError("the file has errors; nothing was written")
    result = ImportResult(unchanged=len(plan.unchanged), invalid=len(plan.invalid_rows))
    try:
        with deferred_indexing(), transaction.atomic():
            _import_lock(plan)
            _write_plan(plan, result, retire_missing_in, user, progress)
    except (IntegrityError, OperationalError) as problem:
        if isinstance(problem, OperationalError) and "locked" not in str(problem):
            raise
        raise ImportBusy(BUSY_MESSAGE) from None
    return result


BUSY_MESSAGE = "another import of the list is running; nothing was written: run this import again when it has finished"
STALE_MESSAGE = "the list changed after this file was checked (another import or an editor published books); nothing was written: run the import again"


def _import_lock(plan: ImportPlan):
    """One import writes the list at a time. PostgreSQL: a transaction-level advisory lock, taken without waiting
    (a second import stops at once). SQLite: the transaction is BEGIN IMMEDIATE (see settings), so a second
    import waits for the first; either way, an import whose file was compared with an older list stops."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
            if not cursor.fetchone()[0]:
                raise ImportBusy(BUSY_MESSAGE)
    if plan.version is not None and current_version() != plan.version:
        raise ImportBusy(STALE_MESSAGE)


def _write_plan(plan, result, retire_missing_in, user, progress):
    writer = BookWriter(user=user)
    rows = progress(plan.new + plan.changed)
    batch = []
    for row in rows:
        if row.list_no in writer.existing_numbers:
            writer.write(row)
            result.updated += 1
            continue
        batch.append(row)
        if len(batch) >= NEW_BATCH:
            result.created += writer.create_many(batch)
            batch = []
    if batch:
        result.created += writer.create_many(batch)
    if retire_missing_in:
        result.retired = writer.retire([number for number, _title in plan.missing], retire_missing_in)
    writer.finish()


class BookWriter:
    """Creates or updates one book per row: the kk page, its ru/en translations and its authors.

    Translations are written in the shape wagtail-localize's sync produces: the ru/en strings go into its
    store (``translation_store``) and the translated pages get exactly the synchronised fields of the kk page
    plus those strings, so a later "Sync translated pages" re-applies the same text. The pages are saved
    directly instead of through ``copy_for_translation`` because that copies the whole page once more per
    language (≈ 0.1 s a page); every page still gets a published revision and a log entry.
    """

    def __init__(self, user=None):
        from content_models.books.models import Author, BookListPage

        self.user = user
        self.locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=LANGUAGES)}
        self.parents = {code: BookListPage.objects.filter(locale=locale).first() for code, locale in self.locales.items()}
        if self.parents["kk"] is None:
            raise ValueError("there is no Kazakh book list page to import into; run load_demo or create it in the admin")
        for code in ("ru", "en"):
            if self.parents[code] is None:
                raise ValueError(f"the book list page has no {code} translation; translate it in the admin first")
        self.authors = {}
        for author in Author.objects.filter(locale__language_code__in=LANGUAGES).select_related("locale"):
            self.authors.setdefault(author.translation_key, {})[author.locale.language_code] = author
        self.kk_authors = {translations["kk"].name: translations for translations in self.authors.values() if "kk" in translations}
        self.now = timezone.now()
        self.last_child_path: dict[int, str | None] = {}
        from content_models.books.models import BookPage

        self.existing_numbers = set(BookPage.objects.filter(locale=self.locales["kk"]).values_list("list_no", flat=True))
        self.pending: list[tuple] = []  # (kk instance, {language: translated copy}) for the store

    def author(self, names: dict[str, str]) -> dict:
        """The author in each language, created or renamed as the row says (translations through the store)."""
        from content_models.books.models import Author
        from content_models.translation.store import translated_copy

        translations = self.kk_authors.get(names["kk"])
        if translations is None:
            kk = Author.objects.create(name=names["kk"], locale=self.locales["kk"])
            translations = {"kk": kk}
            self.authors[kk.translation_key] = translations
            self.kk_authors[kk.name] = translations
        kk = translations["kk"]
        wanted = {language: names.get(language) or names["kk"] for language in ("ru", "en")}
        stale = {language: name for language, name in wanted.items() if getattr(translations.get(language), "name", None) != name}
        if stale:
            self.pending.append((kk, {language: translated_copy(kk, name=name) for language, name in stale.items()}))
            for language, name in stale.items():
                author = translations.get(language)
                if author is None:
                    author = Author(translation_key=kk.translation_key, locale=self.locales[language])
                for field in ("birth_date", "birth_year", "death_date", "death_year"):
                    setattr(author, field, getattr(kk, field))
                author.name = name
                author.save()
                translations[language] = author
        return translations

    def write(self, row: BookRow) -> bool:
        from content_models.books.models import BookPage
        from content_models.translation.store import translated_copy

        authors = [
            self.author({language: (row.authors[language][i] if i < len(row.authors[language]) else "") for language in LANGUAGES})
            for i in range(len(row.authors["kk"]))
        ]
        pages = {
            page.locale.language_code: page
            for page in BookPage.objects.filter(list_no=row.list_no, locale__language_code__in=LANGUAGES).select_related("locale")
        }
        kk = pages.get("kk")
        created = kk is None
        if created:
            kk = BookPage(locale=self.locales["kk"], slug=book_slug(row.list_no, row.titles["kk"]), edition_added=row.edition)
        self._set_fields(kk, row, "kk", authors)
        self._save(kk, self.parents["kk"], created)

        texts = {
            language: {
                "title": row.titles[language] or row.titles["kk"],
                "slug": book_slug(row.list_no, row.titles[language] or row.titles["kk"]),
                "annotation": _paragraphs(row.annotations[language] or row.annotations["kk"]),
                "translators": row.translator,
            }
            for language in ("ru", "en")
        }
        self.pending.append((kk, {language: translated_copy(kk, **values) for language, values in texts.items()}))
        for language in ("ru", "en"):
            page = pages.get(language)
            is_new = page is None
            if is_new:
                page = BookPage(locale=self.locales[language], translation_key=kk.translation_key, slug=texts[language]["slug"])
            self._set_fields(page, row, language, authors, source=kk)
            page.title, page.annotation, page.translators = texts[language]["title"], texts[language]["annotation"], row.translator
            self._save(page, self.parents[language], is_new)
        return created

    def create_many(self, rows: list[BookRow]) -> int:
        """Create new books in bulk: the same rows as ``write`` (pages, authors, a published revision and a log
        entry per page, translations in the store), with a handful of queries per batch instead of dozens per page.
        """
        import uuid

        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Revision

        from search.indexing import note_saved

        from content_models.books.models import BookAuthor, BookPage
        from content_models.translation.store import translated_copy

        book_type = ContentType.objects.get_for_model(BookPage)
        page_type = ContentType.objects.get_for_model(Page)
        taken = {
            code: set(Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).values_list("slug", flat=True))
            for code, parent in self.parents.items()
        }
        pages: list = []
        for row in rows:
            authors = [
                self.author({language: (row.authors[language][i] if i < len(row.authors[language]) else "") for language in LANGUAGES})
                for i in range(len(row.authors["kk"]))
            ]
            key = uuid.uuid4()
            kk = BookPage(locale=self.locales["kk"], translation_key=key, edition_added=row.edition)
            self._set_fields(kk, row, "kk", authors)
            texts = {}
            for language in LANGUAGES:
                title = row.titles[language] or row.titles["kk"]
                texts[language] = {
                    "title": title,
                    "slug": self._free_slug(book_slug(row.list_no, title), taken[language]),
                    "annotation": _paragraphs(row.annotations[language] or row.annotations["kk"]),
                    "translators": row.translator,
                }
            kk.slug = texts["kk"]["slug"]
            group = [kk]
            for language in ("ru", "en"):
                page = BookPage(locale=self.locales[language], translation_key=key, slug=texts[language]["slug"])
                self._set_fields(page, row, language, authors, source=kk)
                page.title, page.annotation = texts[language]["title"], texts[language]["annotation"]
                group.append(page)
            self.pending.append((kk, {language: translated_copy(kk, **{k: v for k, v in texts[language].items()}) for language in ("ru", "en")}))
            pages.extend(group)
            self.existing_numbers.add(row.list_no)

        for page in pages:
            parent = self.parents[page.locale.language_code]
            last = self.last_child_path.get(parent.pk, "missing")
            if last == "missing":
                child = parent.get_last_child()
                last = child.path if child else None
            page.depth = parent.depth + 1
            page.path = Page._get_path(parent.path, page.depth, 1) if last is None else Page(path=last)._inc_path()
            self.last_child_path[parent.pk] = page.path
            page.numchild = 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.content_type = book_type
            page.draft_title = page.title
            page.live, page.has_unpublished_changes = True, False
            page.first_published_at = page.last_published_at = page.latest_revision_created_at = self.now
        Page.objects.bulk_create(pages, batch_size=300)
        for page in pages:
            page.page_ptr_id = page.id
            page._state.adding, page._state.db = False, "default"
        fields = list(BookPage._meta.local_concrete_fields)
        for start in range(0, len(pages), 40):
            BookPage._base_manager._insert(pages[start:start + 40], fields=fields, using="default")
        links = []
        for page in pages:
            for link in page.book_authors.all():
                link.page_id = page.id
                links.append(link)
        BookAuthor.objects.bulk_create(links, batch_size=300)
        for parent in self.parents.values():
            added = sum(1 for page in pages if page.path.startswith(parent.path) and page.depth == parent.depth + 1)
            Page.objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + added)
        revisions = [
            Revision(
                content_type_id=book_type.pk, base_content_type_id=page_type.pk, object_id=str(page.pk),
                created_at=self.now, user=self.user, content=page.serializable_data(), object_str=str(page),
            )
            for page in pages
        ]
        Revision.objects.bulk_create(revisions, batch_size=300)
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision_id = page.live_revision_id = revision.pk
        Page.objects.bulk_update(pages, ["latest_revision", "live_revision"], batch_size=100)  # SQLite caps CASE depth
        # The log entries log_action would write ("wagtail.create" with the revision), in one insert.
        PageLogEntry.objects.bulk_create(
            [
                PageLogEntry(
                    content_type=book_type, label=page.get_admin_display_title(), action="wagtail.create",
                    timestamp=self.now, data={}, user=self.user, revision=revision, page=page, content_changed=True,
                )
                for page, revision in zip(pages, revisions, strict=True)
            ],
            batch_size=300,
        )
        note_saved(BookPage, [page.pk for page in pages])
        return len(rows)

    @staticmethod
    def _free_slug(slug: str, taken: set) -> str:
        candidate, number = slug, 1
        while candidate in taken:
            number += 1
            candidate = f"{slug}-{number}"
        taken.add(candidate)
        return candidate

    def _set_fields(self, page, row: BookRow, language: str, authors: list[dict], source=None):
        from content_models.books.models import BookAuthor

        page.title = row.titles["kk"]
        page.list_no = row.list_no
        page.translators = row.translator
        page.period, page.literature, page.genres = row.period, row.literature, ",".join(row.genres)
        page.grade_min, page.grade_max = row.grade_min, row.grade_max
        page.original_language = row.original_language
        page.publisher, page.year, page.isbn = row.publisher, row.year, row.isbn
        page.annotation = _paragraphs(row.annotations["kk"])
        page.edition_added = (source.edition_added if source else page.edition_added) or row.edition
        if source is not None:
            page.edition_removed, page.cover_id = source.edition_removed, source.cover_id
        source_links = list(source.book_authors.all()) if source is not None else []
        links = []
        for i, translations in enumerate(authors):
            link = BookAuthor(author=translations.get(language) or translations["kk"], sort_order=i, locale=self.locales[language])
            if i < len(source_links):
                link.translation_key = source_links[i].translation_key
            links.append(link)
        page.book_authors = links

    def _save(self, page, parent, is_new: bool):
        page.live, page.has_unpublished_changes = True, False
        page.last_published_at = self.now
        if is_new:
            page.first_published_at = self.now
            self._add_child(parent, page)
        else:
            page.save(clean=False)
        revision = page.save_revision(user=self.user, log_action=False, clean=False, changed=True)
        page.live_revision = revision
        page.has_unpublished_changes = False
        page.save(clean=False, update_fields=["live_revision", "has_unpublished_changes", "latest_revision", "draft_title"])
        PageLogEntry.objects.log_action(instance=page, action="wagtail.create" if is_new else "wagtail.publish", user=self.user, revision=revision)

    def _add_child(self, parent, page):
        """treebeard's add_child without a query for the last child each time, and without full_clean (the rows
        were validated before writing)."""
        last = self.last_child_path.get(parent.pk, "missing")
        if last == "missing":
            child = parent.get_last_child()
            last = child.path if child else None
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, 1) if last is None else Page(path=last)._inc_path()
        page.numchild = 0
        page._cached_parent_obj = parent
        page.save(clean=False)
        self.last_child_path[parent.pk] = page.path
        type(parent).objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + 1)

    def retire(self, list_numbers: list[int], year: int) -> int:
        from content_models.books.models import BookPage

        pages = list(BookPage.objects.filter(list_no__in=list_numbers, edition_removed__isnull=True, locale__language_code__in=LANGUAGES))
        for page in pages:
            page.edition_removed = year
            page.save(clean=False, update_fields=["edition_removed"])
            revision = page.save_revision(user=self.user, log_action=False, clean=False)
            page.live_revision = revision
            page.save(clean=False, update_fields=["live_revision", "latest_revision"])
            PageLogEntry.objects.log_action(instance=page, action="wagtail.publish", user=self.user, revision=revision)
        return len({page.list_no for page in pages})

    def finish(self):
        """Write the translations of everything written into wagtail-localize's store, in bulk."""
        from content_models.translation.bulk import translation_store_bulk

        translation_store_bulk(self.pending, source_locale=self.locales["kk"])
        self.pending = []
        bump_catalogue_version()


def _paragraphs(text: str) -> str:
    from html import escape

    # Quotes stay as they are (only &, < and > are escaped), exactly as wagtail-localize writes text back.
    parts = [part.strip() for part in (text or "").split("\n") if part.strip()]
    return "".join(f"<p>{escape(part, quote=False)}</p>" for part in parts)
