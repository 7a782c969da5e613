"""Whole-page cache for anonymous visitors, shared by every worker and server, dropped at the next publish.

School networks are slow and most visitors are anonymous, so a rendered public page is kept in the cache and
served as it is until anything is published, unpublished, moved or deleted (or an author, a view restriction
or the site changes): every such event bumps one version number in the database, which is part of every key.
That one indexed query per request keeps all gunicorn workers (and all servers sharing a Redis cache) in step.
Every key also holds the release (portal/release.py: ``PORTAL_RELEASE`` or a hash of the code), the same on every
server of one deploy, so a deploy never serves pages rendered by the code before it.

One entry per page state: the key holds the base of the page's absolute links (``PORTAL_BASE_URL``, or the
request's scheme and host, see portal/links.py; the host is checked against ``ALLOWED_HOSTS`` before the cache is
read, so a disallowed host gets Django's 400 and never a page built for another host), the path, the language
(the URL's prefix, or the cookie and Accept-Language where there is none: Django's own choice), and only the
query parameters the page reads. Which those are is learnt while pages render (portal/query_reads.py): a small
"vary" entry per page and version lists the names earlier renders read, and the key is computed from those
names' values in a canonical order (names sorted; a parameter read as one value by its last value, one read as a
list by all its values in order). Tracking parameters are removed before rendering and unknown ones are neither
read nor carried into links, so ``?utm_source=…`` or ``?ref=…`` hit the plain page's entry. The names themselves
are part of the key, so when a render reads a name the vary entry did not list yet, no entry computed without
it can be served for it. A page that reads every parameter (iterates them, or the raw query string) is keyed by
all of them.

Memory is bounded: entries live ``TIMEOUT`` seconds at most (and are unreachable after the next publish); a page
keeps at most ``MAX_VARIANTS`` parameter combinations per version, and a combination longer than
``MAX_VARIANT_LENGTH`` characters or of more than ``MAX_NAMES`` names is rendered but not stored.

Never cached: logged-in users and anyone with a session (they may see private pages or drafts), requests with
an Authorization header, anything but GET/HEAD, non-200 or non-HTML responses, responses that set cookies or
used a CSRF token, and the admin, API, documents, media and the health check (which must reach the cache and the
database itself, and answer when they fail).
"""

import hashlib
import json

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language_from_request

from portal.links import base_url
from portal.query_reads import LIST, RecordingMeta, RecordingQueryDict, strip_tracking
from portal.release import release

SKIP_PREFIXES = ("/admin/", "/api/", "/documents/", "/media/", "/static/", "/i18n/", "/sitemap.xml", "/healthz")
TIMEOUT = 3600
MAX_VARIANTS = 200  # parameter combinations stored per page (address, host, language) and version
MAX_VARIANT_LENGTH = 1000  # characters of a combination's canonical form
MAX_NAMES = 30  # parameter names a page may read and still be cached
NO_VARY = {"names": {}, "any": False, "all": False}


def _cacheable_request(request) -> bool:
    if not getattr(settings, "PORTAL_PAGE_CACHE", True):
        return False
    if request.method not in ("GET", "HEAD") or request.path == "/" or request.path.startswith(SKIP_PREFIXES):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    return True


def _storable(request, response) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and response.get("Content-Type", "").startswith("text/html")
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in response.get("Cache-Control", "")
        and "no-cache" not in response.get("Cache-Control", "")
        and not (getattr(request, "user", None) and request.user.is_authenticated)
    )


def _digest(value) -> str:
    return hashlib.sha256(json.dumps(value, ensure_ascii=False).encode()).hexdigest()[:32]


def variant(params: dict, vary: dict) -> str:
    """The canonical form of the parameters that matter: ``params`` is {name: [values]}, ``vary`` what the page
    reads. Names are sorted; each name, its mode and the value(s) the page saw are written out (absent: null)."""
    if vary["all"]:
        return json.dumps(["all", sorted(params.items())], ensure_ascii=False)
    items = []
    for name, mode in sorted(vary["names"].items()):
        values = params.get(name) or []
        items.append([name, mode, values if mode == LIST else (values[-1] if values else None)])
    if vary["any"]:
        items.append([None, "any", bool(params)])
    return json.dumps(["names", items], ensure_ascii=False)


def merged(vary: dict, reads) -> dict:
    """``vary`` with the names, modes and flags of one more render."""
    names = dict(vary["names"])
    for name, mode in reads.names.items():
        if names.get(name) != LIST:
            names[name] = mode
    return {"names": names, "any": vary["any"] or reads.any, "all": vary["all"] or reads.all}


def _record_reads(request, vary) -> RecordingQueryDict:
    """Replace ``request.GET`` (tracking parameters removed) and ``request.META`` by recording ones."""
    query_string = strip_tracking(request.META.get("QUERY_STRING", ""))
    meta = RecordingMeta(request.META)
    meta["QUERY_STRING"] = query_string
    try:
        raw = query_string.encode("iso-8859-1")  # WSGI gives the bytes of the query string as Latin-1 text
    except UnicodeEncodeError:
        raw = query_string.encode()
    query = RecordingQueryDict(raw, encoding=request.encoding, known=vary["names"], known_all=vary["all"])
    meta.query_reads = query.reads
    request.META = meta
    request.GET = query
    return query


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
        language = get_language_from_request(request, check_path=True)
        prefix = f"portal:page:{release()}:{version}:{_digest([base_url(request), request.path, language])}"
        vary = cache.get(f"{prefix}:vary")
        query = _record_reads(request, vary or NO_VARY)
        if vary is not None:
            cached = cache.get(f"{prefix}:{_digest(variant(query.raw_lists(), vary))}")
            if cached is not None:
                content, headers = cached
                response = HttpResponse(content, status=200)
                for name, value in headers:
                    response.headers[name] = value
                response.headers["X-Portal-Cache"] = "hit"
                return response
        response = self.get_response(request)
        if _storable(request, response) and self._store(prefix, vary, query, response):
            response.headers["X-Portal-Cache"] = "miss"
        return response

    def _store(self, prefix: str, vary: dict | None, query: RecordingQueryDict, response) -> bool:
        """Learn what this render read and keep the page under its combination; False when it is not kept."""
        reads = query.reads
        new_vary = merged(vary or NO_VARY, reads)
        if len(new_vary["names"]) > MAX_NAMES:
            return False
        if new_vary != vary:
            cache.set(f"{prefix}:vary", new_vary, TIMEOUT)
        if reads.omitted and (reads.all or reads.omitted & set(reads.names)):
            return False  # a link left out a parameter the page read afterwards: the next render carries it
        combination = variant(query.raw_lists(), new_vary)
        if len(combination) > MAX_VARIANT_LENGTH:
            return False
        cache.add(f"{prefix}:n", 0, TIMEOUT)
        try:
            stored = cache.incr(f"{prefix}:n")
        except ValueError:  # the counter was evicted in between
            stored = 1
        if stored > MAX_VARIANTS:
            return False
        headers = [(name, value) for name, value in response.headers.items() if name.lower() not in ("set-cookie", "vary")]
        cache.set(f"{prefix}:{_digest(combination)}", (response.content, headers), TIMEOUT)
        return True
