"""The search tests run against every backend available: the database always, Elasticsearch when
ELASTICSEARCH_URL points at a server (otherwise those runs are reported as skipped, with the reason)."""

import os

import pytest


@pytest.fixture(autouse=True)
def _fresh_search_caches():
    from search.queries import clear_caches

    clear_caches()
    yield
    clear_caches()


BACKENDS = [
    pytest.param("database", id="database"),
    pytest.param("elasticsearch", id="elasticsearch", marks=pytest.mark.elasticsearch),
]


@pytest.fixture(params=BACKENDS)
def backend(request, settings, db, django_capture_on_commit_callbacks):
    """The name of the backend under test, made active, with the demo content indexed in it."""
    if request.param == "elasticsearch":
        url = os.environ.get("ELASTICSEARCH_URL", "")
        if not url:
            pytest.skip("ELASTICSEARCH_URL is not set: the Elasticsearch run of the contract suite needs a server")
        settings.ELASTICSEARCH_URL = url
        from search.backends import elasticsearch_backend
        from search.indexing import rebuild

        with django_capture_on_commit_callbacks(execute=True):
            rebuild()
        elasticsearch_backend().refresh()
        yield "elasticsearch"
        elasticsearch_backend().drop()
        return
    settings.ELASTICSEARCH_URL = ""
    yield "database"


@pytest.fixture
def refresh_index(backend, django_capture_on_commit_callbacks):
    """Make index writes made in a test visible to searches (Elasticsearch writes on commit and refreshes)."""

    def run(callback):
        with django_capture_on_commit_callbacks(execute=True):
            result = callback()
        if backend == "elasticsearch":
            from search.backends import elasticsearch_backend

            elasticsearch_backend().refresh()
        return result

    return run
