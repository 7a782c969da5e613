"""Settings come from the environment; production refuses to start without secrets and passes check --deploy."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from portal.env import cache_config, env_bool, env_list

ROOT = Path(__file__).resolve().parents[2]
STRONG_KEY = "x7!kq2" * 10


def _manage(*args, env_overrides: dict, drop=("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE")):
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


PRODUCTION = {"DJANGO_SETTINGS_MODULE": "portal.settings.production", "SECRET_KEY": STRONG_KEY, "ALLOWED_HOSTS": "kitaphana.example.kz"}


def test_check_deploy_is_clean_under_production_settings():
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING",
        env_overrides={**PRODUCTION, "CACHE_URL": "redis://127.0.0.1:6379/1"},  # not contacted: checks read settings
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(("cache_url", "why"), [("", "a local-memory cache is one per process"),
                                                ("locmem://", "a local-memory cache is one per process"),
                                                ("dummy://", "a dummy cache keeps nothing")])
@pytest.mark.parametrize("deploy", [True, False])
def test_production_without_a_shared_cache_is_an_error_naming_cache_url(cache_url, why, deploy):
    result = _manage("check", *(["--deploy"] if deploy else []), env_overrides={**PRODUCTION, "CACHE_URL": cache_url},
                     drop=("SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "CACHE_URL"))
    assert result.returncode == 1
    assert "(portal.E001) The default cache is not shared between processes and servers (" + why in result.stderr
    assert "Set CACHE_URL to a Redis server every app server reaches, e.g. CACHE_URL=redis://host:6379/1." in result.stderr


def test_the_shared_cache_check_is_production_only(settings):
    from django.core.checks import Tags, run_checks

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert not [issue for issue in run_checks(tags=[Tags.caches]) if issue.id == "portal.E001"]  # dev and tests
    settings.PORTAL_SHARED_CACHE_REQUIRED = True
    assert [issue.id for issue in run_checks(tags=[Tags.caches]) if issue.id.startswith("portal.")] == ["portal.E001"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379/8"}}
    assert not [issue for issue in run_checks(tags=[Tags.caches]) if issue.id == "portal.E001"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ALLOWED_HOSTS": "kitaphana.example.kz"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "kitaphana.example.kz"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": STRONG_KEY}, "ALLOWED_HOSTS must be set"),
    ],
)
def test_production_refuses_to_start_without_secret_key_or_hosts(overrides, message):
    result = _manage("check", env_overrides={"DJANGO_SETTINGS_MODULE": "portal.settings.production", **overrides})
    assert result.returncode != 0
    assert message in result.stderr


def test_cache_url_selects_redis_or_local_memory():
    assert cache_config("")["BACKEND"].endswith("LocMemCache")
    redis = cache_config("redis://127.0.0.1:6379/1")
    assert redis["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert redis["LOCATION"] == "redis://127.0.0.1:6379/1"
    with pytest.raises(ValueError, match="memcached"):
        cache_config("memcached://127.0.0.1:11211")


def test_env_helpers_parse_booleans_and_lists(monkeypatch):
    monkeypatch.setenv("PORTAL_FLAG", "yes")
    monkeypatch.setenv("PORTAL_LIST", "a.kz, b.kz,,")
    assert env_bool("PORTAL_FLAG") is True
    assert env_bool("PORTAL_MISSING", default=True) is True
    assert env_list("PORTAL_LIST") == ["a.kz", "b.kz"]


def test_database_url_switches_the_database_engine():
    code = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'], 'django.contrib.postgres' in settings.INSTALLED_APPS)"
    pg = _manage("shell", "-c", code, env_overrides={"DJANGO_SETTINGS_MODULE": "portal.settings.dev", "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused"}, drop=("DATABASE_URL",))
    assert pg.stdout.strip().endswith("django.db.backends.postgresql True"), pg.stderr
    lite = _manage("shell", "-c", code, env_overrides={"DJANGO_SETTINGS_MODULE": "portal.settings.dev"}, drop=("DATABASE_URL",))
    assert lite.stdout.strip().endswith("django.db.backends.sqlite3 False"), lite.stderr


def test_redis_cache_round_trips_when_a_server_is_reachable():
    import socket

    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        if os.environ.get("PORTAL_REQUIRE_REDIS"):
            pytest.fail("Redis is required (PORTAL_REQUIRE_REDIS) but 127.0.0.1:6379 is not answering")
        pytest.skip("no Redis server on 127.0.0.1:6379")
    from django.core.cache.backends.redis import RedisCache

    cache = RedisCache("redis://127.0.0.1:6379/15", {"KEY_PREFIX": "portal-test"})
    cache.set("answer", {"kk": "жауап"}, 10)
    assert cache.get("answer") == {"kk": "жауап"}
    cache.delete("answer")
