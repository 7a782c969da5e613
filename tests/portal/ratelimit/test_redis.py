"""The limiter against a real Redis (as in production, CACHE_URL=redis://…): counts every server shares."""

import os
import socket
import uuid

import pytest
from django.core.cache.backends.redis import RedisCache

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/15"
SEARCH = "/kk/search/?q=абай"


@pytest.fixture
def redis_limits(settings, limits):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        if os.environ.get("CI") or os.environ.get("PORTAL_REQUIRE_REDIS"):
            pytest.fail("Redis is required (CI, PORTAL_REQUIRE_REDIS) but 127.0.0.1:6379 is not answering")
        pytest.skip("no Redis server on 127.0.0.1:6379")
    prefix = f"portal-test-ratelimit-{uuid.uuid4().hex[:12]}"
    # A cache of its own for the counts: the default cache (cleared after every test) stays in memory.
    settings.CACHES = {**settings.CACHES, "ratelimit": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": prefix}}
    settings.RATELIMIT_USE_CACHE = "ratelimit"
    limits(search="2/m", bearer="1/15m")
    server = RedisCache(REDIS_URL, {})._cache.get_client(write=True)
    yield server, prefix
    keys = list(server.scan_iter(f"{prefix}:*"))
    if keys:
        server.delete(*keys)


def test_counts_live_in_redis_and_limit_the_client(client, redis_limits):
    server, prefix = redis_limits
    assert [client.get(SEARCH, REMOTE_ADDR="192.0.2.1").status_code for _ in range(3)] == [200, 200, 429]
    keys = list(server.scan_iter(f"{prefix}:*"))
    assert len(keys) == 1
    assert int(server.get(keys[0])) == 3
    assert 0 < server.ttl(keys[0]) <= 60 + 5
    assert client.get(SEARCH, REMOTE_ADDR="192.0.2.2").status_code == 200


def test_another_server_sees_the_same_counts(client, redis_limits, settings):
    """A second process (another server) reading the same Redis refuses the client at once."""
    server, prefix = redis_limits
    assert client.get(SEARCH, REMOTE_ADDR="192.0.2.3").status_code == 200
    assert client.get(SEARCH, REMOTE_ADDR="192.0.2.3").status_code == 200
    from django.core.cache import caches

    caches["ratelimit"].close()
    del caches["ratelimit"]  # a fresh connection, as a second server would have
    refused = client.get("/api/v3/search/?q=абай", REMOTE_ADDR="192.0.2.3")
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1


def test_bearer_failures_are_counted_in_redis(client, redis_limits):
    server, prefix = redis_limits
    auth = {"HTTP_AUTHORIZATION": "Bearer guess", "REMOTE_ADDR": "192.0.2.4"}
    assert client.get("/api/v3/whoami/", **auth).status_code == 401
    assert client.get("/api/v3/whoami/", **auth).status_code == 429
    assert any(int(server.get(key)) == 1 for key in server.scan_iter(f"{prefix}:*"))
