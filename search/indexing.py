"""Keeping the search indexes in step with publishing, and deferring them during bulk imports.

Two indexes are kept: Wagtail's own (the admin's search, through modelsearch) and the portal's
(``search.models.SearchDocument``, and Elasticsearch when configured). The portal index is rebuilt from the
database for every page a publish, unpublish, move, deletion or privacy change touches, in the same
transaction, so it never holds a draft, an unpublished revision or a private page: what is indexed is read
back from the live rows, not from the object being saved. The objects of the sources that the content apps
register (``search.registry``) are refreshed when saved or deleted, with the documents that show their text.
"""

import threading
from collections import defaultdict
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete
from modelsearch.backends import get_search_backends
from modelsearch.index import class_is_indexed, get_indexed_models
from modelsearch.signal_handlers import post_save_signal_handler
from wagtail.models import Page, PageViewRestriction
from wagtail.signal_handlers import disable_reference_index_auto_update
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import registry
from .backends import writing_backends
from .models import SearchDocument, bump_index_version
from .rebuild import rebuild
from .sources import Addresses, _blocked_paths, page_documents

__all__ = ["deferred_indexing", "note_saved", "rebuild", "refresh_objects", "refresh_pages", "connect_signals"]

_state = threading.local()


def _collect_saved(sender, instance, **kwargs):
    collected = getattr(_state, "collected", None)
    if collected is not None and not kwargs.get("raw"):
        collected[sender].add(instance.pk)


def note_saved(model, pks) -> None:
    """Objects written without post_save (bulk_create) that the enclosing deferred_indexing block must index."""
    collected = getattr(_state, "collected", None)
    if collected is not None:
        collected[model].update(pks)
    else:
        index_objects(model, pks)


@contextmanager
def deferred_indexing():
    """Within this block saves do not update the search or reference index one by one; the saved objects are
    indexed in bulk when the block ends (and not at all if it raises, so nothing half-written gets indexed)."""
    if getattr(_state, "collected", None) is not None:  # nested: the outer block indexes
        yield
        return
    indexed = [model for model in get_indexed_models() if getattr(model, "search_auto_update", True)]
    _state.collected = defaultdict(set)
    post_save.connect(_collect_saved, dispatch_uid="portal-deferred-indexing")
    for model in indexed:
        post_save.disconnect(post_save_signal_handler, sender=model)
    try:
        with disable_reference_index_auto_update():
            yield
        collected = _state.collected
    finally:
        for model in indexed:
            post_save.connect(post_save_signal_handler, sender=model)
        post_save.disconnect(_collect_saved, dispatch_uid="portal-deferred-indexing")
        _state.collected = None
    for model, pks in collected.items():
        if class_is_indexed(model) and pks:
            index_objects(model, pks)
    portal_refresh_collected(collected)


INDEX_CHUNK = 100  # SQLite refuses very large statements ("Expression tree is too large")


def index_objects(model, pks) -> None:
    """Add objects to every auto-updated search backend, in chunks."""
    backends = list(get_search_backends(with_auto_update=True))
    queryset = model.get_indexed_objects() if hasattr(model, "get_indexed_objects") else model._default_manager.all()
    pks = sorted(pks)
    for start in range(0, len(pks), INDEX_CHUNK):
        objects = list(queryset.filter(pk__in=pks[start:start + INDEX_CHUNK]))
        for backend in backends:
            backend.add_bulk(model, objects)


# ---------------------------------------------------------------- the portal index
def _deferred():
    return getattr(_state, "collected", None)


def portal_refresh_collected(collected) -> None:
    """Refresh the portal index for the pages and the sources' objects saved inside a deferred block."""
    page_ids, objects = set(), defaultdict(set)
    for model, pks in collected.items():
        if issubclass(model, Page):
            page_ids.update(pks)
        elif (source := registry.object_source(model)) is not None:
            objects[source.name].update(pks)
    if page_ids:
        refresh_pages(page_ids)
    for name, ids in objects.items():
        refresh_objects(name, ids, with_dependants=True)


def _write(docs, stale) -> None:
    for backend in writing_backends():
        backend.index(docs)
        backend.delete(stale)


def _refresh_dependants(dependants: dict) -> None:
    """Re-read the documents that show the text of what was just refreshed (not their dependants in turn)."""
    for name, ids in dependants.items():
        if registry.get_source(name).for_pages:
            refresh_pages(ids, with_dependants=False)
        else:
            refresh_objects(name, ids)


def refresh_pages(page_ids, *, with_dependants=True) -> None:
    """Re-read the given pages and their translations from the database and update the portal index:
    documents for the ones that are live and public, none for the rest. The pages of a source's model are
    built by the source; ``with_dependants`` also refreshes what shows their text (a book's authors)."""
    page_ids = set(page_ids)
    if not page_ids:
        return
    keys = set(Page.objects.filter(pk__in=page_ids).values_list("translation_key", flat=True))
    rows = list(Page.objects.filter(translation_key__in=keys).values_list("id", "content_type_id")) if keys else []
    all_ids = page_ids | {row[0] for row in rows}
    sources = registry.page_sources()
    by_type = {ContentType.objects.get_for_model(source.model).pk: source.name for source in sources}
    by_source = defaultdict(set)
    for page_id, type_id in rows:
        if type_id in by_type:
            by_source[by_type[type_id]].add(page_id)
    other_ids = all_ids - set().union(*by_source.values())
    blocked, addresses = _blocked_paths(), Addresses()
    docs = []
    for source in sources:
        if by_source.get(source.name):
            docs += source.documents(by_source[source.name], blocked, addresses)
    docs += page_documents(other_ids, blocked, addresses) if other_ids else []
    stale = {f"page:{page_id}" for page_id in all_ids} - {doc.key for doc in docs}
    _write(docs, stale)
    if with_dependants:
        for source in sources:
            if by_source.get(source.name) and source.dependants:
                _refresh_dependants(source.dependants(by_source[source.name]))
    _bump()


