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
