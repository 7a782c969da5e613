"""`/api/v3/books/`: the recommended list with the same filters and facet counts as the list page."""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from ninja import Query, Router, Schema
from ninja.errors import HttpError
from pydantic import Field

from content_models.books.catalogue import SORTS, Entry, FilterError, parse_filters, snapshot
from content_models.books.codes import GENRES, LITERATURES, PERIODS, label
from content_models.books.languages import language_name
from content_models.books.views import composition_data
from content_models.core.sanitise import sanitise_rich_text
from portal.links import absolute_url

router = Router(tags=["books"])
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class AuthorOut(Schema):
    id: int
    name: str


class BookOut(Schema):
    id: int
    list_no: int
    title: str
    original_title: str
    authors: list[AuthorOut]
    translators: str
    period: str
    period_label: str
    literature: str
    genres: list[str]
    genre_labels: list[str]
    grade_min: int
    grade_max: int
    grades: str
    original_language: str
    original_language_label: str
    publisher: str
    year: int | None
    isbn: str
    edition_added: int
    edition_removed: int | None
    html_url: str
    locale: str


class BookDetailOut(BookOut):
    annotation: str
    annotation_text: str
    translations: dict[str, int]


class BookListOut(Schema):
    count: int
    limit: int
    offset: int
    locale: str
    facets: dict[str, dict[str, int]]
    facet_labels: dict[str, dict[str, str]] = Field(description="the name of each facet value in `locale` (original languages from CLDR)")
    items: list[BookOut]


class BookFilters(Schema):
    locale: str = Field("kk", description="kk, ru or en")
    period: list[str] = Field([], description="classical, independence, contemporary, abroad, world (repeat or comma-separate)")
    literature: list[str] = Field([], description="national, world")
    genre: list[str] = Field([], description="children, poetry, prose, drama, popular_science, journalism, translation, folklore_tale, folklore_legend, folklore_epic, folklore_aitys")
    grades: list[str] = Field([], description="a grade band such as 5-9, a range such as 5-11 or one grade; books whose range overlaps it match")
    language: list[str] = Field([], description="original language: any ISO 639 code (kk, de, ger, grc …); 639-2/B and 639-3 forms match the stored 639-1 code")
    edition: str | None = Field(None, description="a year: the list as it was in that edition; default: the current list")
    search: str | None = Field(None, description="words of the title or author, in any spelling", max_length=200)
    author: int | None = Field(None, description="an author id (as in `authors`): that author's books only")
    sort: str = Field("number", description="number, title or author")
    limit: int = Field(24, ge=1, le=100)
    offset: int = Field(0, ge=0)


def _language(code: str) -> str:
    if code not in LANGUAGE_CODES:
        raise HttpError(400, f"unknown locale {code!r}; use one of: {', '.join(LANGUAGE_CODES)}")
    return code


def book_out(request, entry: Entry, language: str) -> dict:
    """The API representation of a book; the language-dependent part is computed once per snapshot."""
    cached = entry.api_cache.get(language)
    if cached is None:
        cached = entry.api_cache[language] = _book_out(entry, language)
    return {**cached, "html_url": absolute_url(entry.url, request)}


def _book_out(entry: Entry, language: str) -> dict:
    with translation.override(language):
        return {
            "id": entry.id, "list_no": entry.list_no, "title": entry.title, "original_title": entry.original_title,
            "authors": [{"id": author_id, "name": name} for author_id, name, _key in entry.authors],
            "translators": entry.translators, "period": entry.period, "period_label": str(label(PERIODS, entry.period)),
            "literature": entry.literature, "genres": list(entry.genres),
            "genre_labels": [str(label(GENRES, code)) for code in entry.genres],
            "grade_min": entry.grade_min, "grade_max": entry.grade_max, "grades": entry.grades,
            "original_language": entry.language, "original_language_label": language_name(entry.language, language),
            "publisher": entry.publisher, "year": entry.year, "isbn": entry.isbn,
            "edition_added": entry.edition_added, "edition_removed": entry.edition_removed,
            "locale": language,
        }


@router.get("/", response=BookListOut, url_name="books_list", summary="List and filter the recommended books", operation_id="books_list")
def list_books(request, filters: BookFilters = Query(...)):
    """Live books of one language, filtered like the list page; `facets` counts each value under the other filters."""
    language = _language(filters.locale)
    if filters.sort not in SORTS:
        raise HttpError(400, f"unknown sort {filters.sort!r}; use one of: {', '.join(SORTS)}")
    params = {name: getattr(filters, name) for name in ("period", "literature", "genre", "grades", "language")}
    params["edition"] = [filters.edition] if filters.edition else []
    params["search"] = [filters.search] if filters.search else []
    params["author"] = [str(filters.author)] if filters.author is not None else []
    try:
        parsed = parse_filters(lambda name: params.get(name, []))
    except FilterError as problem:
        raise HttpError(400, str(problem)) from None
    books = snapshot(language)
    result = books.query(parsed)
    entries = books.sorted_entries(result["entries"], filters.sort)
    window = entries[filters.offset:filters.offset + filters.limit]
    facets = {name: {str(code): count for code, count in values.items()} for name, values in result["facets"].items()}
    with translation.override(language):
        facet_labels = {
            "period": {code: str(text) for code, text in PERIODS},
            "literature": {code: str(text) for code, text in LITERATURES},
            "genre": {code: str(text) for code, text in GENRES},
            "language": {code: language_name(code, language) for code in facets.get("language", {})},
        }
    data = {
        "count": len(entries), "limit": filters.limit, "offset": filters.offset, "locale": language, "facets": facets,
        "facet_labels": facet_labels,
        "items": [book_out(request, entry, language) for entry in window],
    }
    # The data is built from typed snapshot entries and matches BookListOut (the documented schema, which a test
    # validates against); it is written out directly rather than re-validated field by field on every request.
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


class ShareOut(Schema):
    code: str
    label: str
    count: int
    percent: float
    target: float


class CompositionOut(Schema):
    locale: str
    total: int
    period: list[ShareOut]
    literature: list[ShareOut]


@router.get("/composition/", response=CompositionOut, url_name="books_composition", summary="Shares of the current list beside the programme's targets", operation_id="books_composition")
def composition(request, locale: str = "kk"):
    language = _language(locale)
    with translation.override(language):
        data = composition_data(language)
    return {"locale": language, **data}


@router.get("/{book_id}/", response=BookDetailOut, url_name="books_detail", summary="One book with its annotation", operation_id="books_detail")
def book_detail(request, book_id: int):
    for language in LANGUAGE_CODES:
        books = snapshot(language)
        entry = books.by_id.get(book_id)
        if entry is not None:
            data = book_out(request, entry, language)
            translations = {}
            for other in LANGUAGE_CODES:
                twin = snapshot(other).by_key.get(entry.translation_key)
                if twin is not None:
                    translations[other] = twin.id
            return {**data, "annotation": sanitise_rich_text(entry.annotation), "annotation_text": entry.annotation_text, "translations": translations}
    raise HttpError(404, f"no live book with id {book_id}")
