"""The steps of the holdings check page: upload → columns → report (decisions, downloads, print, save), and
saved reports behind their private links. A big file goes from the columns to the task worker, and the page
shows its progress (progress.py) until the report is there.

Plain forms and redirects after every POST, so every step works without JavaScript. Every response carries
``Cache-Control: private, no-store`` (the anonymous page cache and any proxy leave them alone) and, but for the
upload form, ``X-Robots-Tag: noindex``: they show one library's data.
"""

import dataclasses

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, QueryDict
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from content_models.books.catalogue import SORTS, FilterError, Filters, parse_filters, snapshot
from content_models.books.codes import GENRES, GRADE_BANDS, PERIODS, label
from content_models.books.facets import CODE_FACETS, facet_label, selected_codes
from content_models.books.rows import EXPORT_COLUMNS, book_rows_from_db
from content_models.core.downloads import spreadsheet_download
from content_models.core.listing import query_string
from content_models.holdings.forms import ColumnsForm, ReportOptionsForm, UploadForm
from content_models.holdings.parsing import FIELD_LABELS, FIELDS, HoldingsTable, guess_columns
from content_models.holdings.report import DEFAULT_MIN_COPIES, Check, check_build, check_prepare, procurement, report_build
from content_models.holdings.saved import HoldingsReport
from content_models.holdings.session import session_check_delete, session_check_expired, session_check_get, session_check_put
from content_models.holdings.tasks import job_queue

MISSING_PAGE_SIZE = 50
ROWS_PAGE_SIZE = 100
REVIEW_PAGE_SIZE = 100  # possible matches per form (Django refuses forms of more than 10,000 fields)
PREVIEW_ROWS = 5
FILTER_PARAMS = ("period", "literature", "genre", "grades", "search")


def private(response, *, saved: bool = False, index: bool = False):
    """Private data: never cached, not indexed (except the upload form itself); a saved report's link is not
    sent on as a referrer."""
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    if not index:
        response["X-Robots-Tag"] = "noindex, nofollow"
    if saved:
        response["Referrer-Policy"] = "no-referrer"
    return response


def _url(request, page, route: str = "", *args) -> str:
    base = page.get_url(request)
    return base + page.reverse_subpage(route, args=args) if route else base


def _redirect(url: str):
    return private(HttpResponseRedirect(url))


def _no_check(request, page):
    if session_check_expired(request):
        messages.info(request, _("The check of your file has expired and its rows are deleted from the portal. Upload the file again."))
    else:
        messages.info(request, _("No file is being checked: the rows of an upload are kept for %(minutes)s minutes without activity. Upload the file again.") % {
            "minutes": settings.PORTAL_HOLDINGS_SESSION_MINUTES,
        })
    return _redirect(_url(request, page))


# --- step 1: upload ----------------------------------------------------------------------------------------------

def holdings_upload(request, page):
    status = 200
    if request.method == "POST":
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            table = form.table
            session_check_delete(request)
            session_check_put(request, "columns", {
                "table": table.as_data(), "filename": form.cleaned_data["file"].name[:200],
                "guess": guess_columns(table.header, table.rows),
            })
            return _redirect(_url(request, page, "columns"))
        status = 400
    else:
        form = UploadForm()
    current = session_check_get(request)
    context = page.get_context(request)
    context.update({"form": form, "current": current, "step": 1, "minutes": settings.PORTAL_HOLDINGS_SESSION_MINUTES})
    return private(TemplateResponse(request, page.get_template(request), context, status=status), index=True)


# --- step 2: columns ---------------------------------------------------------------------------------------------

