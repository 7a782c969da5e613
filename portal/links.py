"""Absolute links: every absolute URL the portal writes starts with the same base.

The base is ``PORTAL_BASE_URL`` when it is set, otherwise the scheme and host of the request being answered
(``request.scheme`` honours ``X-Forwarded-Proto`` only where ``SECURE_PROXY_SSL_HEADER`` trusts it, and the host
is ``request.get_host()``, checked against ``ALLOWED_HOSTS``). Outside a request (management commands) it is the
default Wagtail ``Site``'s root URL, as Wagtail itself would write it.

``CurrentRequestMiddleware`` keeps the request in a context variable, so code that has no request at hand
(``page.full_url``, a feed item, an API field serializer) still writes links for the visitor's host.
Wagtail's own URL building goes through ``Page.get_url_parts``, which ``install_page_urls`` wraps once at start-up:
pages, the v3 API's ``html_url``, the sitemap and feeds all take their base from here. The v3 API's
``detail_url`` reads ``WAGTAILAPI_BASE_URL``, which the settings point at ``RequestBaseURL``.
"""

from contextvars import ContextVar
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest

_current_request: ContextVar[HttpRequest | None] = ContextVar("portal_current_request", default=None)


def base_url_setting(value: str) -> str:
    """``PORTAL_BASE_URL`` as ``scheme://host[:port]`` without a trailing slash; "" when unset."""
    value = (value or "").strip()
    if not value:
        return ""
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.path not in ("", "/") or parts.query or parts.fragment:
        raise ImproperlyConfigured(f"PORTAL_BASE_URL must look like https://host or https://host:port, not {value!r}.")
    return f"{parts.scheme}://{parts.netloc}"


def current_request() -> HttpRequest | None:
    return _current_request.get()


def request_base_url(request=None) -> str | None:
    """``PORTAL_BASE_URL``, else the scheme and host of ``request`` (or of the request being answered); None
    outside a request."""
    configured = getattr(settings, "PORTAL_BASE_URL", "")
    if configured:
        return configured
    if not isinstance(request, HttpRequest):
        request = _current_request.get()
    if request is None:
        return None
    return f"{request.scheme}://{request.get_host()}"


def base_url(request=None) -> str:
    """The base of every absolute link, without a trailing slash."""
    base = request_base_url(request)
    if base is not None:
        return base
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    return site.root_url if site else ""


def absolute_url(url: str | None, request=None) -> str | None:
    """``url`` made absolute on ``base_url(request)``; already absolute URLs and empty values pass through."""
    if not url or not url.startswith("/") or url.startswith("//"):
        return url
    return base_url(request) + url


class RequestBaseURL:
    """The value of ``WAGTAILAPI_BASE_URL``: Wagtail's API reads it per call (``str()`` and truth value), so it
    follows the request being answered. Outside a request it is false and Wagtail falls back to its ``Site``."""

    def __str__(self) -> str:
        return request_base_url() or ""

    def __bool__(self) -> bool:
        return request_base_url() is not None

    def __repr__(self) -> str:
        return "RequestBaseURL()"


class CurrentRequestMiddleware:
    """Keeps the request in a context variable while it is answered (see ``request_base_url``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def install_page_urls() -> None:
    """Make Wagtail's ``Page.get_url_parts`` (behind ``url``, ``full_url``, ``get_full_url``, the API's
    ``html_url`` and the sitemap) use ``request_base_url`` for the root. Wrapping ``Page`` itself covers every
    page class and the plain ``Page`` instances Wagtail's API lists. A page of another ``Site`` in a multi-site
    set-up keeps that site's root URL."""
    from wagtail.models import Page

    original = Page.get_url_parts
    if getattr(original, "portal_links", False):
        return

    @wraps(original)
    def get_url_parts(self, request=None):
        parts = original(self, request=request)
        if parts is None or parts[1] is None:
            return parts
        site_id, root_url, page_path = parts
        base = request_base_url(request)
        if base is None:
            return parts
        site_ids = {root_path[0] for root_path in self._get_site_root_paths(request)}
        if len(site_ids) > 1:
            from wagtail.models import Site

            http_request = request if isinstance(request, HttpRequest) else current_request()
            current = Site.find_for_request(http_request) if http_request is not None else None
            if current is None or current.pk != site_id:
                return parts
        return (site_id, base, page_path)

    get_url_parts.portal_links = True
    Page.get_url_parts = get_url_parts
