"""Views of the book list page: the faceted list, its export and the composition chart."""

import json
from urllib.parse import urlencode

from django.apps import apps
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from content_models.books.catalogue import PAGE_SIZE, SORTS, FilterError, parse_filters, snapshot
from content_models.books.codes import GENRES, LITERATURES, PERIODS, TARGET_LITERATURE, TARGET_PERIOD, label
from content_models.books.facets import FACETS, facet_label, selected_codes
from content_models.books.languages import language_name
from content_models.books.rows import EXPORT_COLUMNS, book_rows_from_db
from content_models.core.downloads import spreadsheet_download
from content_models.core.listing import query_string


def facet_groups(request, result, snapshot_) -> list[dict]:
    groups = []
    for name, choices in FACETS:
        selected = selected_codes(request, name)
        counts = result["facets"][name]
        options = []
        if choices is None:
            choices = [(code, language_name(code, snapshot_.language)) for code in snapshot_.languages]
        for code, text in choices:
            if code not in counts:
                continue
            count = counts[code]
            if count == 0 and code not in selected and name == "language":
                continue
            options.append({"code": code, "label": text, "count": count, "selected": code in selected})
        groups.append({"name": name, "label": facet_label(name), "options": options, "multiple": True})
    editions = result["facets"]["edition"]
    selected_edition = request.GET.get("edition", "")
    groups.append({
        "name": "edition",
        "label": facet_label("edition"),
        "multiple": False,
        "options": [{"code": "", "label": _("Current list"), "count": None, "selected": not selected_edition}]
        + [{"code": str(year), "label": str(year), "count": editions[year], "selected": selected_edition == str(year)} for year in sorted(editions, reverse=True)],
    })
    return groups


def book_list(request, page):
    language = translation.get_language()
    books = snapshot(language)
    status = 200
    error = ""
    try:
        filters = parse_filters(request.GET.getlist)
    except FilterError as problem:
        filters = parse_filters(lambda name: [])
        error = str(problem)
        status = 400
    sort = request.GET.get("sort", "number")
    if sort not in SORTS:
        sort = "number"
    result = books.query(filters)
    entries = books.sorted_entries(result["entries"], sort)
    paginator = Paginator(entries, PAGE_SIZE)
    page_number = request.GET.get("page", "1")
    page_obj = paginator.get_page(page_number)
    base_query = query_string(request, page=None)
    context = page.get_context(request)
    context.update({
        "books": page_obj,
        "paginator": paginator,
        "total": len(entries),
        "list_total": sum(1 for entry in books.entries if entry.edition_removed is None),
        "facet_groups": facet_groups(request, result, books),
        "filters": filters,
        "search": filters.search,
        "sort": sort,
        "sorts": [("number", _("List number")), ("title", _("Title")), ("author", _("Author"))],
        "error": error,
        "base_query": base_query,
        "export_query": query_string(request, page=None, sort=None),
        "any_filter": any(request.GET.get(name) for name in ("period", "literature", "genre", "grades", "language", "edition", "search", "q", "author")),
        "author": _author(filters.author, language),
        "without_author_query": query_string(request, page=None, author=None),
        "cards": [card(entry) for entry in page_obj.object_list],
    })
    return TemplateResponse(request, page.get_template(request), context, status=status)


def _author(author_id, language):
    """The Author of the list's author filter, in the page's language (None when there is no such author)."""
    if author_id is None:
        return None
    # Through the app registry: the book list page, a model, calls these views, so they do not import the models.
    return apps.get_model("content_models", "Author").objects.filter(pk=author_id, locale__language_code=language).first()


def card(entry) -> dict:
    return {
        "title": entry.title, "url": entry.url, "author_names": entry.author_names, "list_no": entry.list_no,
        "period_label": label(PERIODS, entry.period), "genre_labels": [str(label(GENRES, code)) for code in entry.genres],
        "grades": entry.grades,
    }


