"""The one reader and writer of spreadsheet files (CSV and XLSX), used by the list's import and export and by
the holdings check. Every limit is a parameter; callers choose their own.

Uploaded files are hostile input, so every failure is a ``SpreadsheetError`` with a ``code`` (and a message in
the active language), never another exception:

* the type is told by content, not by name (an XLSX file is a zip archive with ``xl/workbook.xml``); old .xls,
  OpenDocument, Word, PDF and other binary files are refused;
* size is checked before reading (``max_bytes``), rows while reading (``max_rows``);
* XLSX: the declared unpacked size of the archive is checked before openpyxl opens it (zip bombs; Python's
  zipfile never inflates a member past its declared size); openpyxl reads in read-only mode with ``defusedxml``
  installed (XML entity bombs); the sheet's declared dimensions are ignored and at most ``max_columns`` columns
  are read;
* CSV: UTF-8 (with or without BOM), UTF-16 with BOM (Excel's "Unicode text"), then Windows-1251, or its Kazakh
  variant KZ-1048 when the bytes of Kazakh letters occur. UTF-8 text that was converted once more with the
  wrong character set ("ï»¿list_no", «Ð°Ð±Ð°Ð¹») is refused with a message saying how to save it properly.
  The delimiter (comma, semicolon, tab or bar) is the one that splits the first lines into the most consistent
  number of cells. Quoting is parsed strictly; a line that cannot be parsed is set aside in ``bad_lines`` and
  reading goes on with the next line, so the caller can report it like any other bad row.
"""

import codecs
import csv
import io
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

# Cells that a spreadsheet would run as a formula; exports prefix them with an apostrophe.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 100
MAX_XLSX_UNPACKED = 64 * 1024 * 1024
MAX_XLSX_MEMBERS = 2_000

# Bytes whose meaning differs between Windows-1251 and KZ-1048: in a Kazakh file they are ә ғ қ ң ө ұ ү һ.
_KZ1048_BYTES = re.compile(rb"[\x8d\x8e\x9d\x9e\xa1\xa2\xa3\xa5\xaa\xaf\xb4\xba\xbc\xbd\xbe\xbf]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{2,}")

MESSAGES = {
    "empty": _("The file is empty."),
    "too_big": _("The file is larger than %(limit)s MB."),
    "too_many_rows": _("The file has more than %(limit)s rows. Split it into smaller files."),
    "xls": _("Old Excel files (.xls) cannot be read. In Excel choose File → Save As and save the sheet as an Excel Workbook (.xlsx) or as CSV."),
    "ods": _("OpenDocument spreadsheets (.ods) cannot be read. Save the sheet as an Excel Workbook (.xlsx) or as CSV."),
    "wrong_type": _("This is not a table in CSV or XLSX format."),
    "xlsx_broken": _("The XLSX file could not be read: it is damaged or not a real Excel workbook. Open it in a spreadsheet and save it again, or save it as CSV."),
    "xlsx_too_big": _("The XLSX file unpacks to more than %(limit)s MB. Keep only the needed columns, or save the sheet as CSV."),
    "encoding": _("The text encoding of the file could not be recognised. Save it as CSV in UTF-8 (or in Windows-1251)."),
    "mojibake": _("The text of the file is garbled: it was saved in UTF-8 and then converted once more with another character set (Windows-1252 or Latin-1), so it reads like «%(sample)s». Open the original file and save it with “Save As” → “CSV UTF-8 (comma delimited)” (in LibreOffice: character set “Unicode (UTF-8)”), or upload it as an .xlsx workbook."),
    "quoting": _("Row %(row)s of the file has unbalanced quotation marks, so its rows cannot be told apart. Save the file again from the spreadsheet as CSV."),
}


class SpreadsheetError(ValueError):
    """A file that cannot be read as a table; ``code`` says why (see MESSAGES), ``row`` is 0 for the whole file."""

    def __init__(self, code: str, row: int = 0, **params):
        self.code, self.row, self.params = code, row, params
        super().__init__(code)

    @property
    def message(self) -> str:
        text = str(MESSAGES[self.code])
        params = {"row": self.row, **self.params}
        return text % params if "%(" in text else text

    def __str__(self):
        return self.message


