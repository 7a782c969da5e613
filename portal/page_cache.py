"""Whole-page cache for anonymous visitors, dropped at the next publish.

School networks are slow and most visitors are anonymous, so a rendered public page is kept in the cache and
served as it is until anything is published, unpublished, moved or deleted (or an author, a view restriction
or the site changes): every such event bumps one version number in the database, which is part of every key.
That one indexed query per request keeps all gunicorn workers (and all servers sharing a Redis cache) in step.

Entries are kept per host: the key holds the base of the page's absolute links (``PORTAL_BASE_URL``, or the
request's scheme and host, see portal/links.py), and the host is checked against ``ALLOWED_HOSTS`` before the
cache is read, so a disallowed host gets Django's 400 and never a page built for another host.

Never cached: logged-in users and anyone with a session (they may see private pages or drafts), requests with
an Authorization header, anything but GET/HEAD, non-200 or non-HTML responses, responses that set cookies or
used a CSRF token, and the admin, API, documents, media and the health check (which must reach the cache and the
database itself, and answer when they fail).
"""

import os
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from portal.links import base_url

SKIP_PREFIXES = ("/admin/", "/api/", "/documents/", "/media/", "/static/", "/i18n/", "/sitemap.xml", "/healthz")
TIMEOUT = 3600
_BOOT = f"{os.getpid()}-{time.time():.0f}"  # a deploy (process restart) starts with a fresh cache


def _cacheable_request(request) -> bool:
    if not getattr(settings, "PORTAL_PAGE_CACHE", True):
        return False
    if request.method not in ("GET", "HEAD") or request.path == "/" or request.path.startswith(SKIP_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    return True


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable_request(request):
            return self.get_response(request)
        request.get_host()  # DisallowedHost (a 400 from Django's handler) before anything is read from the cache
        from content_models.core.versions import current_version

        version = current_version("site")
        request.portal_site_version = version
        key = f"portal:page:{_BOOT}:{version}:{base_url(request)}{request.get_full_path()}"
        cached = cache.get(key)
        if cached is not None:
            content, headers = cached
            response = HttpResponse(content, status=200)
            for name, value in headers:
                response.headers[name] = value
            response.headers["X-Portal-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and not request.META.get("CSRF_COOKIE_USED")
            and "private" not in response.get("Cache-Control", "")
            and "no-cache" not in response.get("Cache-Control", "")
            and not (getattr(request, "user", None) and request.user.is_authenticated)
        ):
            headers = [(name, value) for name, value in response.headers.items() if name.lower() not in ("set-cookie", "vary")]
            cache.set(key, (response.content, headers), TIMEOUT)
            response.headers["X-Portal-Cache"] = "miss"
        return response
