"""The recommended-list import: read a CSV/XLSX file, validate every row, then write kk pages and their ru/en
translations (through wagtail-localize) in one transaction (see import_writer.py).

Validation comes first and reports every problem as ``row N, column C: message``; with any error nothing is
written unless ``skip_invalid`` is set. Rows are matched to books by list number, and a row whose content
hash equals the book's stored hash is left alone, so re-importing the same file changes nothing.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from content_models.books.codes import (
    GENRE_CODES,
    LITERATURE_CODES,
    PERIOD_CODES,
    parse_grades,
)
from content_models.books.import_writer import ImportBusy, write_plan
from content_models.books.isbn import isbn_to_13
from content_models.books.languages import language_canonical
from content_models.books.rows import (
    LANGUAGES,
    REQUIRED_COLUMNS,
    BookRow,
    book_rows_from_db,
)
from content_models.core.spreadsheets import (
    SpreadsheetError,
    spreadsheet_read,
    unneutralise,
)
from content_models.core.text import control_character
from content_models.core.versions import current_version
from search.normalize import match_key

__all__ = ["ImportBusy", "ImportPlan", "ImportResult", "RowError", "Table", "plan_import", "run_import", "validate_table"]

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000


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
        for column in index:
            code = control_character(get(column), multi_line=column.startswith("annotation_"))
            if code:
                where = "a control character" if column.startswith("annotation_") else "a line break or control character"
                error(column, f"the cell holds {where} ({code}); remove it")

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
    write_plan(plan, result, retire_missing_in=retire_missing_in, user=user, progress=progress)
    return result
