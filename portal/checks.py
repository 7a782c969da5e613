"""System checks of the deployment: production needs a cache shared by every process and server.

Rate limits (``portal/ratelimit.py``) count in Django's cache and the anonymous page cache (``page_cache.py``) is
dropped there at every publish. A local-memory cache is one per process: each gunicorn worker counts its own
limits, and a publish by cron's ``publish_scheduled`` or another server leaves the other processes serving the old
page; a dummy cache keeps nothing (no limits at all). Production settings (``PORTAL_SHARED_CACHE_REQUIRED``) make
that an error of ``manage.py check`` (and ``check --deploy``, and the development server's start).
"""

from django.conf import settings
from django.core.checks import Error, Tags

NOT_SHARED = {
    "django.core.cache.backends.locmem.LocMemCache": "a local-memory cache is one per process",
    "django.core.cache.backends.dummy.DummyCache": "a dummy cache keeps nothing",
    "django.core.cache.backends.filebased.FileBasedCache": "a file-based cache is one per machine",
}


def shared_cache_check(app_configs=None, **kwargs):
    """portal.E001 under production settings when the default cache is not shared between processes and servers."""
    if not getattr(settings, "PORTAL_SHARED_CACHE_REQUIRED", False):
        return []
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend not in NOT_SHARED:
        return []
    return [Error(
        f"The default cache is not shared between processes and servers ({NOT_SHARED[backend]}): rate limits and "
        "the page cache would not hold across gunicorn workers and app servers.",
        hint="Set CACHE_URL to a Redis server every app server reaches, e.g. CACHE_URL=redis://host:6379/1.",
        obj="CACHES['default']",
        id="portal.E001",
    )]


def register_checks() -> None:
    from django.core import checks

    checks.register(shared_cache_check, Tags.caches)
