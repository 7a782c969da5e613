"""``/healthz``: may a load balancer send this server requests? Database, cache and search, each checked.

``200 {"status": "ok", "checks": {"database": "ok", "cache": "ok", "search": "ok"}}`` when all three answer;
``503`` with ``"status": "error"``, the failed part(s) marked ``"failed"`` and, under ``"errors"``, the kind of
error (the exception's class, never its message: the endpoint is public and a message can name internal hosts;
the full message is logged on ``portal.health``).

Cheap on purpose: ``SELECT 1``; one random key set and read back in the default cache; the portal search's
cheapest question (one row of the database index, or Elasticsearch's cluster health with a 2-second timeout and
no retries; a red cluster fails). No page is rendered, no session is read, the response is never cached
(``Cache-Control: no-store``) and the page cache, the rate limits and the language redirects leave the path
alone (portal/page_cache.py, portal/middleware.py); production exempts it from the HTTPS redirect. The host
check stays: a probe must send a host in ``ALLOWED_HOSTS`` (docs/deployment.md, "Health checks").
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from search.backends import get_backend

PATH = "/healthz"
logger = logging.getLogger("portal.health")


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("SELECT 1 did not return 1")


def check_cache() -> None:
    key = f"portal:healthz:{uuid.uuid4().hex}"
    value = uuid.uuid4().hex
    cache.set(key, value, timeout=10)
    try:
        if cache.get(key) != value:
            raise RuntimeError("the cache did not return the value just set")
    finally:
        cache.delete(key)


def check_search() -> None:
    get_backend().ping()


CHECKS = {"database": check_database, "cache": check_cache, "search": check_search}


@never_cache
@require_safe
def healthz(request):
    checks, errors = {}, {}
    for name, check in CHECKS.items():
        try:
            check()
        except Exception as error:  # any failure of a part is that part's failure, never a 500
            checks[name] = "failed"
            errors[name] = type(error).__name__
            logger.error("health check %s failed: %s: %s", name, type(error).__name__, error)
        else:
            checks[name] = "ok"
    body = {"status": "error" if errors else "ok", "checks": checks}
    if errors:
        body["errors"] = errors
    return JsonResponse(body, status=503 if errors else 200)
