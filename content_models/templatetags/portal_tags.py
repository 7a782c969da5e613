"""Template tags of the public site: language switcher, hreflang alternates, breadcrumbs."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page

from portal.links import absolute_url

from content_models.context_processors import navigation_for_language

register = template.Library()


def _language_links(request, page):
    current = translation.get_language()
    by_locale = {}
    if isinstance(page, Page) and page.pk:
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            by_locale[translated.locale.language_code] = translated.get_url(request)
    links = []
    for code, name in settings.LANGUAGES:
        url = by_locale.get(code)
        has_translation = url is not None
        if url is None and request is not None and not isinstance(page, Page):
            url = translate_url(request.get_full_path(), code)
            has_translation = url != request.get_full_path() or code == current
        if url is None:
            home = navigation_for_language(code, request)["home"]
            url = home["url"] if home else f"/{code}/"
        links.append({"code": code, "name": name, "url": url, "current": code == current, "translated": has_translation})
    return links


@register.simple_tag(takes_context=True)
def language_links(context):
    """One link per language: this page's translation, or that language's home page when there is none."""
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
