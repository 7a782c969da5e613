"""Keeps cached navigation in step with publishing."""

from django.core.cache import cache
from django.db.models.signals import post_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

NAV_VERSION_KEY = "portal:nav-version"


def nav_version() -> int:
    version = cache.get(NAV_VERSION_KEY)
    if version is None:
        version = 1
        cache.set(NAV_VERSION_KEY, version, None)
    return version


def bump_nav_version(**kwargs):
    try:
        cache.incr(NAV_VERSION_KEY)
    except ValueError:
        cache.set(NAV_VERSION_KEY, 2, None)


page_published.connect(bump_nav_version, dispatch_uid="portal-nav-published")
page_unpublished.connect(bump_nav_version, dispatch_uid="portal-nav-unpublished")
post_page_move.connect(bump_nav_version, dispatch_uid="portal-nav-moved")


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        bump_nav_version()


post_delete.connect(_page_deleted, dispatch_uid="portal-nav-deleted")


def _bump_catalogue(sender=None, instance=None, **kwargs):
    from .books.catalogue import bump_catalogue_version

    bump_catalogue_version()


def _page_event(sender, instance, **kwargs):
    from .books.models import BookListPage, BookPage

    page_class = getattr(instance, "specific_class", None) or type(instance)
    if issubclass(page_class, BookPage | BookListPage):
        from .books.catalogue import bump_catalogue_version

        bump_catalogue_version()


def _restriction_changed(sender, instance, **kwargs):
    from .books.catalogue import bump_catalogue_version

    bump_catalogue_version()


def _connect_catalogue_signals():
    from django.db.models.signals import post_save
    from wagtail.models import PageViewRestriction

    from .books.models import Author, BookPage

    page_published.connect(_page_event, dispatch_uid="portal-catalogue-published")
    page_unpublished.connect(_page_event, dispatch_uid="portal-catalogue-unpublished")
    post_page_move.connect(_page_event, dispatch_uid="portal-catalogue-moved")
    post_delete.connect(_bump_catalogue, sender=BookPage, dispatch_uid="portal-catalogue-deleted")
    post_save.connect(_bump_catalogue, sender=Author, dispatch_uid="portal-catalogue-author-saved")
    post_delete.connect(_bump_catalogue, sender=Author, dispatch_uid="portal-catalogue-author-deleted")
    post_save.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="portal-catalogue-restriction-saved")
    post_delete.connect(_restriction_changed, sender=PageViewRestriction, dispatch_uid="portal-catalogue-restriction-deleted")


_connect_catalogue_signals()
