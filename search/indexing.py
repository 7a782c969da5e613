"""Keeping the search indexes in step with publishing, and deferring them during bulk imports.

Two indexes are kept: Wagtail's own (the admin's search, through modelsearch) and the portal's
(``search.models.SearchDocument``, and Elasticsearch when configured). The portal index is rebuilt from the
database for every page a publish, unpublish, move, deletion or privacy change touches, in the same
transaction, so it never holds a draft, an unpublished revision or a private page: what is indexed is read
back from the live rows, not from the object being saved.
"""

import threading
from collections import defaultdict
from contextlib import contextmanager

from django.db.models.signals import post_save
from wagtail.signal_handlers import disable_reference_index_auto_update

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
    from modelsearch.backends import get_search_backends
    from modelsearch.index import class_is_indexed

    if getattr(_state, "collected", None) is not None:  # nested: the outer block indexes
        yield
        return
    from modelsearch.index import get_indexed_models
    from modelsearch.signal_handlers import post_save_signal_handler

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
    from modelsearch.backends import get_search_backends

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
    """Refresh the portal index for the pages and authors saved inside a deferred block."""
    from wagtail.models import Page

    from content_models.books.models import Author

    page_ids, author_ids = set(), set()
    for model, pks in collected.items():
        if issubclass(model, Page):
            page_ids.update(pks)
        elif issubclass(model, Author):
            author_ids.update(pks)
    if page_ids:
        refresh_pages(page_ids)
    if author_ids:
        refresh_authors(author_ids, with_books=True)


def refresh_pages(page_ids, *, with_authors=True) -> None:
    """Re-read the given pages and their translations from the database and update the portal index:
    documents for the ones that are live and public, none for the rest."""
    from wagtail.models import Page

    from content_models.books.models import BookAuthor, BookPage

    from .backends import writing_backends
    from .sources import Addresses, _blocked_paths, book_documents, page_documents

    page_ids = set(page_ids)
    if not page_ids:
        return
    keys = set(Page.objects.filter(pk__in=page_ids).values_list("translation_key", flat=True))
    rows = list(Page.objects.filter(translation_key__in=keys).values_list("id", "content_type_id")) if keys else []
    all_ids = page_ids | {row[0] for row in rows}
    from django.contrib.contenttypes.models import ContentType

    book_type = ContentType.objects.get_for_model(BookPage).pk
    book_ids = {page_id for page_id, type_id in rows if type_id == book_type}
    other_ids = all_ids - book_ids
    blocked, addresses = _blocked_paths(), Addresses()
    docs = book_documents(book_ids, blocked, addresses) if book_ids else []
    docs += page_documents(other_ids, blocked, addresses) if other_ids else []
    stale = {f"page:{page_id}" for page_id in all_ids} - {doc.key for doc in docs}
    for backend in writing_backends():
        backend.index(docs)
        backend.delete(stale)
    if with_authors and book_ids:
        author_ids = set(BookAuthor.objects.filter(page_id__in=book_ids).values_list("author_id", flat=True))
        refresh_authors(author_ids)
    _bump()


def refresh_authors(author_ids, *, with_books=False) -> None:
    """Update the documents of these authors (and their translations); ``with_books`` also re-reads the books
    that name any of them, whose author names are part of their documents."""
    from content_models.books.models import Author, BookAuthor

    from .backends import writing_backends
    from .sources import author_documents

    author_ids = set(author_ids)
    if not author_ids:
        return
    keys = set(Author.objects.filter(pk__in=author_ids).values_list("translation_key", flat=True))
    all_ids = author_ids | set(Author.objects.filter(translation_key__in=keys).values_list("id", flat=True))
    docs = author_documents(all_ids)
    stale = {f"author:{author_id}" for author_id in all_ids} - {doc.key for doc in docs}
    for backend in writing_backends():
        backend.index(docs)
        backend.delete(stale)
    if with_books:
        book_ids = set(BookAuthor.objects.filter(author_id__in=all_ids).values_list("page_id", flat=True))
        if book_ids:
            refresh_pages(book_ids, with_authors=False)
    _bump()


def refresh_subtree(page) -> None:
    """A page and everything under it (after a move or a change of its privacy or address)."""
    from wagtail.models import Page

    ids = list(Page.objects.filter(path__startswith=page.path).values_list("id", flat=True))
    for start in range(0, len(ids), 2000):
        refresh_pages(ids[start:start + 2000])


def _bump() -> None:
    from content_models.core.versions import bump_version

    bump_version("search")


