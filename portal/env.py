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
            # A Redis that stops answering (a network cut, not a refused connection) must not hold every web
            # worker, nor the health check, for ever: seconds to connect, and to wait for an answer.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 5},
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


EMAIL_DEFAULT_PORTS = {"ssl": 465, "tls": 587}


def email_config(url: str) -> dict:
    """Django's EMAIL_* settings from EMAIL_URL, parsed by django-environ: ``smtp://user:password@host:25``,
    ``smtp+tls://…`` (STARTTLS, port 587 by default), ``smtp+ssl://…`` (TLS from the start, port 465 by default),
    ``consolemail://``, ``filemail:///path``, ``memorymail://``, ``dummymail://``. A user name or password with
    ``@``, ``:`` or ``/`` is written percent-encoded (``%40``, ``%3A``, ``%2F``)."""
    from environ import Env

    try:
        config = Env.email_url_config(url)
    except Exception as error:  # ImproperlyConfigured for an unknown scheme, ValueError for a bad port
        raise ValueError(f"EMAIL_URL is not an email URL ({error}); see docs/deployment.md, Email") from None
    if config.pop("OPTIONS", None):
        raise ValueError("EMAIL_URL takes no query parameters: set EMAIL_TIMEOUT on its own")
    if config["EMAIL_BACKEND"].endswith("smtp.EmailBackend"):
        if not config["EMAIL_HOST"]:
            raise ValueError("EMAIL_URL names no host (smtp://host:port)")
        mode = "ssl" if config.get("EMAIL_USE_SSL") else "tls" if config.get("EMAIL_USE_TLS") else ""
        config["EMAIL_PORT"] = config["EMAIL_PORT"] or EMAIL_DEFAULT_PORTS.get(mode, 25)
    if not config["EMAIL_BACKEND"].endswith("filebased.EmailBackend"):
        config.pop("EMAIL_FILE_PATH")
    return {name: value for name, value in config.items() if value is not None}
