"""Small helpers that read settings from the environment."""

import os
import re


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return int(value)


def cache_config(url: str) -> dict:
    """Django CACHES["default"] from CACHE_URL: empty → local memory, redis:// → Redis."""
    if not url:
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "portal"}
    if url.startswith(("redis://", "rediss://", "unix://")):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "portal",
        }
    if url.startswith("locmem://"):
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": url[9:] or "portal"}
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ValueError(f"CACHE_URL scheme not supported: {url.split(':', 1)[0]!r} (use redis://, locmem:// or dummy://)")


RATE_FORMAT = re.compile(r"^[0-9]+/[0-9]*[smhd]$")


def env_rate(name: str, default: str) -> str | None:
    """A rate limit as COUNT/PERIOD (django-ratelimit's form: ``20/h``, ``60/m``, ``10/15m``); ``off`` → None."""
    value = os.environ.get(name, "").strip() or default
    if value.lower() == "off":
        return None
    if not RATE_FORMAT.match(value):
        raise ValueError(f"{name}={value!r}: write a rate as COUNT/PERIOD with a period in s, m, h or d (20/h, 10/15m) or off")
    return value
