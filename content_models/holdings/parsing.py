"""Reading a library's holdings file (a CSV or XLSX export of any library system or spreadsheet) and guessing
which column holds what.

Files are read by the portal's one spreadsheet reader (``content_models/core/spreadsheets.py``) with this check's
limits below. Uploads are hostile input, so every failure is a ``HoldingsFileError`` with a message for the librarian, never
an exception that reaches the visitor as a 500:

* the type is told by content, not by name (an XLSX file is a zip archive with ``xl/workbook.xml``); old .xls,
  OpenDocument, Word, PDF and other binary files are refused by name;
* size is checked before reading (``MAX_BYTES``), rows while reading (``MAX_ROWS``);
* XLSX: the declared uncompressed size of the archive is checked before openpyxl opens it (zip bombs; Python's
  zipfile never inflates a member past its declared size), openpyxl reads in read-only mode with ``defusedxml``
  installed (XML entity bombs), the sheet's declared dimensions are ignored and at most ``MAX_COLUMNS`` columns
  are read (a sheet claiming 16,384 columns would otherwise pad every row);
* CSV: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), then Windows-1251 — or its Kazakh
  variant KZ-1048 when the bytes of Kazakh letters occur; the delimiter (comma, semicolon, tab or bar) is the
  one that splits the first lines into the most consistent number of columns; quoting is parsed strictly.

Library exports often start with a title line or two ("Инвентарная книга…"); the heading row is the row among
the first ten whose cells look most like headings.
"""

import re
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from content_models.books.isbn import isbn_to_13
from content_models.core.spreadsheets import SpreadsheetError, spreadsheet_read
from search.normalize import fold

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 100
MAX_CELL = 500  # characters kept of a cell
MAX_XLSX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_XLSX_MEMBERS = 2_000
HEADER_SEARCH_ROWS = 10

FIELDS = ("title", "author", "isbn", "year", "copies")
FIELD_LABELS = {
    "title": _("Title"),
    "author": _("Author"),
    "isbn": _("ISBN"),
    "year": _("Year of publication"),
    "copies": _("Number of copies"),
}



class HoldingsFileError(ValueError):
    """A file that cannot be checked; ``message`` is written for the librarian, ``code`` for tests and the API."""

    def __init__(self, message, code: str):
        super().__init__(str(message))
        self.message = message
        self.code = code


