"""A rebuild of the Elasticsearch index loses nothing published meanwhile (search/rebuild.py).

The bookkeeping runs against the stand-in server (tests/search/fake_elasticsearch.py), which records what the
real client sends; the last test runs against a real server when ELASTICSEARCH_URL is set.
"""

import io
import os

import pytest
from django.core.management import CommandError, call_command

from search.backends import elasticsearch_backend, resilience
from search.models import IndexJournal, IndexRebuild, SearchDocument
from search.rebuild import note_writes, rebuild
from tests.factories import make_book

from .fake_elasticsearch import FakeElasticsearch

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _closed_breaker():
    resilience.breaker.reset()
    yield
    resilience.breaker.reset()


@pytest.fixture
def books(db):
    return [make_book(9201, "Абай жолы"), make_book(9202, "Көксерек"), make_book(9203, "Қыз Жібек", author="Жүсіпбек Аймауытов")]


def last_writes(actions) -> dict:
    """The last action for each key: the state the index ends with."""
    return {action["_id"]: (action["op"], source) for action, source in actions}


def test_keys_are_journalled_only_while_a_rebuild_runs(settings):
    note_writes(["page:1"])
    assert not IndexJournal.objects.exists()
    IndexRebuild.objects.create(index="portal-search-new")
    note_writes(["page:2", "page:1", "page:2"])
    assert sorted(IndexJournal.objects.values_list("key", flat=True)) == ["page:1", "page:2"]


def test_without_elasticsearch_publishing_journals_nothing(settings, books):
    settings.ELASTICSEARCH_URL = ""
    IndexRebuild.objects.create(index="left-over")  # not consulted at all without Elasticsearch
    books[0].save_revision().publish()
    assert not IndexJournal.objects.exists()


def test_a_publish_during_the_copy_reaches_the_new_index(settings, books, django_capture_on_commit_callbacks):
    book, other, gone = books
    with FakeElasticsearch("ok") as fake:
        settings.ELASTICSEARCH_URL = fake.url
        es = elasticsearch_backend()
        es.create_index()
        [old] = fake.aliases[es.index_name]
        published = []

        def meanwhile(count):
            if published:
                return
            # An editor publishes while the documents are being copied: a new title, and an unpublished book.
            book.title = "Абай жолы (толық)"
            book.save_revision().publish()
            gone.unpublish()
            published.append(IndexRebuild.objects.get().index)

        with django_capture_on_commit_callbacks(execute=True):
            counts = rebuild(copied=meanwhile)
        [new] = published
        assert counts["documents"] > 3
        assert fake.aliases[es.index_name] == {new} and old not in fake.indices  # swapped, the old one dropped
        final = last_writes(fake.bulk_actions(new))
        assert final[f"page:{book.pk}"][1]["title"] == "Абай жолы (толық)"
        assert final[f"page:{gone.pk}"] == ("delete", None)
        assert final[f"page:{other.pk}"][1]["title"] == "Көксерек"
        # every document of the database index is in the new one, and nothing else
        indexed = {key for key, (op, _source) in final.items() if op == "index"}
        assert indexed == set(SearchDocument.objects.values_list("key", flat=True))
        # the writes of the publish itself went to the live alias, after the commit
        live = last_writes(fake.bulk_actions(es.index_name))
        assert live[f"page:{book.pk}"][1]["title"] == "Абай жолы (толық)"
    assert not IndexRebuild.objects.exists() and not IndexJournal.objects.exists()


def test_a_rebuild_that_fails_keeps_the_live_index_and_the_database_index(settings, books, caplog):
    with FakeElasticsearch("ok") as fake:
        settings.ELASTICSEARCH_URL = fake.url
        es = elasticsearch_backend()
        es.create_index()
        [old] = fake.aliases[es.index_name]
        created = set(fake.indices)
        fake.fail_bulk_into = {"*"}
        original = fake._index_of
        fake._index_of = lambda name: original(name) | {"*"}  # every bulk write fails
        with pytest.raises(CommandError, match="Elasticsearch: BulkIndexError"):
            call_command("update_index", verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
        assert fake.aliases[es.index_name] == {old}  # searches still use the old index
        assert fake.indices == created  # the unfinished one was deleted
    assert SearchDocument.objects.filter(key=f"page:{books[0].pk}").exists()  # the database index is rebuilt
    assert not IndexRebuild.objects.exists() and not IndexJournal.objects.exists()


@pytest.mark.elasticsearch
def test_on_a_real_server_a_publish_during_the_rebuild_is_found_afterwards(settings, books, django_capture_on_commit_callbacks):
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("ELASTICSEARCH_URL is not set: needs an Elasticsearch 8 server")
    from search.queries import clear_caches, search_pages

    settings.ELASTICSEARCH_URL = url
    settings.ELASTICSEARCH_INDEX_PREFIX = f"portal-rebuild-{os.getpid()}"
    es = elasticsearch_backend()
    es.clear()
    book = books[0]
    try:
        def meanwhile(count):
            if book.title != "Шоқан":
                book.title = "Шоқан"
                book.save_revision().publish()

        with django_capture_on_commit_callbacks(execute=True):
            rebuild(copied=meanwhile)
        es.refresh()
        clear_caches()
        results = search_pages(query="Шоқан", locale="kk")
        assert [hit.id for hit in results.hits] == [book.pk]
        assert es.count() == SearchDocument.objects.count()
    finally:
        es.drop()
