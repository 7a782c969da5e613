"""The search tests run against every backend available: the database always, Elasticsearch when
ELASTICSEARCH_URL points at a server (otherwise those runs are reported as skipped, with the reason). They search
the sample book list (the `booklist` fixture, indexed as it is imported) and the pages they build themselves."""

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
    """The name of the backend under test, made active, with what the database holds indexed in it (the database
    backend's index is kept in step as pages are published; Elasticsearch is rebuilt from the database here)."""
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



def _html(text):
    return f"<p>{text}</p>"


# The factory of each kind of result (tests/factories/) and the field where that kind keeps its own words.
PAGE_TEXT = {
    "guideline": ("GuidelinePageFactory", "body", lambda text: [{"type": "paragraph", "value": _html(text)}]),
    "digest": ("DigestPageFactory", "introduction", _html),
    "event": ("EventPageFactory", "description", _html),
    "exhibition": ("ExhibitionPageFactory", "theme", str),
    "video": ("VideoPageFactory", "transcript", _html),
}


@pytest.fixture
def page_with_text(db):
    """Build one live page of a kind of result with `text` in its own words (a guideline's body, a digest's
    introduction, an event's description, an exhibition's theme, a video's transcript), under the skeleton's section
    in `language`: page_with_text("video", "Кітапхана қорын жаңарту", title="Қор"). An exhibition goes into the
    language's first schedule, made if there is none.

    Published, so the database backend indexes it at once; with Elasticsearch, build it inside `refresh_index`."""
    from content_models.exhibitions import ExhibitionSchedulePage
    from tests import factories

    def build(kind, text, *, language="kk", **fields):
        factory, field, value = PAGE_TEXT[kind]
        fields[field] = value(text)
        if kind == "exhibition":
            schedule = ExhibitionSchedulePage.objects.filter(locale__language_code=language).first()
            fields["parent"] = schedule or factories.ExhibitionSchedulePageFactory(language=language)
        return getattr(factories, factory)(language=language, **fields)

    return build
