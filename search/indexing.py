"""Keeping the search index in step with publishing, and deferring it during bulk imports."""

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
