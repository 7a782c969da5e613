"""Logging: everything to stderr (what gunicorn, systemd or the container keeps), each line with the request's id.

Every request has an id (django-guid's middleware, first in MIDDLEWARE): the load balancer's ``X-Request-ID``
when it is a UUID (32 hex digits, with or without hyphens), otherwise a new one; the response carries it back in
``X-Request-ID``. An id that is too long, has control characters or is not a UUID is replaced, never logged.

A request that ends in an error (``django.request``: 4xx as WARNING, 5xx as ERROR) is one line::

    2026-12-05 10:41:07,112 ERROR django.request request_id=6f1c… GET /kk/some/page/ 500 Internal Server Error

followed, for an uncaught exception, by its traceback. ``LOG_LEVEL`` sets the level of everything (WARNING by
default: 404s are logged; ERROR keeps only server errors).

Sentry (optional, the ``sentry`` extra): ``init_sentry`` when ``SENTRY_DSN`` is set; every event is tagged with
the request id, no personal data is sent, and performance tracing is off unless ``SENTRY_TRACES_SAMPLE_RATE``.
"""

import logging
from http import HTTPStatus

from django.core.exceptions import ImproperlyConfigured
from django_guid.context import guid

REQUEST_ID_HEADER = "X-Request-ID"
FORMAT = "%(asctime)s %(levelname)s %(name)s request_id=%(request_id)s %(summary)s"


def request_id() -> str:
    """The id of the request being answered, or "-" outside a request."""
    return guid.get() or "-"


def _printable(text: str) -> str:
    """A path as one line: control characters (a %0A in the address) escaped, so no one can forge a log line."""
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


class RequestLineFormatter(logging.Formatter):
    """One line per record with the request id; a record of a request's error (it has ``request`` and
    ``status_code``, as Django's ``django.request`` records do) is summed up as method, path, status."""

    def __init__(self, fmt=FORMAT, *args, **kwargs):
        super().__init__(fmt, *args, **kwargs)

    def format(self, record):
        request = getattr(record, "request", None)
        status = getattr(record, "status_code", None)
        record.request_id = getattr(request, "correlation_id", None) or request_id()
        if request is not None and status is not None and hasattr(request, "method"):
            try:
                phrase = HTTPStatus(status).phrase
            except ValueError:
                phrase = ""
            record.summary = f"{request.method} {_printable(request.path)} {status} {phrase}".rstrip()
        else:
            record.summary = record.getMessage()
        return super().format(record)


def logging_config(level: str) -> dict:
    """The LOGGING setting: one stderr handler on the root logger; Django's loggers propagate to it (no mail to
    ADMINS, no console handler of their own, so no line twice)."""
    level = level.upper()
    if level not in logging.getLevelNamesMapping():
        raise ImproperlyConfigured(f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not {level!r}.")
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"portal": {"()": RequestLineFormatter}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "portal"}},  # sys.stderr
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            "django": {"handlers": [], "level": level, "propagate": True},
            # django-guid logs every request at INFO and a refused header, as it came, at WARNING: neither is wanted.
            "django_guid": {"handlers": [], "level": "ERROR", "propagate": True},
        },
    }


def _tag_request_id(event, hint):
    event.setdefault("tags", {})["request_id"] = request_id()
    return event


def init_sentry(dsn: str, *, environment: str, traces_sample_rate: float) -> None:
    """Send errors (uncaught exceptions and ERROR log records) to Sentry; needs the ``sentry`` extra."""
    try:
        import sentry_sdk
        from sentry_sdk.integrations.django import DjangoIntegration
    except ImportError:
        raise ImproperlyConfigured(
            "SENTRY_DSN is set but sentry-sdk is not installed: pip install '.[sentry]' (or unset SENTRY_DSN)."
        ) from None
    sentry_sdk.init(
        dsn=dsn,
        environment=environment or None,
        traces_sample_rate=traces_sample_rate,
        integrations=[DjangoIntegration()],
        send_default_pii=False,
        before_send=_tag_request_id,
    )
