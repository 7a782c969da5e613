"""`POST /api/v3/holdings/check/`: the holdings check for library systems — the same report as the page, as JSON.

Anonymous. Nothing is stored: the file is read, matched and answered in one request. A file that cannot be
checked (type, size, encoding, quoting, no title column) is a 400 with the same message the page shows.
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from ninja import File, Form, Router, Schema
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import Field
from wagtail.api.v3.errors import ProblemDetail

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
from content_models.holdings.report import DEFAULT_MIN_COPIES, MAX_MIN_COPIES, check_build, report_build
from search.normalize import fold

router = Router(tags=["holdings"])
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class HoldingsRowOut(Schema):
    row: int = Field(description="row number in the file (the heading row counts)")
    title: str
    author: str
    isbn: str
    year: str
    copies: int


class CandidateOut(Schema):
    list_no: int
    book_title: str
    book_authors: str
    score: float = Field(description="confidence 0–1")
    method: str = Field(description="isbn, title_author, title or similar_title")


class MatchedRowOut(HoldingsRowOut, CandidateOut):
    confirmed: bool = Field(description="a possible match the request accepted")


class PossibleRowOut(HoldingsRowOut, CandidateOut):
    pass


class UnmatchedRowOut(HoldingsRowOut):
    rejected: CandidateOut | None = Field(description="the possible match the request rejected, if any")


class TitleOut(Schema):
    list_no: int
    title: str
    authors: str
    period: str
    literature: str
    genres: list[str]
    grades: str
    html_url: str


class ListTitleOut(TitleOut):
    copies: int = Field(description="copies held")
    copies_to_buy: int = Field(description="min_copies minus the copies held")


class HeldTitleOut(TitleOut):
    copies: int = Field(description="copies held (the sum over the rows matched to it)")
    rows: list[int] = Field(description="the holdings rows matched to this title")


class GroupOut(Schema):
    code: str
    label: str
    list_titles: int = Field(description="titles of the list in this group")
    held: int
    missing: int
    coverage: float = Field(description="held / list_titles, 0–1")
    share_of_list: float = Field(description="per cent of the list's titles in this group")
    share_of_held: float = Field(description="per cent of the held titles in this group")
    target: float | None = Field(description="the programme's target share in per cent (periods and literature)")
    matched: int = Field(description="holdings rows matched to titles of this group")
    possible: int = Field(description="possible matches (not yet confirmed) to titles of this group")
    held_list_nos: list[int]
    missing_list_nos: list[int]


class ThresholdsOut(Schema):
    match: float
    possible: float


class HoldingsReportOut(Schema):
    locale: str
    filename: str
    format: str = Field(description="csv or xlsx")
    encoding: str = Field(description="text encoding of a CSV file (utf-8, utf-8-sig, utf-16, cp1251, kz1048)")
    columns: dict[str, str | None] = Field(description="field (title, author, isbn, year, copies) → the column used")
    min_copies: int
    thresholds: ThresholdsOut
    rows: int = Field(description="rows under the heading row")
    rows_checked: int = Field(description="rows with a title or an ISBN")
    matched: int = Field(description="holdings rows matched to a title of the list")
    possible: int = Field(description="holdings rows with a possible match to confirm")
    unmatched: int = Field(description="holdings rows that matched nothing")
    list_titles: int = Field(description="titles of the current list")
    held: int = Field(description="titles of the list held (at least one copy)")
    missing: int = Field(description="titles of the list not held")
    low_copies: int = Field(description="titles held in fewer than min_copies copies")
    coverage: float = Field(description="held / list_titles, 0–1")
    copies_to_buy: int
    by_period: list[GroupOut]
    by_literature: list[GroupOut]
    by_genre: list[GroupOut]
    by_grades: list[GroupOut]
    matched_rows: list[MatchedRowOut]
    possible_rows: list[PossibleRowOut]
    unmatched_rows: list[UnmatchedRowOut]
    held_titles: list[HeldTitleOut]
    missing_titles: list[ListTitleOut]
    low_copy_titles: list[ListTitleOut]


COLUMN_DOC = "column of the {field}: its heading, or its number (1 = first column); guessed from the headings when absent"


def _column(value: str | None, table: HoldingsTable, name: str) -> int | None:
    text = (value or "").strip()
    if not text:
        return None
    if text.isdigit():
        index = int(text) - 1
        if 0 <= index < table.width:
            return index
        raise HttpError(400, f"{name}_column {text}: the file has {table.width} columns")
    for index, heading in enumerate(table.header):
        if fold(heading) == fold(text):
            return index
    for index in range(table.width):
        if column_letter(index) == text.upper():
            return index
    raise HttpError(400, f"{name}_column {text!r} is not a heading of the file (headings: {', '.join(h for h in table.header if h)})")


def _rows(value: str | None, name: str) -> set[int]:
    numbers = set()
    for part in (value or "").replace(";", ",").split(","):
        part = part.strip()
        if not part:
            continue
        if not part.isdigit():
            raise HttpError(400, f"{name} takes row numbers separated by commas, not {part!r}")
        numbers.add(int(part))
    return numbers


@router.post(
    "/check/",
    response={200: HoldingsReportOut, 400: ProblemDetail},
    url_name="holdings_check",
    summary="Check a library's holdings against the recommended list",
    operation_id="holdings_check",
)
def holdings_check(
    request,
    file: UploadedFile = File(..., description="the holdings table: CSV or XLSX with a heading row"),
    locale: str = Form("kk", description="language of the list's titles in the report: kk, ru or en"),
    min_copies: int = Form(DEFAULT_MIN_COPIES, ge=1, le=MAX_MIN_COPIES, description="copies each title should have; fewer are reported under low_copy_titles"),
    title_column: str | None = Form(None, description=COLUMN_DOC.format(field="titles")),
    author_column: str | None = Form(None, description=COLUMN_DOC.format(field="authors")),
    isbn_column: str | None = Form(None, description=COLUMN_DOC.format(field="ISBNs")),
    year_column: str | None = Form(None, description=COLUMN_DOC.format(field="years of publication")),
    copies_column: str | None = Form(None, description=COLUMN_DOC.format(field="numbers of copies") + "; without it every row is one copy"),
    accept: str | None = Form(None, description="row numbers of possible matches to count as held, comma-separated"),
    reject: str | None = Form(None, description="row numbers of possible matches to count as no match, comma-separated"),
):
    """Multipart upload of a CSV (UTF-8, UTF-8 with BOM, UTF-16, Windows-1251) or XLSX file in field `file`,
    at most 5 MB and 50,000 rows, with a heading row. Returns coverage overall and by period, literature, genre and
    grade band, the rows behind every count and the missing titles. Possible matches stay in `possible_rows`
    unless their row numbers are given in `accept` or `reject`."""
    if locale not in LANGUAGE_CODES:
        raise HttpError(400, f"unknown locale {locale!r}; use one of: {', '.join(LANGUAGE_CODES)}")
    with translation.override(locale):
        try:
            if file.size > MAX_BYTES:
                raise file_error("too_big", limit=MAX_BYTES // (1024 * 1024))
            table = holdings_read(file.read(), file.name or "")
        except HoldingsFileError as problem:
            raise HttpError(400, str(problem.message)) from None
        columns = guess_columns(table.header, table.rows)
        given = {"title": title_column, "author": author_column, "isbn": isbn_column, "year": year_column, "copies": copies_column}
        for name in FIELDS:
            index = _column(given[name], table, name)
            if index is not None:
                columns[name] = index
        if columns["title"] is None:
            raise HttpError(400, "no column of titles was recognised; name it with title_column (a heading or a column number)")
        chosen = [index for index in columns.values() if index is not None]
        if len(chosen) != len(set(chosen)):
            raise HttpError(400, "one column is given for two fields")
        check = check_build(table, columns, filename=(file.name or "")[:200])
        accepted, rejected = _rows(accept, "accept"), _rows(reject, "reject")
        check.decide(accepted, accepted | rejected)
        report = report_build(check, language=locale, min_copies=min_copies, request=request)
    response = JsonResponse(report, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response
