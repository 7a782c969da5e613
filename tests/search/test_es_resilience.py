"""Elasticsearch down or broken: searches are answered from the database index (always written) with a
warning in the log, publishing never fails because of it, and the client is built from the settings.

The real Elasticsearch client talks to a closed loopback port (connection refused) or to a stand-in server
(tests/search/fake_elasticsearch.py) that answers like a broken node; no server is needed.
"""

import logging
import socket
import time

import pytest
from elasticsearch import Elasticsearch

from search.backends import client_options, elasticsearch_backend, resilience
from search.models import SearchDocument
from tests.factories import make_book

from .fake_elasticsearch import FakeElasticsearch

pytestmark = pytest.mark.django_db


def closed_port_url() -> str:
    with socket.socket() as sock:  # a port that was just free: nothing listens there
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


@pytest.fixture(autouse=True)
def _closed_breaker(settings):
    settings.ELASTICSEARCH_RETRY_AFTER = 30
    settings.ELASTICSEARCH_TIMEOUT = 1
    resilience.breaker.reset()
    yield
    resilience.breaker.reset()


@pytest.fixture
def book(db):
    return make_book(9101, "Абай жолы", author="Мұхтар Әуезов")


def warnings_of(caplog):
    return [record.getMessage() for record in caplog.records if record.name == "search.elasticsearch" and record.levelno == logging.WARNING]


def assert_found(client, book):
    page = client.get("/kk/search/", {"q": "Абай жолы"})
    assert page.status_code == 200
    assert f'href="{book.url}"' in page.content.decode()
    api = client.get("/api/v3/search/", {"q": "Abai joly", "locale": "kk"})
    assert api.status_code == 200
    assert api.json()["items"][0]["id"] == book.pk
    typed = client.get("/api/v3/search/autocomplete/", {"q": "абай жо", "locale": "kk"})
    assert typed.status_code == 200
    assert typed.json()["items"][0]["id"] == book.pk


def test_refused_connection_answers_from_the_database_and_warns_once(client, settings, book, caplog):
    settings.ELASTICSEARCH_URL = closed_port_url()
    assert elasticsearch_backend() is not None
    caplog.set_level(logging.WARNING, logger="search.elasticsearch")
    assert_found(client, book)
    [warning] = warnings_of(caplog)  # the page, the API and autocomplete: one failure, then the pause
    assert "Elasticsearch search failed (ConnectionError" in warning and "answering from the database index" in warning
    assert not resilience.breaker.closed()


@pytest.mark.parametrize(("mode", "reason"), [
    ("error", "ApiError(503"),  # an error response, after the client's one retry
    ("garbage", "UnsupportedProductError"),  # a proxy's HTML page
    ("odd", "BadResponse: unexpected answer"),  # JSON, but not a search answer
])
def test_a_broken_server_is_skipped_for_a_while_then_asked_again(client, settings, book, caplog, mode, reason):
    caplog.set_level(logging.WARNING, logger="search.elasticsearch")
    with FakeElasticsearch(mode, status=503) as fake:
        settings.ELASTICSEARCH_URL = fake.url
        assert_found(client, book)
        asked = len(fake.requests)
        assert asked >= 1
        [warning] = warnings_of(caplog)
        assert reason in warning, warning
        assert_found(client, book)  # within the pause: Elasticsearch is not asked
        assert len(fake.requests) == asked
        settings.ELASTICSEARCH_RETRY_AFTER = 0
        resilience.breaker.reset()
        assert client.get("/api/v3/search/", {"q": "Абай жолы", "locale": "kk"}).status_code == 200
        assert len(fake.requests) > asked  # the pause is over: asked again, failed again, warned again
        assert len(warnings_of(caplog)) == 2


def test_a_server_slower_than_the_timeout_costs_one_timeout(client, settings, book, caplog):
    settings.ELASTICSEARCH_TIMEOUT = 0.3
    caplog.set_level(logging.WARNING, logger="search.elasticsearch")
    with FakeElasticsearch("slow", delay=2) as fake:
        settings.ELASTICSEARCH_URL = fake.url
        started = time.monotonic()
        assert_found(client, book)
        assert time.monotonic() - started < 1.5  # one timeout, not retried, then the pause
        [warning] = warnings_of(caplog)
        assert "ConnectionTimeout" in warning


