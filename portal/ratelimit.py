"""Per-client rate limits on the expensive anonymous endpoints, and a throttle on failed API bearer tokens.

A holdings upload costs seconds of CPU and hundreds of MB; search, autocomplete and the exports cost less but add
up. Each view that does such work is wrapped with ``rate_limited(group)``; the groups and their rates are the
setting ``PORTAL_RATELIMITS`` (from ``PORTAL_RATELIMIT_<GROUP>`` in the environment). Counting is
django-ratelimit's (``get_usage``): a fixed window per client and group in Django's cache, which is Redis in
production, so every server and worker shares the counts.

Over the limit a client gets ``429 Too Many Requests`` with ``Retry-After`` (seconds until its window ends):
a small page in the visitor's language, or an RFC 9457 problem under /api/. Neither is ever cached.

The client is ``portal.clients.client_address`` (``REMOTE_ADDR``, or behind the portal's own reverse proxies,
``PORTAL_TRUSTED_PROXIES``, the address the outermost one saw), IPv6 by /64 (django-ratelimit's
``RATELIMIT_IPV6_MASK``).

Logged-in users who may use the admin (editors, moderators, administrators) are not limited: they are known
people, and they test the tools with real files.

``BearerTokenThrottleMiddleware`` counts failed bearer tokens per client (see its docstring).
"""

import functools

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import patch_cache_control
from django_ratelimit.core import get_usage
from wagtail.api.v3.errors import problem_response

API_PREFIX = "/api/"
BEARER_GROUP = "bearer"
# operationId of each rate-limited API operation → its group; filled as the routers are imported and read by
# the OpenAPI post-processing in portal/api.py.
API_OPERATIONS: dict[str, str] = {}


def _exempt(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def rate_usage(request, group: str, *, increment: bool = True) -> dict | None:
    """django-ratelimit's usage of ``group`` by this client (count, limit, should_limit, time_left), counting
    this request when ``increment``; None when the group is not limited (off, or RATELIMIT_ENABLE off)."""
    rate = settings.PORTAL_RATELIMITS.get(group)
    if rate is None:
        return None
    return get_usage(request, group=f"portal.{group}", key="ip", rate=rate, increment=increment)


def retry_after(usage: dict) -> int:
    """Seconds until the window frees: django-ratelimit's window still holds at its last second (time_left 0)."""
    return max(1, int(usage["time_left"]) + 1)


def too_many_requests(request, seconds: int) -> HttpResponse:
    """The 429: an RFC 9457 problem under /api/ (English, like every API error), else a page in the visitor's
    language. Private and never stored, so no cache hands it to another client."""
    if request.path_info.startswith(API_PREFIX):
        response = problem_response(
            status=429, detail=f"Too many requests from this client. Try again in {seconds} seconds."
        )
    else:
        response = TemplateResponse(request, "429.html", {"seconds": seconds}, status=429).render()
    response["Retry-After"] = str(seconds)
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    return response


def rate_limited(group: str, methods: tuple[str, ...] | None = None):
    """Limit a view (or a Wagtail page route, or with ninja's ``decorate_view`` an API operation) to the rate of
    ``group`` per client; ``methods`` limits only those methods (a form's GET costs nothing, its POST does)."""
    if group not in settings.PORTAL_RATELIMITS:
        raise KeyError(f"no rate limit group {group!r} in PORTAL_RATELIMITS")

    def decorator(view):
        operation = getattr(view, "__self__", None)  # decorate_view hands us the bound Operation.run
        if getattr(operation, "operation_id", None):
            API_OPERATIONS[operation.operation_id] = group

        @functools.wraps(view)
        def wrapper(*args, **kwargs):
            request = next(arg for arg in args if isinstance(arg, HttpRequest))
            if (methods is None or request.method in methods) and not _exempt(request):
                usage = rate_usage(request, group)
                if usage is not None and usage["should_limit"]:
                    return too_many_requests(request, retry_after(usage))
            return view(*args, **kwargs)

        return wrapper

    return decorator


def _bearer(request) -> bool:
    return request.META.get("HTTP_AUTHORIZATION", "").strip().lower().startswith("bearer")


def _token_failed(request, response) -> bool:
    """A bearer token that did not resolve: a 401, or a public read that fell back to Wagtail's AllowAnonymous
    (which ninja only reaches when BearerTokenAuth, always listed first, returned nothing)."""
    return response.status_code == 401 or isinstance(getattr(request, "auth", None), AnonymousUser)


class BearerTokenThrottleMiddleware:
    """Guessing API tokens: every request under /api/ with ``Authorization: Bearer …`` whose token does not
    resolve counts one failure for its client (``PORTAL_RATELIMIT_BEARER``, e.g. 10 per 15 minutes). Once a
    client has used up its failures, its requests carrying a bearer token get 429 before the token is looked
    at, until the window ends; requests without a token and other clients are not affected.

    A middleware rather than a subclass of Wagtail's BearerTokenAuth: Wagtail's routers build their own
    BearerTokenAuth instances, and the outcome is visible from here without touching them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (request.path_info.startswith(API_PREFIX) and _bearer(request)):
            return self.get_response(request)
        usage = rate_usage(request, BEARER_GROUP, increment=False)
        if usage is not None and usage["count"] >= usage["limit"]:
            return too_many_requests(request, retry_after(usage))
        response = self.get_response(request)
        if usage is not None and _token_failed(request, response):
            rate_usage(request, BEARER_GROUP, increment=True)
        return response