def holdings_columns(request, page):
    data = session_check_get(request)
    if data is None:
        return _no_check(request, page)
    if data["stage"] != "columns":
        return _redirect(_url(request, page, "report"))
    table = HoldingsTable.from_data(data["table"])
    status = 200
    if request.method == "POST":
        form = ColumnsForm(request.POST, table=table)
        if form.is_valid() and len(table.rows) > settings.PORTAL_HOLDINGS_INLINE_ROWS:
            # A big file: the worker matches it; the page shows its progress meanwhile.
            check = check_prepare(table, form.columns(), filename=data["filename"])
            job = session_check_put(request, "queued", {"check": check.as_data()}, rows_total=len(table.rows), rows_done=0,
                                    created_at=timezone.now(), updated_at=timezone.now())
            job_queue(job)
            return _redirect(_url(request, page, "progress"))
        if form.is_valid():
            check = check_build(table, form.columns(), filename=data["filename"])
            # From here on only the check is kept: the other cells of the file are dropped with the table.
            session_check_put(request, "report", {"check": check.as_data()})
            return _redirect(_url(request, page, "report"))
        status = 400
    else:
        guess = data["guess"]
        form = ColumnsForm(initial={name: str(index) for name, index in guess.items() if index is not None}, table=table)
    width = table.width
    preview = [(number, (cells + [""] * width)[:width]) for number, cells in table.rows[:PREVIEW_ROWS]]
    context = page.get_context(request)
    context.update({
        "form": form, "step": 2, "filename": data["filename"], "table": table, "row_count": len(table.rows),
        "columns": [table.column_label(index) for index in range(width)], "preview": preview,
        "guessed": [str(FIELD_LABELS[name]) for name, index in data["guess"].items() if index is not None],
    })
    return private(TemplateResponse(request, "content_models/holdings/holdings_check_columns.html", context, status=status))


# --- step 3: the report ------------------------------------------------------------------------------------------

def _session_check(request):
    data = session_check_get(request)
    if data is None or data["stage"] != "report":
        return None
    return Check.from_data(data["check"])


def holdings_report(request, page, printable: bool = False):
    data = session_check_get(request)
    if data is None:
        return _no_check(request, page)
    if data["stage"] != "report":
        return _redirect(_url(request, page, "columns" if data["stage"] == "columns" else "progress"))
    return _report_response(request, page, Check.from_data(data["check"]), printable=printable)


def _filters(request) -> tuple[Filters, str]:
    try:
        filters = parse_filters(request.GET.getlist)
    except FilterError as problem:
        return Filters(), str(problem)
    return dataclasses.replace(filters, language=frozenset(), edition=None), ""


def _filtered_numbers(books, filters: Filters) -> set[int] | None:
    if filters == Filters():
        return None
    return {entry.list_no for entry in books.query(filters)["entries"]}


def _facet_groups(request, books, filters: Filters, missing_numbers: set[int]) -> list[dict]:
    """The filters of the missing list, each option counting the missing titles under the other filters."""
    groups = []
    for name, choices in CODE_FACETS:
        others = dataclasses.replace(filters, **{name: frozenset()})
        numbers = missing_numbers & {entry.list_no for entry in books.query(others)["entries"]}
        counts = {}
        for number in numbers:
            entry = books.by_list_no[number]
            if name == "genre":
                values = entry.genres
            elif name == "grades":
                values = [band for band, low, high in GRADE_BANDS if entry.in_band(low, high)]
            else:
                values = [getattr(entry, name)]
            for value in values:
                counts[value] = counts.get(value, 0) + 1
        selected = selected_codes(request, name)
        groups.append({
            "name": name,
            "label": facet_label(name),
            "options": [{"code": code, "label": text, "count": counts.get(code, 0), "selected": code in selected} for code, text in choices],
        })
    return groups


def _hidden(request, *, keep=None, drop=()) -> list[tuple[str, str]]:
    pairs = []
    for name, values in request.GET.lists():
        if name in drop or (keep is not None and name not in keep):
            continue
        pairs.extend((name, value) for value in values)
    return pairs


def _review_rows(report: dict) -> list[dict]:
    """Every possible match, decided or not, for the confirmation form (by row)."""
    rows = [{**row, "state": "open"} for row in report["possible_rows"]]
    rows += [{**row, "state": "accepted"} for row in report["matched_rows"] if row["confirmed"]]
    rows += [{**row, **row["rejected"], "state": "rejected"} for row in report["unmatched_rows"] if row["rejected"]]
    return sorted(rows, key=lambda row: row["row"])


