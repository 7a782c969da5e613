"""Template tags of the public site (language switcher, hreflang alternates, breadcrumbs) and the CSP nonce."""

from django import template
from django.conf import settings
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Length, Substr
from django.template.defaulttags import querystring as django_querystring
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, PageViewRestriction

from content_models.home.context_processors import navigation_for_language
from portal.csp import csp_nonce as current_csp_nonce
from portal.links import absolute_url
from portal.query_reads import carried_params

register = template.Library()


# Query parameters whose values are ids of translatable snippets: the other language has its own id for the same
# thing (its translation, found by translation_key). Every other parameter (codes, slugs, page, sort, q) is shared.
TRANSLATED_ID_PARAMETERS = {"author": "content_models.Author"}


def _translated_ids(request, languages) -> dict:
    """{language: {parameter: {old id: new id}}} for the id-valued parameters of the request's query string."""
    from django.apps import apps

    mapped = {code: {} for code in languages}
    for name, model_label in TRANSLATED_ID_PARAMETERS.items():
        ids = [value for value in request.GET.getlist(name) if value.isdigit() and len(value) <= 18]  # fits a bigint
        if not ids:
            continue
        model = apps.get_model(model_label)
        keys = dict(model.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
        by_key = {
            (key, code): pk
            for pk, key, code in model.objects.filter(translation_key__in=keys.values(), locale__language_code__in=languages)
            .values_list("pk", "translation_key", "locale__language_code")
        }
        for code in languages:
            mapped[code][name] = {str(pk): by_key.get((key, code)) for pk, key in keys.items()}
    return mapped


def _state_suffix(request, page_url: str, code: str, id_maps: dict) -> str:
    """The part of the visitor's state to carry over: the sub-route below the page (``month/2026/10/``) and the
    query string, with locale-specific ids replaced by those of the other language's translation."""
    if request is None:
        return ""
    suffix = ""
    if page_url and request.path.startswith(page_url) and request.path != page_url:
        suffix = request.path[len(page_url):]
    params = carried_params(request)
    for name, ids in id_maps.get(code, {}).items():
        values = [str(ids[value]) for value in params.getlist(name) if ids.get(value)]
        if values:
            params.setlist(name, values)
        else:
            params.pop(name, None)  # no translation of that author: the list without the filter
            params.pop("page", None)
    query = params.urlencode()
    return suffix + (f"?{query}" if query else "")


def _language_links(request, page):
    current = translation.get_language()
    by_locale = {}
    if isinstance(page, Page) and page.pk:
        # Only translations a visitor may open (and the page itself): a restricted one's address (its slug) says
        # what it is about. The restrictions are looked up in the same query (a restriction on the page or above).
        restricted = Exists(PageViewRestriction.objects.filter(page__path=Substr(OuterRef("path"), 1, Length("page__path"))))
        translations = page.get_translations(inclusive=True).live().exclude(restricted, ~Q(pk=page.pk))
        for translated in translations.select_related("locale"):
            by_locale[translated.locale.language_code] = translated.get_url(request)
    current_page_url = by_locale.get(current)
    id_maps = _translated_ids(request, [code for code, _name in settings.LANGUAGES]) if by_locale and request else {}
    links = []
    for code, name in settings.LANGUAGES:
        url = by_locale.get(code)
        has_translation = url is not None
        if url is not None and current_page_url:
            url += _state_suffix(request, current_page_url, code, id_maps)
        if url is None and request is not None and not isinstance(page, Page):
            # A view outside the page tree (search): the same view in the other language with the same query,
            # re-encoded from the decoded parameters (the raw WSGI query string is Latin-1 text: a Cyrillic
            # query would come out garbled).
            path = translate_url(request.path, code)
            has_translation = path != request.path or code == current
            query = carried_params(request).urlencode()
            url = f"{path}?{query}" if query else path
        if url is None:
            home = navigation_for_language(code, request)["home"]
            url = home["url"] if home else f"/{code}/"
        links.append({"code": code, "name": name, "url": url, "current": code == current, "translated": has_translation})
    return links


@register.simple_tag(takes_context=True)
def querystring(context, query_dict=None, **kwargs):
    """Django's ``{% querystring %}`` (pagination links), keeping only the parameters the page reads by default
    (portal/query_reads.py): a tracking or unknown parameter of the address is not carried to the next page."""
    if query_dict is None and context.get("request") is not None:
        query_dict = carried_params(context["request"])
    return django_querystring(context, query_dict, **kwargs)


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: this page's translation in the same state (sub-route, filters, sort, page), or that
    language's home page when there is none. The hreflang alternates use the same links: each state is its own
    URL, and its equivalent in another language is that language's page in the same state."""
    cache_key = "_portal_language_links"
    if cache_key not in context.render_context:
        context.render_context[cache_key] = _language_links(context.get("request"), context.get("page"))
    return context.render_context[cache_key]


@register.simple_tag(takes_context=True)
def breadcrumbs(context):
    """Ancestors of the current page from the locale's home page down, excluding the page itself."""
    page = context.get("page")
    if not isinstance(page, Page) or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gte=2).live().specific(defer=True))


@register.filter
def absolute(url, request):
    return absolute_url(url, request)


@register.simple_tag
def csp_nonce():
    """The Content-Security-Policy nonce of the response being written, for an inline script's nonce attribute
    (Wagtail's admin panels; public pages have no inline script)."""
    return current_csp_nonce()
