"""An API upload made into a table and its columns: the file read under the check's limits, and the columns the
client named (by heading, number or letter) or the ones guessed from the headings. The API does it in the request
for a small file, the task worker for a big one; both tell the same problems."""

from content_models.holdings.parsing import (
    FIELDS,
    MAX_BYTES,
    HoldingsFileError,
    HoldingsTable,
    column_letter,
    file_error,
    guess_columns,
    holdings_read,
)
from search.normalize import fold


class UploadError(ValueError):
    """A file or a column choice that cannot be checked; the text says why."""


def upload_table(data: bytes, name: str) -> HoldingsTable:
    try:
        if len(data) > MAX_BYTES:
            raise file_error("too_big", limit=MAX_BYTES // (1024 * 1024))
        return holdings_read(data, name)
    except HoldingsFileError as problem:
        raise UploadError(str(problem.message)) from None


def _column(value: str | None, table: HoldingsTable, name: str) -> int | None:
    text = (value or "").strip()
    if not text:
        return None
    if text.isdigit():
        index = int(text) - 1
        if 0 <= index < table.width:
            return index
        raise UploadError(f"{name}_column {text}: the file has {table.width} columns")
    for index, heading in enumerate(table.header):
        if fold(heading) == fold(text):
            return index
    for index in range(table.width):
        if column_letter(index) == text.upper():
            return index
    raise UploadError(f"{name}_column {text!r} is not a heading of the file (headings: {', '.join(h for h in table.header if h)})")


def upload_columns(table: HoldingsTable, given: dict[str, str | None]) -> dict[str, int | None]:
    """field → column index: the ones ``given`` names, the others guessed from the headings."""
    columns = guess_columns(table.header, table.rows)
    for name in FIELDS:
        index = _column(given.get(name), table, name)
        if index is not None:
            columns[name] = index
    if columns["title"] is None:
        raise UploadError("no column of titles was recognised; name it with title_column (a heading or a column number)")
    chosen = [index for index in columns.values() if index is not None]
    if len(chosen) != len(set(chosen)):
        raise UploadError("one column is given for two fields")
    return columns
