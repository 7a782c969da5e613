"""The active search backend: the database (default) or Elasticsearch when ELASTICSEARCH_URL is set.

Both implement ``search.backends.base.SearchBackend``. The database index is always written (it is cheap,
transactional, what a rebuild of Elasticsearch is filled from and what answers when Elasticsearch is down:
``search.backends.resilience``); Elasticsearch is written too when it is configured, and then answers the
searches.
"""

from django.conf import settings

from . import resilience
from .database import DatabaseBackend

_elasticsearch = None


def client_options() -> dict:
    """Keyword arguments of the Elasticsearch client, from the settings (credentials may also be in the URL)."""
    options = {
        "request_timeout": float(getattr(settings, "ELASTICSEARCH_TIMEOUT", 5)),
        "max_retries": 1,
        "retry_on_timeout": False,  # a timeout is not retried: the search falls back to the database at once
    }
    if api_key := getattr(settings, "ELASTICSEARCH_API_KEY", ""):
        options["api_key"] = api_key
    if ca_certs := getattr(settings, "ELASTICSEARCH_CA_CERTS", ""):
        options["ca_certs"] = ca_certs
    if not getattr(settings, "ELASTICSEARCH_VERIFY_CERTS", True):
        options["verify_certs"] = False
        options["ssl_show_warn"] = False
    return options


def elasticsearch_backend():
    global _elasticsearch
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        return None
    prefix = getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "portal")
    config = (url, prefix, tuple(sorted(client_options().items())))
    if _elasticsearch is None or _elasticsearch.config != config:
        # Imported only when configured: the Elasticsearch client takes over a second to import.
        from .elasticsearch import ElasticsearchBackend

        _elasticsearch = ElasticsearchBackend(url, index_prefix=prefix, **client_options())
        _elasticsearch.config = config
    return _elasticsearch


def database_backend():
    return DatabaseBackend()


def get_backend():
    """The backend that answers searches (Elasticsearch when configured; see ``answer`` for its fallback)."""
    return elasticsearch_backend() or database_backend()


def answer(run):
    """``run(backend)`` on the backend that answers searches; the database backend's answer when Elasticsearch
    fails (logged) or failed a moment ago."""
    return resilience.answer(run, elasticsearch_backend(), database_backend())


def writing_backends():
    """Every backend that must receive index updates."""
    backends = [database_backend()]
    es = elasticsearch_backend()
    if es is not None:
        backends.append(es)
    return backends
