"""The results page, /<language>/search/?q=: one box over the whole portal, filterable by kind."""

from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.ratelimit import rate_limited

from .queries import KINDS, QueryError, search_pages
from .terms import MAX_QUERY_LENGTH

PER_PAGE = 10
MAX_PAGES = 50

KIND_LABELS = {
    "book": gettext_lazy("Books"),
    "author": gettext_lazy("Authors"),
    "guideline": gettext_lazy("Guidelines"),
    "digest": gettext_lazy("Digests and indexes"),
    "event": gettext_lazy("Events"),
    "exhibition": gettext_lazy("Exhibitions"),
    "video": gettext_lazy("Videos"),
    "page": gettext_lazy("Pages"),
}
KIND_NAMES = {
    "book": gettext_lazy("Book"),
    "author": gettext_lazy("Author"),
    "guideline": gettext_lazy("Guideline"),
    "digest": gettext_lazy("Digest"),
    "event": gettext_lazy("Event"),
    "exhibition": gettext_lazy("Exhibition"),
    "video": gettext_lazy("Video"),
    "page": gettext_lazy("Page"),
}


def _url(language: str, **params) -> str:
    with translation.override(language):
        base = reverse("search")
    query = urlencode({key: value for key, value in params.items() if value not in (None, "", 1)})
    return f"{base}?{query}" if query else base


@rate_limited("search")
def search_view(request):
    language = translation.get_language()
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("type", "").strip()
    try:
        number = max(1, min(int(request.GET.get("page", "1")), MAX_PAGES))
    except ValueError:
        number = 1
    context = {"query": query, "kind": kind, "max_length": MAX_QUERY_LENGTH, "results": None, "error": ""}
    status = 200
    if kind and kind not in KINDS:
        context["error"] = _("There is no such kind of result; showing all kinds.")
        kind = context["kind"] = ""
        status = 400
    if query:
        try:
            results = search_pages(query=query, locale=language, types=[kind] if kind else (), limit=PER_PAGE, offset=(number - 1) * PER_PAGE)
        except QueryError:
            results = None
            status = 400
            if len(query) > MAX_QUERY_LENGTH:
                context["error"] = _("The search text is too long: at most %(max)s characters, please.") % {"max": MAX_QUERY_LENGTH}
            else:
                context["error"] = _("Type a word to search for: letters or digits.")
        if results is not None:
            context.update(_results_context(results, language, query, kind, number))
    return TemplateResponse(request, "search/search_results.html", context, status=status)


def _results_context(results, language, query, kind, number) -> dict:
    all_count = sum(results.facets.values())
    tabs = [{"code": "", "label": _("All"), "count": all_count, "url": _url(language, q=query), "current": not kind}]
    for code in KINDS:
        count = results.facets.get(code, 0)
        if count or code == kind:
            tabs.append({"code": code, "label": KIND_LABELS[code], "count": count, "url": _url(language, q=query, type=code), "current": code == kind})
    pages = Paginator(range(min(results.total, MAX_PAGES * PER_PAGE)), PER_PAGE)
    page_obj = pages.get_page(number)
    names = dict(settings.LANGUAGES)
    others = [
        {"code": code, "name": names[code], "count": count, "url": _url(code, q=query, type=kind)}
        for code, count in results.other_locales.items()
    ]
    hits = [{"hit": hit, "kind_name": KIND_NAMES.get(hit.kind, hit.kind)} for hit in results.hits]
    return {
        "results": results,
        "hits": hits,
        "tabs": tabs,
        "page_obj": page_obj,
        "base_query": urlencode({key: value for key, value in (("q", query), ("type", kind)) if value}),
        "other_languages": others,
        "suggestion_url": _url(language, q=results.suggestion, type=kind) if results.suggestion else "",
    }