def book_list_export(request, page, file_format: str):
    books = snapshot(translation.get_language())
    try:
        filters = parse_filters(request.GET.getlist)
    except FilterError as problem:
        return HttpResponse(str(problem), status=400, content_type="text/plain; charset=utf-8")
    wanted = [entry.list_no for entry in books.query(filters)["entries"]]
    rows = book_rows_from_db(live_only=True)
    table = [rows[number].as_export_row() for number in wanted if number in rows]
    stamp = timezone.localdate().isoformat()
    return spreadsheet_download(
        EXPORT_COLUMNS, table, file_format=file_format, filename=f"recommended-list-{stamp}", title=_("Recommended list"),
    )


def composition_data(language: str) -> dict:
    """The list's actual shares beside the programme's targets, with translated labels."""
    books = snapshot(language)
    actual = books.composition()
    return {
        "total": actual["total"],
        "period": [
            {"code": code, "label": str(label(PERIODS, code)), "count": actual["period"][code]["count"],
             "percent": actual["period"][code]["percent"], "target": TARGET_PERIOD[code]}
            for code, _text in PERIODS
        ],
        "literature": [
            {"code": code, "label": str(label(LITERATURES, code)), "count": actual["literature"][code]["count"],
             "percent": actual["literature"][code]["percent"], "target": TARGET_LITERATURE[code]}
            for code, _text in LITERATURES
        ],
    }


def chart(rows: list[dict], width: int = 380, bar: int = 14) -> dict:
    """Geometry of a horizontal bar chart: per row its label above an actual bar and a target bar, scaled to the
    largest value. Narrow on purpose: drawn at its own size on a wide screen and scaled down only slightly on a
    phone (a 360 px screen still renders its 15 px labels at about 13 px)."""
    label_width, gap = 0, 12
    scale_max = max([row["percent"] for row in rows] + [row["target"] for row in rows] + [1])
    usable = width - 64
    items = []
    y = 10
    number = lambda value: f"{value:.1f}"  # noqa: E731  (SVG geometry is never localised: 54.3, not 54,3)
    for row in rows:
        actual_width = usable * row["percent"] / scale_max
        target_width = usable * row["target"] / scale_max
        items.append({
            **row,
            "actual_y": number(y + 22),
            "target_y": number(y + 22 + bar + 2),
            "actual_width": number(actual_width),
            "target_width": number(target_width),
            "actual_end": number(label_width + actual_width + 6),
            "target_end": number(label_width + target_width + 6),
            "label_y": number(y + 15),
            "text_y": number(y + 22 + bar - 2),
            "target_text_y": number(y + 22 + 2 * bar),
        })
        y += 22 + 2 * bar + 2 + gap
    return {"width": width, "height": y, "x": label_width, "bar": bar, "items": items}


def book_composition(request, page):
    data = composition_data(translation.get_language())
    context = page.get_context(request)
    context.update({
        "composition": data,
        "period_chart": chart(data["period"]),
        "literature_chart": chart(data["literature"]),
    })
    return TemplateResponse(request, "content_models/books/book_composition.html", context)


def book_json_ld(page, request, entry=None) -> str:
    """schema.org Book for a book page (script-safe JSON)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Book",
        "name": page.title,
        "url": page.get_full_url(request),
        "inLanguage": translation.get_language(),
        "author": [{"@type": "Person", "name": author.name} for author in page.authors],
        "genre": [str(text) for text in page.genre_labels],
        "audience": {"@type": "EducationalAudience", "educationalRole": "student", "educationalLevel": _("Grades %(grades)s") % {"grades": page.grades}},
        "description": page.annotation_text if hasattr(page, "annotation_text") else "",
        "position": page.list_no,
    }
    if page.original_title:
        data["alternateName"] = page.original_title
    if page.isbn:
        data["isbn"] = page.isbn
    if page.publisher:
        data["publisher"] = {"@type": "Organization", "name": page.publisher}
    if page.year:
        data["datePublished"] = str(page.year)
    if page.translators:
        data["translator"] = [{"@type": "Person", "name": name.strip()} for name in page.translators.split(",") if name.strip()]
    if page.original_language:
        data["workExample"] = {"@type": "Book", "inLanguage": page.original_language}
    return json.dumps(data, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def querystring(**params) -> str:
    return urlencode({key: value for key, value in params.items() if value})