def test_publishing_while_elasticsearch_is_down_succeeds_and_names_the_page(settings, book, caplog, django_capture_on_commit_callbacks):
    settings.ELASTICSEARCH_URL = closed_port_url()
    caplog.set_level(logging.WARNING, logger="search.elasticsearch")
    book.title = "Абай жолы (жаңа басылым)"
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        book.save_revision().publish()
    assert callbacks  # the Elasticsearch write was due after the commit, and it ran without raising
    assert SearchDocument.objects.get(key=f"page:{book.pk}").title == "Абай жолы (жаңа басылым)"
    [warning] = [text for text in warnings_of(caplog) if f"not updated for page:{book.pk} " in text]
    assert "update_index" in warning and "ConnectionError" in warning


def test_item_errors_of_a_bulk_write_are_logged_and_a_missing_document_is_not(settings, book, caplog, django_capture_on_commit_callbacks):
    caplog.set_level(logging.WARNING, logger="search.elasticsearch")
    with FakeElasticsearch("ok") as fake:
        settings.ELASTICSEARCH_URL = fake.url
        es = elasticsearch_backend()
        es.create_index()
        with django_capture_on_commit_callbacks(execute=True):
            es.delete(["page:1"])  # answered 200 here; a 404 item would be fine as well
            book.save_revision().publish()
        assert warnings_of(caplog) == []
        [(action, source)] = [pair for pair in fake.bulk_actions() if pair[0]["_id"] == f"page:{book.pk}"]
        assert action["_index"] == es.index_name and source["title"] == "Абай жолы"
        fake.fail_bulk_into = set(fake.aliases[es.index_name])
        with django_capture_on_commit_callbacks(execute=True):
            book.save_revision().publish()
        [warning] = [text for text in warnings_of(caplog) if f"page:{book.pk} " in text]
        assert "503" in warning and "update_index" in warning


def test_the_client_is_built_from_the_settings(settings):
    import certifi

    settings.ELASTICSEARCH_URL = "https://portal:s%40cret@search.example:9243"
    settings.ELASTICSEARCH_API_KEY = ""
    settings.ELASTICSEARCH_CA_CERTS = certifi.where()
    settings.ELASTICSEARCH_VERIFY_CERTS = True
    settings.ELASTICSEARCH_TIMEOUT = 2.5
    client = elasticsearch_backend().client
    assert isinstance(client, Elasticsearch)
    [node] = client.transport.node_pool.all()
    assert (node.config.scheme, node.config.host, node.config.port) == ("https", "search.example", 9243)
    assert node.config.headers["authorization"] == "Basic cG9ydGFsOnNAY3JldA=="  # portal:s@cret
    assert node.config.ca_certs == certifi.where() and node.config.verify_certs is True
    assert (client._request_timeout, client._max_retries, client._retry_on_timeout) == (2.5, 1, False)

    settings.ELASTICSEARCH_URL = "https://search.example:9243"
    settings.ELASTICSEARCH_API_KEY = "a2V5OnNlY3JldA=="
    settings.ELASTICSEARCH_CA_CERTS = ""
    settings.ELASTICSEARCH_VERIFY_CERTS = False
    client = elasticsearch_backend().client  # a change of settings builds a new client
    assert client._headers["authorization"] == "ApiKey a2V5OnNlY3JldA=="
    [node] = client.transport.node_pool.all()
    assert node.config.verify_certs is False and "authorization" not in node.config.headers
    assert client_options()["verify_certs"] is False


def test_a_moderator_publishes_in_the_admin_while_elasticsearch_is_down(client, settings, home_pages, moderator, caplog, django_capture_on_commit_callbacks):
    from wagtail.test.utils.form_data import nested_form_data, rich_text

    from content_models.home.models import StandardPage

    settings.ELASTICSEARCH_URL = closed_port_url()
    caplog.set_level(logging.WARNING, logger="search.elasticsearch")
    page = StandardPage(title="Кітапхана кеші", slug="kitaphana-keshi", live=False)
    home_pages["kk"].add_child(instance=page)
    page.save_revision()
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/pages/{page.pk}/edit/", nested_form_data({
            "title": "Кітапхана кеші", "slug": "kitaphana-keshi", "intro": rich_text(""), "body": rich_text("Кешке шақырамыз"),
            "action-publish": "action-publish",
        }))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert SearchDocument.objects.filter(key=f"page:{page.pk}", title="Кітапхана кеші").exists()
    assert any(f"not updated for page:{page.pk}" in text for text in warnings_of(caplog))
    found = client.get("/kk/search/", {"q": "кітапхана кеші"})
    assert found.status_code == 200 and f'href="{page.url}"' in found.content.decode()
