"""The portal's one v3 API object: Wagtail's routers plus the portal's own."""

from ninja.openapi.docs import Swagger
from wagtail.api.v3.api import api

from content_models.books.api import router as books_router
from content_models.core.api import moderation_router
from content_models.events.api import events_router, notable_dates_router
from content_models.exhibitions.api import router as exhibitions_router
from content_models.holdings.api import router as holdings_router
from portal.api_docs import problem_responses, request_limits
from portal.api_guards import install_api_guards
from portal.ratelimit import API_OPERATIONS
from search.api import router as search_router

api.title = "Balalar kitaphanasy API"
api.description = (
    "Read and write API of the Balalar kitaphanasy portal. Reads are anonymous and return only live, "
    "public content; filter by `locale` (kk, ru, en). Writes need `Authorization: Bearer <token>` "
    "(tokens: `python manage.py api_tokens create USER --name LABEL`) and follow the admin's permissions "
    "and the moderation workflow."
)


def _valid_openapi_schema(get_schema):
    """Wagtail's AllowAnonymous is declared as an HTTP security scheme without a `scheme`, which is not valid
    OpenAPI. Anonymous access is written the OpenAPI way instead: an empty security requirement."""

    def wrapper(*args, **kwargs):
        schema = get_schema(*args, **kwargs)
        schemes = schema.get("components", {}).get("securitySchemes", {})
        schemes.pop("AllowAnonymous", None)
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                if isinstance(operation, dict) and "security" in operation:
                    operation["security"] = [{} if "AllowAnonymous" in req else req for req in operation["security"]]
        return schema

    return wrapper


def _rate_limit_responses(get_schema):
    """429 on the operations that count requests per client (portal/ratelimit.py): the rate-limited ones, and
    every operation taking a bearer token (too many failed tokens from one client)."""
    retry_after = {"description": "seconds until the client's window frees", "schema": {"type": "integer", "minimum": 1}}
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/ProblemDetail"}}}

    def wrapper(*args, **kwargs):
        schema = get_schema(*args, **kwargs)
        for path_item in schema.get("paths", {}).values():
            for operation in path_item.values():
                if not isinstance(operation, dict) or "responses" not in operation:
                    continue
                reasons = []
                if operation.get("operationId") in API_OPERATIONS:
                    reasons.append("this client made too many requests of this kind")
                if any("BearerTokenAuth" in requirement for requirement in operation.get("security", [])):
                    reasons.append("too many failed bearer tokens came from this client")
                if reasons:
                    operation["responses"]["429"] = {
                        "description": f"Too many requests: {'; or '.join(reasons)}. Retry after `Retry-After` seconds.",
                        "headers": {"Retry-After": retry_after},
                        "content": problem,
                    }
        return schema

    return wrapper


def _documented_errors(get_schema):
    """Every operation's error answers as RFC 9457 problems, and the limits every request is held to
    (portal.api_docs, portal.api_guards)."""

    def wrapper(*args, **kwargs):
        return request_limits(problem_responses(get_schema(*args, **kwargs)))

    return wrapper


# Swagger UI from the portal's own static files ("ninja" in INSTALLED_APPS), without the online validator badge
# that would send the schema's address to validator.swagger.io.
api.docs = Swagger(settings={"validatorUrl": None})

if not getattr(api, "_portal_routers_added", False):
    api.get_openapi_schema = _documented_errors(_rate_limit_responses(_valid_openapi_schema(api.get_openapi_schema)))
    install_api_guards(api)
    api.add_router("/moderation/", moderation_router)
    api.add_router("/books/", books_router)
    api.add_router("/events/", events_router)
    api.add_router("/exhibitions/", exhibitions_router)
    api.add_router("/notable-dates/", notable_dates_router)
    api.add_router("/search/", search_router)
    api.add_router("/holdings/", holdings_router)
    api._portal_routers_added = True

__all__ = ["api"]
