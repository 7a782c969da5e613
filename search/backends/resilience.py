"""Searching on when Elasticsearch is down: which failures count, a short circuit breaker, and the fallback.

The database index is always written (``search.backends.writing_backends``), so it can answer any search.
When Elasticsearch fails a search (refused connection, timeout, TLS failure, an error response, an answer
that is not Elasticsearch's), the failure is logged once as a warning with its reason and the same search is
answered from the database index. For ``ELASTICSEARCH_RETRY_AFTER`` seconds afterwards this process does not
ask Elasticsearch again (so a dead server does not add a timeout to every request); then it tries again.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger("search.elasticsearch")


class BadResponse(Exception):
    """Elasticsearch answered, but not in the shape a search needs (a proxy's page, a broken node)."""


def failures() -> tuple[type[BaseException], ...]:
    """The exceptions that mean "Elasticsearch could not answer" (imported only when Elasticsearch is used)."""
    from elastic_transport import TransportError
    from elasticsearch import ApiError, UnsupportedProductError

    return (TransportError, ApiError, UnsupportedProductError, BadResponse)


def describe(problem: BaseException) -> str:
    """A one-line reason: the exception's name and message (no traceback in the log for an expected outage)."""
    text = " ".join(str(problem).split())[:300]
    return f"{type(problem).__name__}: {text}" if text else type(problem).__name__


class Breaker:
    """After a failure, Elasticsearch is skipped for ``pause`` seconds (per process)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._until = 0.0

    def closed(self) -> bool:
        """Whether Elasticsearch may be asked now."""
        return time.monotonic() >= self._until

    def trip(self, pause: float) -> None:
        with self._lock:
            self._until = time.monotonic() + max(0.0, pause)

    def reset(self) -> None:
        with self._lock:
            self._until = 0.0


breaker = Breaker()


def retry_after() -> float:
    return float(getattr(settings, "ELASTICSEARCH_RETRY_AFTER", 30))


def search_failed(problem: BaseException) -> None:
    pause = retry_after()
    logger.warning("Elasticsearch search failed (%s); answering from the database index, Elasticsearch skipped for %g s",
                   describe(problem), pause)
    breaker.trip(pause)


def write_failed(keys, problem) -> None:
    """A write after commit failed: the publish stands, the database index has it, ``update_index`` repairs."""
    keys = sorted(keys)
    shown = ", ".join(keys[:20]) + (f" and {len(keys) - 20} more" if len(keys) > 20 else "")
    reason = describe(problem) if isinstance(problem, BaseException) else str(problem)
    logger.warning("Elasticsearch index not updated for %s (%s); the database index is; run `manage.py update_index` "
                   "to bring Elasticsearch in step", shown, reason)
    breaker.trip(retry_after())


def answer(run, elasticsearch, database):
    """``run(backend)`` on Elasticsearch (when given and not paused by a recent failure), else, or when it
    fails, on the database backend."""
    if elasticsearch is None or not breaker.closed():
        return run(database)
    try:
        return run(elasticsearch)
    except failures() as problem:
        search_failed(problem)
        return run(database)
