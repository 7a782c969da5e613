"""The active search backend: the database (default) or Elasticsearch when ELASTICSEARCH_URL is set.

Both implement ``search.backends.base.SearchBackend``. The database index is always written (it is cheap,
transactional and what a rebuild of Elasticsearch can start from); Elasticsearch is written too when it is
configured, and then answers the searches.
"""

from django.conf import settings

from .database import DatabaseBackend

_elasticsearch = None


def elasticsearch_backend():
    global _elasticsearch
    url = getattr(settings, "ELASTICSEARCH_URL", "")
    if not url:
        return None
    if _elasticsearch is None or _elasticsearch.url != url:
        # Imported only when configured: the Elasticsearch client takes over a second to import.
        from .elasticsearch import ElasticsearchBackend

        _elasticsearch = ElasticsearchBackend(url, index_prefix=getattr(settings, "ELASTICSEARCH_INDEX_PREFIX", "portal"))
    return _elasticsearch


def database_backend():
    return DatabaseBackend()


def get_backend():
    """The backend that answers searches."""
    return elasticsearch_backend() or database_backend()


def writing_backends():
    """Every backend that must receive index updates."""
    backends = [database_backend()]
    es = elasticsearch_backend()
    if es is not None:
        backends.append(es)
    return backends
