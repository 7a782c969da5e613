"""Template context shared by every public page: the locale's home page, the main navigation and the footer's
information pages."""

from django.core.cache import cache
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from wagtail.models import Locale

from content_models.core.signals import nav_version
from content_models.home.models import HomePage, StandardPage


def navigation_for_language(language_code: str, request=None) -> dict:
    """Home page and its menu children for a language, cached until the next publish."""
    key = f"portal:nav:{language_code}:{nav_version(request)}"
    data = cache.get(key)
    if data is None:
        home = None
        try:
            locale = Locale.objects.get(language_code=language_code)
            home = HomePage.objects.live().filter(locale=locale).first()
        except Locale.DoesNotExist:
            pass
        if home is None:
            home = HomePage.objects.live().filter(locale__language_code="kk").first()
        items, information = [], []
        if home is not None:
            # One query for both: the menu (children shown in menus) and the footer (information pages not in it).
            for child in home.get_children().live().public().select_related("content_type"):
                entry = {"title": child.title, "url": child.url, "path": child.url_path, "id": child.pk}
                if child.show_in_menus:
                    items.append(entry)
                elif child.content_type.model_class() is StandardPage:
                    information.append(entry)
        data = {
            "home": {"title": home.title, "url": home.url, "id": home.pk} if home else None,
            "items": items,
            "information": information,
        }
        cache.set(key, data, 3600)
    return data


def portal(request):
    return {"portal_nav": SimpleLazyObject(lambda: navigation_for_language(translation.get_language() or "kk", request))}