def _coverage_tables(report: dict) -> list[dict]:
    return [
        {"name": "period", "caption": _("Coverage by period, beside the programme's targets"), "heading": _("Period"), "groups": report["by_period"], "targets": True},
        {"name": "literature", "caption": _("Coverage of national and world literature, beside the programme's targets"), "heading": _("Literature"), "groups": report["by_literature"], "targets": True},
        {"name": "genre", "caption": _("Coverage by genre"), "heading": _("Genre"), "groups": report["by_genre"], "targets": False},
        {"name": "grades", "caption": _("Coverage by grades"), "heading": _("Grades"), "groups": report["by_grades"], "targets": False},
    ]


def _report_response(request, page, check: Check, *, saved: HoldingsReport | None = None, token: str = "", printable: bool = False):
    language = translation.get_language()
    options = ReportOptionsForm(request.GET if "min_copies" in request.GET else None)
    min_copies = options.copies(saved.min_copies if saved else DEFAULT_MIN_COPIES)
    books = snapshot(language)
    report = report_build(check, language=language, min_copies=min_copies, request=request, books=books)
    filters, filter_error = _filters(request)
    sort = request.GET.get("sort", "number")
    if sort not in SORTS:
        sort = "number"
    missing_numbers = {item["list_no"] for item in report["missing_titles"]}
    wanted = _filtered_numbers(books, filters)
    shown_numbers = missing_numbers if wanted is None else missing_numbers & wanted
    entries = books.sorted_entries([entry for entry in books.entries if entry.list_no in shown_numbers], sort)
    missing_by_number = {item["list_no"]: item for item in report["missing_titles"]}
    missing = [{**missing_by_number[entry.list_no], "period_label": label(PERIODS, entry.period),
                "genre_labels": [str(label(GENRES, code)) for code in entry.genres]} for entry in entries]
    status = 400 if (options.is_bound and not options.is_valid()) or filter_error else 200

    if saved is not None:
        base = _url(request, page, "saved", token)
        routes = {"print": _url(request, page, "saved_print", token), "delete": _url(request, page, "saved_delete", token)}
        download = lambda kind: _url(request, page, "saved_download", token, kind)  # noqa: E731
    else:
        base = _url(request, page, "report")
        routes = {"print": _url(request, page, "print"), "delete": _url(request, page, "discard"),
                  "decisions": _url(request, page, "decisions"), "save": _url(request, page, "save")}
        download = lambda kind: _url(request, page, "download", kind)  # noqa: E731
    export_query = query_string(request, page=None, rows_page=None, sort=None)
    routes.update({kind: download(kind) + (f"?{export_query}" if export_query else "") for kind in ("csv", "xlsx", "unmatched")})

    context = page.get_context(request)
    context.update({
        "step": 3, "report": report, "saved": saved, "routes": routes, "base_url": base, "printable": printable,
        "options": options, "min_copies": min_copies, "filter_error": filter_error,
        "facet_groups": _facet_groups(request, books, filters, missing_numbers), "search": filters.search, "sort": sort,
        "sorts": [("number", _("List number")), ("title", _("Title")), ("author", _("Author"))],
        "any_filter": any(request.GET.get(name) for name in FILTER_PARAMS),
        "missing_count": len(missing), "review": _review_rows(report), "coverage_tables": _coverage_tables(report),
        "field_labels": [(FIELD_LABELS[name], report["columns"].get(name)) for name in FIELDS],
        "query": request.GET.urlencode(),
        "options_hidden": _hidden(request, drop=("min_copies", "page", "rows_page", "possible_page")),
        "filters_hidden": _hidden(request, keep=("min_copies",)),
    })
    if printable:
        context["missing"] = missing
        template = "content_models/holdings/holdings_check_print.html"
    else:
        missing_page = Paginator(missing, MISSING_PAGE_SIZE).get_page(request.GET.get("page"))
        rows_page = Paginator(report["unmatched_rows"], ROWS_PAGE_SIZE).get_page(request.GET.get("rows_page"))
        review_page = Paginator(context["review"], REVIEW_PAGE_SIZE).get_page(request.GET.get("possible_page"))
        context.update({
            "missing_page": missing_page, "missing_query": query_string(request, page=None),
            "rows_page": rows_page, "rows_query": query_string(request, rows_page=None),
            "review_page": review_page, "review_query": query_string(request, possible_page=None),
        })
        template = "content_models/holdings/holdings_check_report.html"
    return private(TemplateResponse(request, template, context, status=status), saved=saved is not None)


