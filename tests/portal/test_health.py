"""/healthz: 200 when the database, the cache and the search answer; 503 naming the part that does not, with
real components (Redis and Elasticsearch addresses where nothing listens, a database server that is down)."""

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.core.cache import caches

ROOT = Path(__file__).resolve().parents[2]
HEALTHZ = "/healthz"


def closed_port() -> int:
    """A loopback port where nothing listens (bound, then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _body(response) -> dict:
    return json.loads(response.content)


@pytest.mark.django_db
def test_all_parts_answer_200_with_no_store_and_few_queries(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # SELECT 1; one row of the search index
        response = client.get(HEALTHZ)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert _body(response) == {"status": "ok", "checks": {"database": "ok", "cache": "ok", "search": "ok"}}
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies  # no session, no CSRF cookie
    assert client.head(HEALTHZ).status_code == 200
    assert client.post(HEALTHZ).status_code == 405


@pytest.mark.django_db
def test_not_cached_limited_or_redirected_with_the_page_cache_on(client, settings):
    settings.PORTAL_PAGE_CACHE = True
    settings.PORTAL_RATELIMITS = {**settings.PORTAL_RATELIMITS, "search": "1/h"}
    responses = [client.get(HEALTHZ, HTTP_ACCEPT_LANGUAGE="ru") for _ in range(3)]
    assert [response.status_code for response in responses] == [200, 200, 200]
    assert all("X-Portal-Cache" not in response for response in responses)
    assert client.get(HEALTHZ + "/").status_code == 404  # no language redirect for the health check's neighbours


@pytest.mark.django_db
def test_the_cache_at_a_closed_redis_port_is_a_503_naming_the_cache(client, settings, caplog):
    port = closed_port()
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": f"redis://127.0.0.1:{port}/7"}}
    response = client.get(HEALTHZ)
    assert response.status_code == 503
    body = _body(response)
    assert body["status"] == "error"
    assert body["checks"] == {"database": "ok", "cache": "failed", "search": "ok"}
    assert body["errors"] == {"cache": "ConnectionError"}
    assert str(port) not in response.content.decode()  # the address is in the log, not in the public answer
    assert "no-store" in response["Cache-Control"]
    assert any(record.name == "portal.health" and str(port) in record.getMessage() for record in caplog.records)


@pytest.mark.django_db
def test_a_real_redis_cache_is_ok(client, settings):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        if os.environ.get("CI") or os.environ.get("PORTAL_REQUIRE_REDIS"):
            pytest.fail("Redis is required (CI, PORTAL_REQUIRE_REDIS) but 127.0.0.1:6379 is not answering")
        pytest.skip("no Redis server on 127.0.0.1:6379")
    prefix = f"portal-test-health-{uuid.uuid4().hex[:12]}"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/7", "KEY_PREFIX": prefix}}
    response = client.get(HEALTHZ)
    assert response.status_code == 200, response.content
    server = caches["default"]._cache.get_client(write=True)
    assert list(server.scan_iter(f"{prefix}:*")) == []  # the probe key is removed again


@pytest.mark.django_db
def test_a_redis_that_does_not_answer_fails_within_the_timeouts(client, settings):
    """A server that accepts the connection and never answers (a hung Redis): CACHE_URL's timeouts end the wait."""
    from portal.env import cache_config

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        config = cache_config(f"redis://127.0.0.1:{silent.getsockname()[1]}/7")
        config["OPTIONS"]["socket_timeout"] = 0.5  # the production value is 5 s
        settings.CACHES = {"default": config}
        started = time.monotonic()
        response = client.get(HEALTHZ)
        elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert _body(response)["errors"] == {"cache": "TimeoutError"}
    assert elapsed < 3


@pytest.mark.django_db
def test_elasticsearch_at_a_closed_port_is_a_503_naming_the_search(client, settings):
    settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{closed_port()}"
    response = client.get(HEALTHZ)
    assert response.status_code == 503
    body = _body(response)
    assert body["checks"] == {"database": "ok", "cache": "ok", "search": "failed"}
    assert body["errors"]["search"] == "ConnectionError"


@pytest.mark.elasticsearch
@pytest.mark.django_db
def test_a_live_elasticsearch_is_ok(client, settings):
    url = os.environ.get("ELASTICSEARCH_URL", "")
    if not url:
        pytest.skip("ELASTICSEARCH_URL is not set: needs a server")
    settings.ELASTICSEARCH_URL = url
    assert client.get(HEALTHZ).status_code == 200


def _run(code: str, **env_overrides) -> subprocess.CompletedProcess:
    drop = {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL", "CACHE_URL", "ELASTICSEARCH_URL"}
    env = {name: value for name, value in os.environ.items() if name not in drop}
    env.update(env_overrides)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


PROBE = """
PATHS = ("/healthz", "/kk/")
import json, django
django.setup()
from django.test import Client
client = Client()
for path in PATHS:
    response = client.get(path)
    print(path, response.status_code, response.content.decode() if path == "/healthz" else response.get("Location"))
"""


def test_a_database_that_is_down_is_a_503_naming_the_database():
    """A server process whose database server does not answer (PostgreSQL at a closed port)."""
    result = _run(PROBE.replace('"/kk/"', ""), DJANGO_SETTINGS_MODULE="portal.settings.test", DATABASE_URL=f"postgres://portal@127.0.0.1:{closed_port()}/portal")
    assert result.returncode == 0, result.stderr
    line = next(line for line in result.stdout.splitlines() if line.startswith("/healthz "))
    _, status, body = line.split(" ", 2)
    assert status == "503"
    body = json.loads(body)
    assert body["checks"]["database"] == "failed" and body["checks"]["cache"] == "ok"
    assert body["errors"]["database"] == "OperationalError"


def test_production_answers_the_probe_over_plain_http_and_keeps_the_host_check(tmp_path):
    """SECURE_SSL_REDIRECT sends every plain-HTTP request to HTTPS, but not the load balancer's probe. (An empty
    SQLite database: the database answers, the search index has no table yet, so that part fails.)"""
    env = {
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x7!kq2" * 10,
        "ALLOWED_HOSTS": "testserver",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        "PORTAL_VAR_DIR": str(tmp_path),
    }
    by_address = "\nprint('/healthz-by-address', Client(HTTP_HOST='10.0.0.5').get('/healthz').status_code)"
    result = _run(PROBE + by_address, **env)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if line.startswith("/"))
    status, body = lines["/healthz"].split(" ", 1)
    assert status == "503"
    assert json.loads(body)["checks"] == {"database": "ok", "cache": "ok", "search": "failed"}
    assert lines["/kk/"] == "301 https://testserver/kk/"
    assert lines["/healthz-by-address"] == "400"  # a probe by address needs that address in ALLOWED_HOSTS