@dataclass
class Sheet:
    """The non-empty rows of a file's first sheet, each with its row (line) number in the file."""

    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    format: str = "csv"
    encoding: str = ""
    delimiter: str = ""
    bad_lines: list[int] = field(default_factory=list)  # CSV lines whose quoting could not be parsed


def _megabytes(size: int) -> str:
    return number_format(size // (1024 * 1024))


def spreadsheet_read(
    data: bytes,
    filename: str = "",
    *,
    max_bytes: int = MAX_BYTES,
    max_rows: int = MAX_ROWS,
    max_columns: int = MAX_COLUMNS,
    max_xlsx_unpacked: int = MAX_XLSX_UNPACKED,
    max_xlsx_members: int = MAX_XLSX_MEMBERS,
) -> Sheet:
    """The rows of an uploaded CSV or XLSX file, or SpreadsheetError. Cells are text, as in the file."""
    if not data or not data.strip():
        raise SpreadsheetError("empty")
    if len(data) > max_bytes:
        raise SpreadsheetError("too_big", limit=_megabytes(max_bytes))
    name = filename.lower()
    if data[:4] == b"PK\x03\x04":
        sheet = Sheet(rows=_read_xlsx(data, max_rows, max_columns, max_xlsx_unpacked, max_xlsx_members), format="xlsx")
    else:
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" or name.endswith(".xls"):
            raise SpreadsheetError("xls")
        if name.endswith((".xlsx", ".xlsm")):
            raise SpreadsheetError("xlsx_broken")
        if name.endswith((".ods", ".docx", ".doc", ".pdf", ".zip")) or data[:5] == b"%PDF-":
            raise SpreadsheetError("ods" if name.endswith(".ods") else "wrong_type")
        text, encoding = text_decode(data)
        delimiter = _sniff_delimiter(text)
        rows, bad = _read_csv(text, delimiter, max_rows, max_columns)
        sheet = Sheet(rows=rows, format="csv", encoding=encoding, delimiter=delimiter, bad_lines=bad)
    if not sheet.rows and not sheet.bad_lines:
        raise SpreadsheetError("empty")
    return sheet


def text_decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            text, encoding = data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise SpreadsheetError("encoding") from None
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16").lstrip("\ufeff"), "utf-16"
        except UnicodeDecodeError:
            raise SpreadsheetError("encoding") from None
    else:
        if b"\x00" in data[:4096]:
            raise SpreadsheetError("wrong_type")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            encoding = "kz1048" if _KZ1048_BYTES.search(data) else "cp1251"
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                raise SpreadsheetError("encoding") from None
    if len(_CONTROL.findall(text[:20000])) > 10:
        raise SpreadsheetError("wrong_type")
    if encoding.startswith("utf-8"):
        sample = _mojibake_sample(text)
        if sample:
            raise SpreadsheetError("mojibake", sample=sample)
    return text, encoding


def _mojibake_sample(text: str) -> str:
    """A piece of the text that is UTF-8 read as Windows-1252/Latin-1 and written back as UTF-8, or ''."""
    head = text[:20000]
    if head.lstrip().startswith("ï»¿"):
        return head.lstrip()[:12].splitlines()[0]
    found = []
    for run in _NON_ASCII_RUN.findall(head):
        for encoding in ("cp1252", "latin-1"):
            try:
                repaired = run.encode(encoding).decode("utf-8")
            except (UnicodeEncodeError, UnicodeDecodeError):
                continue
            if repaired != run:
                found.append(run)
                break
        if len(found) >= 2:
            return found[0][:12]
    return ""


def _sniff_delimiter(text: str) -> str:
    """The delimiter that gives the most lines with one same number (> 1) of cells among the first lines."""
    lines = [line for line in text.splitlines()[:40] if line.strip()]
    best, best_score = ",", (0, 0)
    for delimiter in (",", ";", "\t", "|"):
        try:
            counts = [len(next(csv.reader([line], delimiter=delimiter), [])) for line in lines]
        except csv.Error:
            continue
        if not counts:
            continue
        width, frequency = Counter(counts).most_common(1)[0]
        score = (frequency if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(text: str, delimiter: str, max_rows: int, max_columns: int) -> tuple[list, list[int]]:
    """Rows and the numbers of the lines that could not be parsed. After a broken line, reading starts again at
    the line after it, so one stray quotation mark costs one row, not the rest of the file."""
    lines = io.StringIO(text, newline="").readlines()
    rows, bad = [], []
    start = 0  # index of the first line the current reader reads
    while start < len(lines):
        reader = csv.reader(iter(lines[start:]), delimiter=delimiter, strict=True)
        record_start = 0
        try:
            while True:
                record_start = reader.line_num
                try:
                    cells = next(reader)
                except StopIteration:
                    start = len(lines)
                    break
                cells = cells[:max_columns]
                if not any(cell.strip() for cell in cells):
                    continue
                rows.append((start + record_start + 1, cells))
                if len(rows) > max_rows:
                    raise SpreadsheetError("too_many_rows", limit=number_format(max_rows, force_grouping=True))
        except csv.Error:
            bad.append(start + record_start + 1)
            start += record_start + 1
    return rows, bad


def _read_xlsx(data: bytes, max_rows: int, max_columns: int, max_unpacked: int, max_members: int) -> list:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise SpreadsheetError("xlsx_broken") from None
    names = {member.filename for member in members}
    if "xl/workbook.xml" not in names:
        raise SpreadsheetError("ods" if "content.xml" in names and "mimetype" in names else "wrong_type")
    if len(members) > max_members or sum(member.file_size for member in members) > max_unpacked:
        raise SpreadsheetError("xlsx_too_big", limit=_megabytes(max_unpacked))

    import defusedxml  # noqa: F401  (openpyxl parses with defusedxml when it is importable)
    from openpyxl import load_workbook

    rows = []
    workbook = None
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # a hostile sheet may declare a huge size; read the cells that are there
        for number, values in enumerate(sheet.iter_rows(max_col=max_columns, values_only=True), start=1):
            cells = [cell_text(value) for value in values]
            while cells and not cells[-1].strip():
                cells.pop()
            if not cells:
                continue
            rows.append((number, cells))
            if len(rows) > max_rows:
                raise SpreadsheetError("too_many_rows", limit=number_format(max_rows, force_grouping=True))
    except SpreadsheetError:
        raise
    except Exception:  # noqa: BLE001  (any failure inside a hostile workbook is "cannot be read", never a 500)
        raise SpreadsheetError("xlsx_broken") from None
    finally:
        if workbook is not None:
            workbook.close()
    return rows


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


# --- writing ---------------------------------------------------------------------------------------------------

def neutralise(value) -> str:
    """Text safe to open in a spreadsheet: a leading =, +, -, @ (a formula) is escaped with an apostrophe."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def unneutralise(value: str) -> str:
    """Undo ``neutralise`` when reading our own exports back."""
    if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_PREFIXES):
        return value[1:]
    return value


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def spreadsheet_csv(header: list[str], rows: list[list]) -> bytes:
    """CSV in UTF-8 with a BOM (so Excel reads it as UTF-8), CRLF line ends, formula-like text neutralised."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([value if _is_number(value) else neutralise(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


MAX_COLUMN_WIDTH = 60


def spreadsheet_xlsx(header: list[str], rows: list[list], title: str = "List", *, max_column_width: int = MAX_COLUMN_WIDTH) -> bytes:
    """An XLSX workbook: numbers as numbers, text as text (formula-like text neutralised), the header row
    frozen and bold, each column as wide as its longest value (at most ``max_column_width`` characters)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    widths = [len(str(name)) for name in header]
    for row in rows:
        for index, value in enumerate(row):
            longest = max((len(line) for line in str(value).splitlines()), default=0)
            if index < len(widths):
                widths[index] = max(widths[index], longest)
            else:
                widths.append(longest)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=_sheet_title(title))
    sheet.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 6) + 2, max_column_width)
    bold = Font(bold=True)
    heading = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=neutralise(name))
        cell.font = bold
        heading.append(cell)
    sheet.append(heading)
    for row in rows:
        sheet.append([value if _is_number(value) else neutralise(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    """A sheet name Excel accepts: at most 31 characters, none of : \\ / ? * [ ]."""
    cleaned = re.sub(r"[:\\/?*\[\]]", " ", str(title)).strip().strip("'")[:31].strip()
    return cleaned or "Sheet1"