def _megabytes(size: int) -> str:
    return number_format(size // (1024 * 1024))


def file_error(code: str, **params) -> HoldingsFileError:
    messages = {
        "empty": _("The file is empty."),
        "too_big": _("The file is larger than %(limit)s MB. Keep only the columns with titles, authors, ISBN and copies, or split the file into parts."),
        "too_many_rows": _("The file has more than %(limit)s rows. Split it into smaller files and check them one by one."),
        "no_rows": _("The file has a heading row but no holdings rows under it."),
        "xls": _("Old Excel files (.xls) cannot be read. In Excel choose File → Save As and save the sheet as an Excel Workbook (.xlsx) or as CSV."),
        "ods": _("OpenDocument spreadsheets (.ods) cannot be read. Save the sheet as an Excel Workbook (.xlsx) or as CSV."),
        "wrong_type": _("This is not a table in CSV or XLSX format. Upload the holdings as a CSV file or an Excel workbook (.xlsx)."),
        "xlsx_broken": _("The XLSX file could not be read: it is damaged or not a real Excel workbook. Open it in a spreadsheet and save it again, or save it as CSV."),
        "xlsx_too_big": _("The XLSX file unpacks to more than %(limit)s MB. Keep only the needed columns, or save the sheet as CSV."),
        "encoding": _("The text encoding of the file could not be recognised. Save it as CSV in UTF-8 (or in Windows-1251)."),
        "quoting": _("Row %(row)s of the file has unbalanced quotation marks, so its rows cannot be told apart. Save the file again from the spreadsheet as CSV."),
    }
    message = messages[code]
    if params:
        message = message % params
    return HoldingsFileError(message, code)


@dataclass
class HoldingsTable:
    """The cells of a holdings file: the heading row and the rows under it, each with its row number in the file."""

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    format: str = "csv"
    encoding: str = ""
    delimiter: str = ""
    header_row: int = 1

    @property
    def width(self) -> int:
        return max([len(self.header)] + [len(cells) for _number, cells in self.rows[:200]])

    def column_label(self, index: int) -> str:
        heading = self.header[index] if index < len(self.header) else ""
        return f"{column_letter(index)} · {heading}" if heading else column_letter(index)

    def as_data(self) -> dict:
        return {"header": self.header, "rows": self.rows, "format": self.format, "encoding": self.encoding,
                "delimiter": self.delimiter, "header_row": self.header_row}

    @classmethod
    def from_data(cls, data: dict) -> "HoldingsTable":
        return cls(**data)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA, as spreadsheets name columns."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# --- reading -------------------------------------------------------------------------------------------------

def holdings_read(data: bytes, filename: str = "") -> HoldingsTable:
    """The table in an uploaded file, or HoldingsFileError (read by the shared reader, with this check's limits)."""
    try:
        sheet = spreadsheet_read(
            data, filename, max_bytes=MAX_BYTES, max_rows=MAX_ROWS + HEADER_SEARCH_ROWS, max_columns=MAX_COLUMNS,
            max_xlsx_unpacked=MAX_XLSX_UNCOMPRESSED, max_xlsx_members=MAX_XLSX_MEMBERS,
        )
    except SpreadsheetError as problem:
        raise _holdings_error(problem) from None
    if sheet.bad_lines:
        raise file_error("quoting", row=sheet.bad_lines[0])
    raw = [(number, [_clean(cell) for cell in cells]) for number, cells in sheet.rows]
    raw = [(number, cells) for number, cells in raw if any(cells)]
    if not raw:
        raise file_error("empty")
    table = HoldingsTable(header=[], format=sheet.format, encoding=sheet.encoding, delimiter=sheet.delimiter)
    start = header_row_index([cells for _number, cells in raw[:HEADER_SEARCH_ROWS]])
    table.header_row, table.header = raw[start][0], raw[start][1]
    while table.header and not table.header[-1]:
        table.header.pop()
    table.rows = raw[start + 1:]
    if not table.rows:
        raise file_error("no_rows")
    if len(table.rows) > MAX_ROWS:
        raise file_error("too_many_rows", limit=number_format(MAX_ROWS, force_grouping=True))
    return table


def _holdings_error(problem: SpreadsheetError) -> HoldingsFileError:
    """The shared reader's refusal in this check's words (its limits, its advice)."""
    if problem.code == "too_big":
        return file_error("too_big", limit=_megabytes(MAX_BYTES))
    if problem.code == "too_many_rows":
        return file_error("too_many_rows", limit=number_format(MAX_ROWS, force_grouping=True))
    if problem.code == "xlsx_too_big":
        return file_error("xlsx_too_big", limit=_megabytes(MAX_XLSX_UNCOMPRESSED))
    if problem.code == "quoting":
        return file_error("quoting", row=problem.row)
    if problem.code == "mojibake":
        return HoldingsFileError(problem.message, "mojibake")
    return file_error(problem.code)


def _clean(value: str) -> str:
    return " ".join(value.split())[:MAX_CELL]


# --- which column holds what -----------------------------------------------------------------------------------

# Heading names in Kazakh, Russian and English (compared after folding case, script and punctuation).
HEADER_NAMES = {
    "title": [
        "Атауы", "Атау", "Аты", "Кітап атауы", "Кітаптың атауы", "Шығарма атауы", "Басылым атауы", "Тақырыбы",
        "Название", "Наименование", "Заглавие", "Название книги", "Наименование издания", "Заглавие издания",
        "Title", "Book title", "Name", "Book",
    ],
    "author": [
        "Авторы", "Автор", "Авторлар", "Автор(лар)", "Автордың аты-жөні", "Автор книги", "Авторы книги",
        "ФИО автора", "Author", "Authors", "Author(s)", "Writer", "Creator",
    ],
    "isbn": ["ISBN", "ISBN/ISSN", "ISSN/ISBN", "ХСКН", "МСКН", "ISBN номер", "ISBN нөмірі", "ISBN number"],
    "year": [
        "Жылы", "Жыл", "Шыққан жылы", "Басылған жылы", "Басылым жылы", "Год", "Год издания", "Год выпуска",
        "Year", "Publication year", "Year of publication", "Published", "Date",
    ],
    "copies": [
        "Дана саны", "Данасы", "Дана", "Саны", "Кітап саны", "Экз.", "Экз", "Экземпляров", "Кол-во экз.",
        "Кол-во экземпляров", "Количество экземпляров", "Количество", "Кол-во", "Copies", "Number of copies",
        "Quantity", "Qty", "Count", "Holdings",
    ],
}
# Words that rule a heading out for a field ("Автордың аты" is not the title, "Бет саны" counts pages).
HEADER_EXCLUDE = {
    "title": ("avtor", "author", "fio"),
    "copies": ("bet", "str", "page", "inv"),
    "year": ("tugan", "rojd", "birth"),
}
# Words that name a field inside a longer heading («Атауы (мемлекеттік тілде)», «Кол-во экз. в фонде»).
HEADER_WORDS = {
    "title": ["атауы", "атау", "тақырыбы", "название", "наименование", "заглавие", "title"],
    "author": ["авторы", "автор", "авторлар", "автордың", "author", "authors", "writer"],
    "isbn": ["isbn", "хскн", "мскн"],
    "year": ["жылы", "жыл", "год", "year", "published"],
    "copies": ["дана", "данасы", "саны", "экз", "экземпляров", "экземпляры", "количество", "copies", "quantity", "qty"],
}
_FOLDED_NAMES = {name: {fold(text) for text in texts} for name, texts in HEADER_NAMES.items()}
_FOLDED_TOKENS = {name: {fold(word) for word in words} for name, words in HEADER_WORDS.items()}


def _header_score(heading: str, name: str) -> float:
    folded = fold(heading)
    if not folded:
        return 0
    words = folded.split()
    if any(word.startswith(HEADER_EXCLUDE.get(name, ())) for word in words):
        return 0
    if folded in _FOLDED_NAMES[name]:
        return 3
    if " ".join(words[:2]) in _FOLDED_NAMES[name] or words[0] in _FOLDED_NAMES[name]:
        return 2.5
    if any(word in _FOLDED_TOKENS[name] for word in words):
        return 2
    if any(len(word) >= 4 and any(token.startswith(word) or word.startswith(token) for token in _FOLDED_TOKENS[name]) for word in words):
        return 1
    return 0


def guess_columns(header: list[str], rows: list[tuple[int, list[str]]] = ()) -> dict[str, int | None]:
    """Field → column index from the headings (the best-scoring heading per field, each column used once);
    ISBN is also recognised by content when no heading names it."""
    scored = []
    for index, heading in enumerate(header):
        for position, name in enumerate(FIELDS):
            score = _header_score(heading, name)
            if score:
                scored.append((-score, position, index, name))
    guess: dict[str, int | None] = dict.fromkeys(FIELDS)
    taken = set()
    for _score, _position, index, name in sorted(scored):
        if guess[name] is None and index not in taken:
            guess[name] = index
            taken.add(index)
    if guess["isbn"] is None and rows:
        guess["isbn"] = _isbn_column_by_content(rows, taken)
    return guess


def _isbn_column_by_content(rows, taken: set) -> int | None:
    sample = [cells for _number, cells in rows[:200]]
    width = max((len(cells) for cells in sample), default=0)
    for index in range(width):
        if index in taken:
            continue
        values = [cells[index] for cells in sample if index < len(cells) and cells[index]]
        if len(values) >= 3 and sum(1 for value in values if isbns_in(value)) >= 0.6 * len(values):
            return index
    return None


def header_row_index(first_rows: list[list[str]]) -> int:
    """The row (among the first ones) that looks most like headings: 0 unless a later row names more fields."""
    best, best_score = 0, 0.0
    for position, cells in enumerate(first_rows):
        score = 0.0
        for name in FIELDS:
            score += max((_header_score(cell, name) for cell in cells), default=0)
        if score > best_score + 0.5:
            best, best_score = position, score
    return best


_ISBN_CANDIDATE = re.compile(r"(?<![\dXx])(?:97[89][\s‐‑–-]?)?\d[\d\s‐‑–-]{7,15}[\dXx](?![\dXx])")


def isbns_in(value: str) -> list[str]:
    """The valid ISBNs (as ISBN-13) in a cell: several may be given, with or without hyphens; a 9-digit
    number is an ISBN-10 that lost its leading zero in a spreadsheet."""
    if not value:
        return []
    found = []
    for candidate in _ISBN_CANDIDATE.findall(value):
        digits = re.sub(r"[\s‐‑–-]", "", candidate)
        if len(digits) == 9 and digits.isdigit():
            digits = "0" + digits
        try:
            code = isbn_to_13(digits)
        except ValueError:
            continue
        if code not in found:
            found.append(code)
    return found


# --- the rows the check uses -----------------------------------------------------------------------------------

@dataclass
class Holding:
    """The cells of one holdings row that the check uses."""

    row: int
    title: str
    author: str = ""
    isbn: str = ""
    year: str = ""
    copies: int = 1

    def as_list(self) -> list:
        return [self.row, self.title, self.author, self.isbn, self.year, self.copies]

    @classmethod
    def from_list(cls, values) -> "Holding":
        row, title, author, isbn, year, copies = values
        return cls(row=row, title=title, author=author, isbn=isbn, year=year, copies=copies)


MAX_COPIES = 100_000
_NUMBER = re.compile(r"\d+")


def copies_count(value: str) -> int:
    """The number in a copies cell ("3", "3 дана", "5 экз."); an empty cell or one without a number is one copy."""
    found = _NUMBER.search(value or "")
    if not found:
        return 1
    return min(int(found.group()), MAX_COPIES)


def holdings_from_table(table: HoldingsTable, columns: dict[str, int | None]) -> list[Holding]:
    """The rows of the table as holdings, read from the chosen columns; rows with neither a title nor an ISBN
    (totals, blank lines, section headings without a title cell) are left out."""

    def cell(cells, name):
        index = columns.get(name)
        if index is None or index >= len(cells):
            return ""
        return cells[index]

    holdings = []
    for number, cells in table.rows:
        title, isbn = cell(cells, "title"), cell(cells, "isbn")
        if not title and not isbns_in(isbn):
            continue
        copies = copies_count(cell(cells, "copies")) if columns.get("copies") is not None else 1
        holdings.append(Holding(row=number, title=title, author=cell(cells, "author"), isbn=isbn,
                                year=cell(cells, "year"), copies=copies))
    return holdings