def _stored_url(page_id):
    from .models import SearchDocument

    return SearchDocument.objects.filter(key=f"page:{page_id}").values_list("url", flat=True).first()


def _on_publish(sender, instance, **kwargs):
    if _deferred() is not None:
        _deferred()[type(instance)].add(instance.pk)
        return
    before = _stored_url(instance.pk) if instance.numchild else None
    refresh_pages([instance.pk])
    if instance.numchild and _stored_url(instance.pk) != before:
        refresh_subtree(instance)  # first publish, or a new slug: the pages under it moved too


def _on_unpublish(sender, instance, **kwargs):
    if _deferred() is not None:
        _deferred()[type(instance)].add(instance.pk)
        return
    if instance.numchild:
        refresh_subtree(instance)
    else:
        refresh_pages([instance.pk])


def _on_move(sender, instance, **kwargs):
    refresh_subtree(instance)


def _on_page_pre_delete(sender, instance, **kwargs):
    from content_models.books.models import BookAuthor

    instance._portal_search_authors = set(BookAuthor.objects.filter(page_id=instance.pk).values_list("author_id", flat=True))


def _on_page_delete(sender, instance, **kwargs):
    """Drop the page's document; its translations carried its title (and the authors their book count)."""
    from wagtail.models import Page

    from .backends import writing_backends

    for backend in writing_backends():
        backend.delete([f"page:{instance.pk}"])
    twins = set(Page.objects.filter(translation_key=instance.translation_key).exclude(pk=instance.pk).values_list("id", flat=True))
    if twins:
        refresh_pages(twins, with_authors=False)
    authors = getattr(instance, "_portal_search_authors", set())
    if authors:
        refresh_authors(authors)
    _bump()


def _on_restriction(sender, instance, **kwargs):
    from wagtail.models import Page

    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        refresh_subtree(page)


def _on_author(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    if _deferred() is not None:
        return  # collected by the deferred block's post_save collector
    refresh_authors([instance.pk], with_books=True)


def _on_author_delete(sender, instance, **kwargs):
    from .backends import writing_backends

    for backend in writing_backends():
        backend.delete([f"author:{instance.pk}"])
    _bump()


def _on_topic(sender, instance, **kwargs):
    if kwargs.get("raw") or _deferred() is not None:
        return
    page_ids = set()
    for relation in ("guideline_links", "video_links"):
        manager = getattr(instance, relation, None)
        if manager is not None:
            page_ids.update(manager.values_list("page_id", flat=True))
    if page_ids:
        refresh_pages(page_ids)


def connect_signals() -> None:
    from django.db.models.signals import post_delete, pre_delete
    from wagtail.models import Page, PageViewRestriction
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from content_models.books.models import Author
    from content_models.core.taxonomy import Topic

    page_published.connect(_on_publish, dispatch_uid="portal-search-published")
    page_unpublished.connect(_on_unpublish, dispatch_uid="portal-search-unpublished")
    post_page_move.connect(_on_move, dispatch_uid="portal-search-moved")
    pre_delete.connect(_on_page_pre_delete, sender=Page, dispatch_uid="portal-search-page-pre-delete")
    post_delete.connect(_on_page_delete, sender=Page, dispatch_uid="portal-search-page-deleted")
    for model in (PageViewRestriction,):
        post_save.connect(_on_restriction, sender=model, dispatch_uid="portal-search-restriction-saved")
        post_delete.connect(_on_restriction, sender=model, dispatch_uid="portal-search-restriction-deleted")
    post_save.connect(_on_author, sender=Author, dispatch_uid="portal-search-author-saved")
    post_delete.connect(_on_author_delete, sender=Author, dispatch_uid="portal-search-author-deleted")
    post_save.connect(_on_topic, sender=Topic, dispatch_uid="portal-search-topic-saved")


def rebuild(progress=None) -> dict:
    """Rebuild the portal index from scratch: the database index in one transaction and, when configured, a
    new Elasticsearch index that replaces the old one only once it is complete."""
    from django.db import transaction

    from .backends import database_backend, elasticsearch_backend
    from .sources import all_documents

    database, es = database_backend(), elasticsearch_backend()
    target = es.begin_rebuild() if es is not None else None
    total = 0
    try:
        with transaction.atomic():
            database.clear()
            for docs in all_documents(progress):
                database.index(docs, replace=False)
                if target:
                    es.index_into(target, docs)
                total += len(docs)
            terms = database.rebuild_vocabulary()
            _bump()
    except BaseException:
        if target:
            es.abort_rebuild(target)
        raise
    if target:
        es.finish_rebuild(target)
    return {"documents": total, "terms": terms}