def refresh_objects(name: str, ids, *, with_dependants=False) -> None:
    """Update the documents of these objects of a source (and of their translations); ``with_dependants`` also
    re-reads the documents that show their text (the books that name an author)."""
    source = registry.get_source(name)
    ids = set(ids)
    if not ids:
        return
    all_ids = source.translations(ids) if source.translations else ids
    docs = source.documents(all_ids, None, None)
    _write(docs, {source.key(object_id) for object_id in all_ids} - {doc.key for doc in docs})
    if with_dependants and source.dependants:
        _refresh_dependants(source.dependants(all_ids))
    _bump()


def refresh_subtree(page) -> None:
    """A page and everything under it (after a move or a change of its privacy or address)."""
    ids = list(Page.objects.filter(path__startswith=page.path).values_list("id", flat=True))
    for start in range(0, len(ids), 2000):
        refresh_pages(ids[start:start + 2000])


def _bump() -> None:
    bump_index_version()


def _stored_url(page_id):
    return SearchDocument.objects.filter(key=f"page:{page_id}").values_list("url", flat=True).first()


def _has_children(page_id) -> Page | None:
    """The page as the database has it now, when it has pages under it (the signal's object may be stale: its
    ``numchild`` is not updated when pages are added below through other objects)."""
    page = Page.objects.filter(pk=page_id).only("path", "depth").first()
    if page is not None and Page.objects.filter(path__startswith=page.path, depth__gt=page.depth).exists():
        return page
    return None


def _on_publish(sender, instance, **kwargs):
    if _deferred() is not None:
        _deferred()[type(instance)].add(instance.pk)
        return
    parent = _has_children(instance.pk)
    before = _stored_url(instance.pk) if parent else None
    refresh_pages([instance.pk])
    if parent and _stored_url(instance.pk) != before:
        refresh_subtree(parent)  # first publish, or a new slug: the pages under it moved too


def _on_unpublish(sender, instance, **kwargs):
    if _deferred() is not None:
        _deferred()[type(instance)].add(instance.pk)
        return
    parent = _has_children(instance.pk)
    if parent:
        refresh_subtree(parent)  # everything below is unreachable now, and their translations lose their titles
    else:
        refresh_pages([instance.pk])


def _on_move(sender, instance, **kwargs):
    refresh_subtree(instance)


def _on_page_pre_delete(sender, instance, **kwargs):
    """Remember what shows the page's text (a book's authors): after the deletion it is no longer linked."""
    dependants = defaultdict(set)
    for source in registry.page_sources():
        if source.dependants:
            for name, ids in source.dependants({instance.pk}).items():
                dependants[name].update(ids)
    instance._portal_search_dependants = dependants


def _on_page_delete(sender, instance, **kwargs):
    """Drop the page's document; its translations carried its title (and the authors their book count)."""
    for backend in writing_backends():
        backend.delete([f"page:{instance.pk}"])
    twins = set(Page.objects.filter(translation_key=instance.translation_key).exclude(pk=instance.pk).values_list("id", flat=True))
    if twins:
        refresh_pages(twins, with_dependants=False)
    _refresh_dependants(getattr(instance, "_portal_search_dependants", {}))
    _bump()


def _on_restriction(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        refresh_subtree(page)


def _on_object_saved(sender, instance, **kwargs):
    """An object of a source saved: its documents and what shows its text; a watched object: its pages."""
    if kwargs.get("raw") or _deferred() is not None:
        return  # a deferred block collects it (objects of sources) or leaves it (watched objects)
    source = registry.object_source(sender)
    if source is not None:
        refresh_objects(source.name, [instance.pk], with_dependants=True)
    watchers = registry.watchers(sender)
    if watchers:
        page_ids = set()
        for pages in watchers:
            page_ids.update(pages(instance))
        if page_ids:
            refresh_pages(page_ids)


def _on_object_deleted(sender, instance, **kwargs):
    source = registry.object_source(sender)
    if source is None:
        return
    for backend in writing_backends():
        backend.delete([source.key(instance.pk)])
    _bump()


def connect_signals() -> None:
    page_published.connect(_on_publish, dispatch_uid="portal-search-published")
    page_unpublished.connect(_on_unpublish, dispatch_uid="portal-search-unpublished")
    post_page_move.connect(_on_move, dispatch_uid="portal-search-moved")
    pre_delete.connect(_on_page_pre_delete, sender=Page, dispatch_uid="portal-search-page-pre-delete")
    post_delete.connect(_on_page_delete, sender=Page, dispatch_uid="portal-search-page-deleted")
    for model in (PageViewRestriction,):
        post_save.connect(_on_restriction, sender=model, dispatch_uid="portal-search-restriction-saved")
        post_delete.connect(_on_restriction, sender=model, dispatch_uid="portal-search-restriction-deleted")
    # The sources and watchers are looked up when an object is saved, so they may be registered at any time.
    post_save.connect(_on_object_saved, dispatch_uid="portal-search-object-saved")
    post_delete.connect(_on_object_deleted, dispatch_uid="portal-search-object-deleted")
