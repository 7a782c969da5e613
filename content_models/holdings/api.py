"""`POST /api/v3/holdings/check/`: the holdings check for library systems — the same report as the page, as JSON.

Anonymous. Nothing is stored: the file is read, matched and answered in one request. A file that cannot be
checked (type, size, encoding, quoting, no title column) is a 400 with the same message the page shows.
"""

import json

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from ninja import File, Form, Router, Schema, Status
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from ninja.files import UploadedFile
from pydantic import Field
from wagtail.api.v3.errors import ProblemDetail

from content_models.holdings.jobs import HoldingsJob, job_hours
from content_models.holdings.parsing import MAX_BYTES, file_error
from content_models.holdings.report import DEFAULT_MIN_COPIES, MAX_MIN_COPIES, check_build, check_prepare, report_build
from content_models.holdings.tasks import job_queue
from content_models.holdings.upload import UploadError, upload_columns, upload_table
from portal.links import absolute_url, base_url
from portal.ratelimit import rate_limited

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


FAILED = "the check could not be finished; send the file again"


class JobOut(Schema):
    id: str = Field(description="the job's id: whoever has it can read and delete the job, nobody else")
    status: str = Field(description="queued, running, done or failed")
    status_url: str = Field(description="where to ask for the job's progress and, when it is done, its report")
    rows: int = Field(description="rows under the heading row")
    rows_done: int = Field(description="rows checked so far")
    expires_at: str = Field(description="when the job and the rows it holds are deleted (ISO 8601)")
    report: HoldingsReportOut | None = Field(None, description="when done: the report the synchronous check gives")
    error: str | None = Field(None, description="when failed: what happened (send the file again)")


def _job_json(request, job: HoldingsJob, token: str) -> dict:
    status = job.status
    return {
        "id": token, "status": status, "status_url": absolute_url(reverse("wagtailapi_v3:holdings_job", args=[token]), request),
        "rows": job.rows_total, "rows_done": job.rows_done, "expires_at": timezone.localtime(job.expires_at).isoformat(),
        "report": None, "error": (job.error if job.error not in ("", "error") else FAILED) if status == "failed" else None,
    }


def _private_json(body, status: int = 200):
    response = HttpResponse(body, status=status, content_type="application/json")
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


def _job_accepted(request, locale, min_copies, accepted, rejected, *, data: dict, **fields):
    job, token = HoldingsJob.create(
        source="api", stage="queued", lifetime=job_hours(), language=locale, min_copies=min_copies,
        base_url=base_url(request), data={**data, "accept": sorted(accepted), "reject": sorted(rejected)}, **fields,
    )
    job_queue(job)
    job.refresh_from_db(fields=["stage", "rows_total", "rows_done", "expires_at", "updated_at", "error"])
    data = _job_json(request, job, token)
    response = _private_json(json.dumps(data, ensure_ascii=False), status=202)
    response["Location"] = data["status_url"]
    return response


@router.post(
    "/check/",
    response={200: HoldingsReportOut, 202: JobOut, 400: ProblemDetail},
    url_name="holdings_check",
    summary="Check a library's holdings against the recommended list",
    operation_id="holdings_check",
)
@decorate_view(rate_limited("holdings"))
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
    unless their row numbers are given in `accept` or `reject`.

    A file of more rows than the portal checks at once (2,000 by default) is checked in the background: the answer
    is `202 Accepted` with a job (`id`, `status_url`, also in `Location`); ask `status_url` until `status` is
    `done` and the job carries the report. The job and the rows it holds are deleted when it expires (24 hours)."""
    if locale not in LANGUAGE_CODES:
        raise HttpError(400, f"unknown locale {locale!r}; use one of: {', '.join(LANGUAGE_CODES)}")
    with translation.override(locale):
        given = {"title": title_column, "author": author_column, "isbn": isbn_column, "year": year_column, "copies": copies_column}
        accepted, rejected = _rows(accept, "accept"), _rows(reject, "reject")
        filename = (file.name or "")[:200]
        if file.size > MAX_BYTES:
            raise HttpError(400, str(file_error("too_big", limit=MAX_BYTES // (1024 * 1024)).message))
        if file.size > settings.PORTAL_HOLDINGS_INLINE_BYTES:
            # Even reading a big file is work for the worker: the request only keeps its bytes.
            return _job_accepted(request, locale, min_copies, accepted, rejected, upload=file.read(),
                                 data={"upload": {"name": filename, "given": given}})
        try:
            table = upload_table(file.read(), file.name or "")
            columns = upload_columns(table, given)
        except UploadError as problem:
            raise HttpError(400, str(problem)) from None
        if len(table.rows) > settings.PORTAL_HOLDINGS_INLINE_ROWS:
            return _job_accepted(request, locale, min_copies, accepted, rejected, rows_total=len(table.rows),
                                 data={"check": check_prepare(table, columns, filename=filename).as_data()})
        check = check_build(table, columns, filename=filename)
        check.decide(accepted, accepted | rejected)
        report = report_build(check, language=locale, min_copies=min_copies, request=request)
    response = JsonResponse(report, json_dumps_params={"ensure_ascii": False})
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


def _job(token: str, *, with_data: bool = False) -> HoldingsJob:
    job = HoldingsJob.for_token(token, source="api", with_data=with_data)
    if job is None:
        raise Http404("no such job: unknown, deleted or expired")
    return job


@router.get(
    "/jobs/{job_id}/",
    response={200: JobOut, 404: ProblemDetail},
    url_name="holdings_job",
    summary="Progress and report of a holdings check in the background",
    operation_id="holdings_job",
)
def holdings_job(request, job_id: str):
    """The job a `202 Accepted` check answered with: its status and progress; when `status` is `done`, `report`
    holds the same report the synchronous check gives. Unknown, deleted or expired jobs are 404."""
    job = _job(job_id)
    data = _job_json(request, job, job_id)
    if data["status"] != "done":
        return _private_json(json.dumps(data, ensure_ascii=False))
    # The report is kept as JSON text: it goes out as it is, without being read back into objects.
    head = json.dumps({name: value for name, value in data.items() if name != "report"}, ensure_ascii=False)
    report = HoldingsJob.objects.filter(pk=job.pk).values_list("result", flat=True).first() or "null"
    return _private_json(head[:-1] + ', "report": ' + report + "}")


@router.delete(
    "/jobs/{job_id}/",
    response={204: None, 404: ProblemDetail},
    url_name="holdings_job_delete",
    summary="Delete a holdings check job and the rows it holds",
    operation_id="holdings_job_delete",
)
def holdings_job_delete(request, job_id: str):
    """Deletes the job at once (a queued or running check is stopped); it would be deleted when it expires."""
    HoldingsJob.objects.filter(pk=_job(job_id).pk).delete()
    return Status(204, None)
