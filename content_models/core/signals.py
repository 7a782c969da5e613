"""Counting changes that visitors can see: the navigation, the page cache and the book-list snapshot use them.

Every publish, unpublish, move or delete of a page, and every change to a snippet, an image, a document, a view
restriction or a site bumps the "site" version; changes that touch the book list also bump "books". The versions
live in the database, so every worker process sees the same numbers.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, post_page_move

from content_models.core.versions import bump_version, current_version

# Counters of the domains beside "site": the page classes whose changes bump each, and the models (snippets) whose
# saves and deletes do. The domains register theirs when the app is ready (see count_page_changes).
_page_counters: list[tuple[tuple[type, ...], str]] = []
_counted_models: set[type] = set()


def _bump(*keys):
    bump_version(*keys)


def count_page_changes(page_classes: tuple[type, ...], key: str):
    """Publishing, unpublishing, moving or deleting a page of these classes bumps ``key`` as well as "site"."""
    _page_counters.append((tuple(page_classes), key))


def count_model_changes(model: type, key: str):
    """Saving or deleting a ``model`` bumps ``key`` and "site" (and no longer counts as a plain site change)."""
    _counted_models.add(model)
    post_save.connect(_model_event(key), sender=model, weak=False, dispatch_uid=f"portal-version-{key}-{model.__name__}-saved")
    post_delete.connect(_model_event(key), sender=model, weak=False, dispatch_uid=f"portal-version-{key}-{model.__name__}-deleted")


def _model_event(key: str):
    def handler(sender, instance=None, **kwargs):
        _bump(key, "site")

    return handler


def _page_event(sender, instance, **kwargs):
    page_class = getattr(instance, "specific_class", None) or type(instance)
    for classes, key in _page_counters:
        if page_class is not None and issubclass(page_class, classes):
            _bump(key, "site")
            return
    _bump("site")


def _site_event(sender, instance=None, **kwargs):
    _bump("site")


def _books_event(sender, instance=None, **kwargs):
    _bump("books", "site")


def nav_version(request=None) -> int:
    version = getattr(request, "portal_site_version", None)
    if version is None:
        version = current_version("site")
    return version


def connect_signals():
    from wagtail.models import Page, PageViewRestriction

    page_published.connect(_page_event, dispatch_uid="portal-version-published")
    page_unpublished.connect(_page_event, dispatch_uid="portal-version-unpublished")
    post_page_move.connect(_page_event, dispatch_uid="portal-version-moved")
    post_delete.connect(_page_event, sender=Page, dispatch_uid="portal-version-page-deleted")
    for model in (PageViewRestriction,):
        post_save.connect(_books_event, sender=model, dispatch_uid=f"portal-version-{model.__name__}-saved")
        post_delete.connect(_books_event, sender=model, dispatch_uid=f"portal-version-{model.__name__}-deleted")
    post_save.connect(_any_model_event, dispatch_uid="portal-version-any-saved")
    post_delete.connect(_any_model_event, dispatch_uid="portal-version-any-deleted")


def _site_models() -> set:
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.models import Locale, Site
    from wagtail.snippets.models import get_snippet_models

    # Snippets are registered by wagtail_hooks, possibly after this app's ready(): look them up at save time.
    return {Site, Locale, get_image_model(), get_document_model(), *get_snippet_models()} - _counted_models


def _any_model_event(sender, instance=None, **kwargs):
    if kwargs.get("raw"):
        return
    if sender in _site_models():
        _bump("site")
