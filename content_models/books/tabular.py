"""Reading and writing the list's spreadsheets (CSV and XLSX), shared by import, export and the holdings check.

Uploaded files are hostile input: XLSX is read by openpyxl with ``defusedxml`` installed (XML bombs), in
read-only mode; CSV is decoded strictly and parsed with strict quoting, so broken quotes are reported with
their row instead of silently merging rows.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field

# Cells that a spreadsheet would run as a formula; exports prefix them with an apostrophe.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 50_000


class TableError(ValueError):
    """A file that cannot be read as a table at all (its row is 0 when it concerns the whole file)."""

    def __init__(self, message: str, row: int = 0):
        super().__init__(message)
        self.row = row


@dataclass
class Table:
    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)  # (row number in the file, cells)
    format: str = "csv"
    delimiter: str = ","
    encoding: str = "utf-8"


def _decode(data: bytes, encodings: tuple[str, ...]) -> tuple[str, str]:
    for encoding in encodings:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise TableError("the file is not in a supported text encoding (" + ", ".join(encodings) + ")")


def _sniff_delimiter(first_line: str) -> str:
    counts = {delimiter: first_line.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=counts.get)
    return best if counts[best] else ","


def read_csv(data: bytes, encodings: tuple[str, ...] = ("utf-8-sig",), max_rows: int = MAX_ROWS) -> Table:
    text, encoding = _decode(data, encodings)
    if encoding == "utf-8-sig" or text.startswith("\ufeff"):
        text = text.lstrip("\ufeff")
    if not text.strip():
        raise TableError("the file is empty")
    first_line = text.split("\n", 1)[0]
    delimiter = _sniff_delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows = []
    try:
        header = [cell.strip().lstrip("\ufeff") for cell in next(reader)]
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            rows.append((reader.line_num, cells))
            if len(rows) > max_rows:
                raise TableError(f"the file has more than {max_rows:,} rows")
    except csv.Error as error:
        raise TableError(f"broken quoting ({error})", row=reader.line_num) from None
    return Table(header=header, rows=rows, format="csv", delimiter=delimiter, encoding=encoding)


def read_xlsx(data: bytes, max_rows: int = MAX_ROWS) -> Table:
    import defusedxml  # noqa: F401  (openpyxl parses with defusedxml when it is importable)
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise TableError(f"the file is not a readable XLSX workbook ({error.__class__.__name__})") from None
    try:
        sheet = workbook.worksheets[0]
        iterator = sheet.iter_rows(values_only=True)
        try:
            header = [_cell_text(value).strip() for value in next(iterator)]
        except StopIteration:
            raise TableError("the file is empty") from None
        rows = []
        for number, values in enumerate(iterator, start=2):
            cells = [_cell_text(value) for value in values]
            if not any(cell.strip() for cell in cells):
                continue
            rows.append((number, cells))
            if len(rows) > max_rows:
                raise TableError(f"the file has more than {max_rows:,} rows")
    finally:
        workbook.close()
    while header and not header[-1]:
        header.pop()
    return Table(header=header, rows=rows, format="xlsx")


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_table(data: bytes, filename: str = "", encodings: tuple[str, ...] = ("utf-8-sig",), max_rows: int = MAX_ROWS) -> Table:
    """CSV or XLSX, told apart by content (an XLSX file is a zip archive), not by the file name."""
    if not data:
        raise TableError("the file is empty")
    if data[:4] == b"PK\x03\x04":
        return read_xlsx(data, max_rows=max_rows)
    if filename.lower().endswith((".xlsx", ".xlsm")):
        raise TableError("the file has an .xlsx name but is not an XLSX workbook")
    if filename.lower().endswith(".xls") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise TableError("old Excel .xls files are not supported: save the sheet as .xlsx or .csv")
    if b"\x00" in data[:4096]:
        raise TableError("the file is not a CSV or XLSX table")
    return read_csv(data, encodings=encodings, max_rows=max_rows)


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


def write_csv(header: list[str], rows: list[list]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([neutralise(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_xlsx(header: list[str], rows: list[list], title: str = "List") -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(header)
    for row in rows:
        # Every cell is written as text, so nothing an export holds can run as a formula.
        sheet.append([neutralise(value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
