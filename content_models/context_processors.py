"""Template context shared by every public page: the locale's home page and the main navigation."""

from django.core.cache import cache
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from wagtail.models import Locale

from .signals import nav_version


def navigation_for_language(language_code: str, request=None) -> dict:
    """Home page and its menu children for a language, cached until the next publish."""
    key = f"portal:nav:{language_code}:{nav_version(request)}"
    data = cache.get(key)
    if data is None:
        from .home import HomePage

        home = None
        try:
            locale = Locale.objects.get(language_code=language_code)
            home = HomePage.objects.live().filter(locale=locale).first()
        except Locale.DoesNotExist:
            pass
        if home is None:
            home = HomePage.objects.live().filter(locale__language_code="kk").first()
        items = []
        if home is not None:
            for child in home.get_children().live().public().in_menu():
                items.append({"title": child.title, "url": child.url, "path": child.url_path, "id": child.pk})
        data = {
            "home": {"title": home.title, "url": home.url, "id": home.pk} if home else None,
            "items": items,
        }
        cache.set(key, data, 3600)
    return data


def portal(request):
    return {"portal_nav": SimpleLazyObject(lambda: navigation_for_language(translation.get_language() or "kk", request))}
