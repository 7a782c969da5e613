"""`/api/v3/search/`: the portal search and the autocomplete of titles and authors, anonymous and read-only."""

from django.conf import settings
from django.http import JsonResponse
from django.utils import translation
from ninja import Query, Router, Schema
from ninja.decorators import decorate_view
from ninja.errors import HttpError
from pydantic import Field

from portal.links import absolute_url
from portal.ratelimit import rate_limited

from .queries import KINDS, QueryError, autocomplete, search_pages
from .terms import MAX_QUERY_LENGTH
from .views import KIND_NAMES

router = Router(tags=["search"])
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


class SearchItemOut(Schema):
    type: str = Field(description=f"one of: {', '.join(KINDS)}")
    type_label: str
    id: int = Field(description="page id (author id for authors)")
    locale: str
    title: str
    title_html: str = Field(description="the title, HTML-escaped, with matching words in <mark>")
    subtitle: str
    html_url: str
    snippet: str = Field(description="the best matching passage, HTML-escaped, matching words in <mark>")
    score: float
    date: str | None = Field(None, description="start date of events and exhibitions (ISO)")


class SearchOut(Schema):
    query: str
    locale: str
    count: int
    limit: int
    offset: int
    facets: dict[str, int] = Field(description="results in this language by type")
    other_locales: dict[str, int] = Field(description="results of the same search in the other languages")
    partial: bool = Field(description="no result had every word; these have some of them")
    suggestion: str | None = Field(None, description='"did you mean": a corrected query that finds something')
    items: list[SearchItemOut]


class AutocompleteItemOut(Schema):
    type: str
    type_label: str
    id: int
    title: str
    title_html: str
    subtitle: str
    url: str
    html_url: str


class AutocompleteOut(Schema):
    query: str
    locale: str
    items: list[AutocompleteItemOut]


Q_DOC = f"the search words, 1 to {MAX_QUERY_LENGTH} characters, in any spelling"


class SearchParams(Schema):
    q: str = Field(..., description=Q_DOC, min_length=1, max_length=MAX_QUERY_LENGTH)
    type: list[str] = Field([], description=f"restrict to types (repeat or comma-separate): {', '.join(KINDS)}")
    locale: str = Field("kk", description="kk, ru or en")
    limit: int = Field(10, description="1 to 50", ge=1, le=50)
    offset: int = Field(0, description="0 to 1000", ge=0, le=1000)


def _language(code: str) -> str:
    if code not in LANGUAGE_CODES:
        raise HttpError(400, f"unknown locale {code!r}; use one of: {', '.join(LANGUAGE_CODES)}")
    return code


def _query(q: str) -> str:
    text = (q or "").strip()
    if not text:
        raise HttpError(400, "q is required: the words to search for")
    return text


def _kinds(values) -> list[str]:
    kinds = [part.strip() for value in values for part in str(value).split(",") if part.strip()]
    unknown = [kind for kind in kinds if kind not in KINDS]
    if unknown:
        raise HttpError(400, f"unknown type(s): {', '.join(unknown)}; use: {', '.join(KINDS)}")
    return kinds


def _type_labels(language: str) -> dict[str, str]:
    with translation.override(language):
        return {kind: str(label) for kind, label in KIND_NAMES.items()}


@router.get("/", response=SearchOut, url_name="search", summary="Search the portal", operation_id="search")
@decorate_view(rate_limited("search"))
def search(request, params: SearchParams = Query(...)):
    """Books, authors, guidelines, digests, events, exhibitions, videos and pages that are live and public, in
    one language, best first. Every spelling is understood: Kazakh, Russian or English, Cyrillic or Latin
    (2021 or 2018 alphabet, plain ASCII), inflected forms and one typo in a word of five letters or more."""
    language = _language(params.locale)
    text = _query(params.q)
    kinds = _kinds(params.type)
    try:
        results = search_pages(query=text, locale=language, types=kinds, limit=params.limit, offset=params.offset)
    except QueryError as problem:
        raise HttpError(400, str(problem)) from None
    labels = _type_labels(language)
    data = {
        "query": results.query, "locale": language, "count": results.total, "limit": results.limit,
        "offset": results.offset, "facets": results.facets, "other_locales": results.other_locales,
        "partial": results.partial, "suggestion": results.suggestion,
        "items": [
            {
                "type": hit.kind, "type_label": labels.get(hit.kind, hit.kind), "id": hit.id, "locale": hit.locale,
                "title": hit.title, "title_html": hit.title_html, "subtitle": hit.subtitle,
                "html_url": absolute_url(hit.url, request), "snippet": hit.snippet, "score": hit.score,
                "date": hit.date.isoformat() if hit.date else None,
            }
            for hit in results.hits
        ],
    }
    # Built from typed results in the documented shape (a test validates responses against the schema).
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})


@router.get("/autocomplete/", response=AutocompleteOut, url_name="search_autocomplete", summary="Titles and authors as you type", operation_id="search_autocomplete")
@decorate_view(rate_limited("autocomplete"))
def search_autocomplete(
    request,
    q: str = Query(..., description=Q_DOC, min_length=1, max_length=MAX_QUERY_LENGTH),
    locale: str = Query("kk", description="kk, ru or en"),
    limit: int = Query(8, description="1 to 20", ge=1, le=20),
):
    """Up to `limit` (1–20) books and authors whose titles or names begin like `q`; the last word may be
    typed in part («Абай жо», «abai zh»)."""
    language = _language(locale)
    text = _query(q)
    try:
        hits = autocomplete(query=text, locale=language, limit=limit)
    except QueryError as problem:
        raise HttpError(400, str(problem)) from None
    labels = _type_labels(language)
    data = {
        "query": text, "locale": language,
        "items": [
            {
                "type": hit.kind, "type_label": labels.get(hit.kind, hit.kind), "id": hit.id, "title": hit.title,
                "title_html": hit.title_html, "subtitle": hit.subtitle, "url": hit.url,
                "html_url": absolute_url(hit.url, request),
            }
            for hit in hits
        ],
    }
    return JsonResponse(data, json_dumps_params={"ensure_ascii": False})
