"""Rebuilding the portal index, without losing what is published meanwhile.

The database index is rebuilt in one transaction. With Elasticsearch configured, a new index is created
beside the live one (searches keep using the old one through the alias) and filled from the freshly built
database index; then it replaces the old one. Publishes do not stop meanwhile, and their writes after commit
go to the live (old) index only, so while a rebuild runs (a row of ``IndexRebuild``) every index write also
notes its keys in ``IndexJournal``, in the writer's own transaction. Before the swap and again after it, the
rebuild copies the current database documents of the noted keys into the new index (deleting there the keys
the database no longer has), and repeats until a pass finds nothing new: a write committed after the last
pass goes through the alias to the new index itself.
"""

from __future__ import annotations

from django.db import transaction

from .backends import database_backend, elasticsearch_backend, resilience
from .models import IndexJournal, IndexRebuild, SearchDocument, bump_index_version, note_writes

__all__ = ["rebuild", "note_writes", "copy_documents", "catch_up"]
from .sources import all_documents

COPY_CHUNK = 500


def _start(index: str) -> None:
    with transaction.atomic():
        IndexRebuild.objects.all().delete()  # a rebuild that was killed left its row
        IndexJournal.objects.all().delete()
        IndexRebuild.objects.create(index=index)


def _stop() -> None:
    with transaction.atomic():
        IndexRebuild.objects.all().delete()
        IndexJournal.objects.all().delete()


def copy_documents(es, target: str, progress=None) -> int:
    """Every document of the database index into the Elasticsearch index ``target``, in chunks by id."""
    copied, last = 0, 0
    while True:
        rows = list(SearchDocument.objects.filter(pk__gt=last).order_by("pk")[:COPY_CHUNK])
        if not rows:
            return copied
        es.index_into(target, rows)
        copied, last = copied + len(rows), rows[-1].pk
        if progress:
            progress(len(rows))


def catch_up(es, target: str, after: int = 0) -> int:
    """Apply the journalled keys after entry ``after`` to ``target`` from the database index, until no new
    entry is found; returns the last entry applied."""
    while True:
        entries = list(IndexJournal.objects.filter(pk__gt=after).order_by("pk").values_list("pk", "key")[:COPY_CHUNK])
        if not entries:
            return after
        after = entries[-1][0]
        keys = {key for _pk, key in entries}
        rows = list(SearchDocument.objects.filter(key__in=keys))
        es.write_into(target, rows, keys - {row.key for row in rows})


def rebuild(progress=None, copied=None) -> dict:
    """Rebuild the portal index from scratch: the database index in one transaction and, when configured, a
    new Elasticsearch index filled from it, which replaces the old one only once it is complete and caught up.
    ``progress(n)`` counts the objects built, ``copied(n)`` the documents copied to Elasticsearch."""
    database, es = database_backend(), elasticsearch_backend()
    target = es.begin_rebuild() if es is not None else None
    total, swapped = 0, False
    try:
        if target:
            _start(target)
        with transaction.atomic():
            database.clear()
            for docs in all_documents(progress):
                database.index(docs, replace=False)
                total += len(docs)
            terms = database.rebuild_vocabulary()
            bump_index_version()
        if target:
            copy_documents(es, target, copied)
            applied = catch_up(es, target)
            es.finish_rebuild(target)
            swapped = True
            catch_up(es, target, applied)
    except BaseException:
        if target and not swapped:
            _abort(es, target)
        raise
    finally:
        if target:
            _stop()
    return {"documents": total, "terms": terms}


def _abort(es, target: str) -> None:
    """Drop the unfinished index (when Elasticsearch still answers: the first failure is the one to report)."""
    try:
        es.abort_rebuild(target)
    except resilience.failures() as problem:
        resilience.logger.warning("Elasticsearch: the unfinished index %s was not deleted (%s)", target, resilience.describe(problem))