def holdings_decisions(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    data = session_check_get(request)
    if data is None or data["stage"] != "report":
        return _no_check(request, page)
    check = Check.from_data(data["check"])
    shown = {int(value) for value in request.POST.getlist("shown") if value.isdigit()}
    accepted = {int(value) for value in request.POST.getlist("accept") if value.isdigit()}
    if request.POST.get("all") == "accept":
        accepted = set(shown)
    elif request.POST.get("all") == "reject":
        accepted = set()
    check.decide(accepted, shown)
    session_check_put(request, "report", {"check": check.as_data()})
    query = QueryDict(request.POST.get("query", "")).urlencode()
    return _redirect(_url(request, page, "report") + (f"?{query}" if query else "") + "#possible")


def _download_response(request, check: Check, kind: str, default_min_copies: int):
    if kind not in ("csv", "xlsx", "unmatched"):
        raise Http404
    language = translation.get_language()
    min_copies = ReportOptionsForm(request.GET if "min_copies" in request.GET else None).copies(default_min_copies)
    report = report_build(check, language=language, min_copies=min_copies, request=request)
    stamp = timezone.localdate().isoformat()
    if kind == "unmatched":
        header = [_("Row"), _("Title"), _("Author"), _("ISBN"), _("Year of publication"), _("Number of copies")]
        rows = [[row["row"], row["title"], row["author"], row["isbn"], row["year"], row["copies"]] for row in report["unmatched_rows"]]
        return private(spreadsheet_download(header, rows, file_format="csv", filename=f"holdings-not-on-the-list-{stamp}"))
    filters, _problem = _filters(request)
    wanted = procurement(report, _filtered_numbers(snapshot(language), filters))
    book_rows = book_rows_from_db(live_only=True)
    table = [book_rows[number].as_export_row() + [to_buy] for number, to_buy in wanted if number in book_rows]
    header = EXPORT_COLUMNS + ["copies_to_buy"]
    return private(spreadsheet_download(header, table, file_format=kind, filename=f"procurement-{stamp}", title=_("Procurement")))


def holdings_download(request, page, kind: str):
    check = _session_check(request)
    if check is None:
        return _no_check(request, page)
    return _download_response(request, check, kind, DEFAULT_MIN_COPIES)


def holdings_save(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    check = _session_check(request)
    if check is None:
        return _no_check(request, page)
    min_copies = ReportOptionsForm(request.POST).copies()
    report = report_build(check, language=translation.get_language(), min_copies=min_copies)
    summary = {name: report[name] for name in ("rows", "matched", "possible", "unmatched", "list_titles", "held", "missing", "coverage")}
    saved, token = HoldingsReport.create_for(check.as_data(), language=translation.get_language(), min_copies=min_copies, summary=summary)
    messages.success(request, _("The report is saved. Keep this page's address: anyone who has it can open the report until %(date)s.") % {
        "date": timezone.localtime(saved.expires_at).strftime("%d.%m.%Y"),
    })
    return _redirect(_url(request, page, "saved", token))


def holdings_discard(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    session_check_delete(request)
    messages.info(request, _("The rows of your file are deleted from the portal."))
    return _redirect(_url(request, page))


# --- saved reports -----------------------------------------------------------------------------------------------

def _saved(token: str) -> HoldingsReport:
    saved = HoldingsReport.for_token(token)
    if saved is None:
        raise Http404("no such report")
    return saved


def holdings_saved(request, page, token: str, printable: bool = False):
    saved = _saved(token)
    return _report_response(request, page, Check.from_data(saved.check_data), saved=saved, token=token, printable=printable)


def holdings_saved_download(request, page, token: str, kind: str):
    saved = _saved(token)
    return _download_response(request, Check.from_data(saved.check_data), kind, saved.min_copies)


def holdings_saved_delete(request, page, token: str):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    _saved(token).delete()
    messages.info(request, _("The saved report is deleted."))
    return _redirect(_url(request, page))
