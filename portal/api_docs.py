"""What the v3 OpenAPI schema says about errors and limits, added to the schema Django Ninja builds.

Every error of the API, Wagtail's and the portal's, is an RFC 9457 problem (`application/problem+json`: type,
title, status, detail, and `errors` for a request that failed validation). Ninja documents only the responses
an operation declares; `problem_responses` documents the others each operation can give, `request_limits` the
limits `portal.api_guards` enforces. Both take and return the schema dict.
"""

from django.conf import settings
from wagtail.api.v3.errors import PROBLEM_JSON, ProblemDetail

from portal.api_guards import INT64_MAX, INT64_MIN, SEARCH_MAX_LENGTH, SEARCH_MAX_WORDS

PROBLEM_REF = {"$ref": "#/components/schemas/ProblemDetail"}
PROBLEMS = {
    "400": "Bad request: a parameter or the body is wrong in a way its schema cannot say; `detail` tells which.",
    "401": "Authentication required: no token, or a token that is unknown, expired or revoked.",
    "403": "The token's user may not do this (the admin's permissions and the moderation workflow apply).",
    "404": "Not found, or not live and public.",
    "422": "A parameter or the body does not match its schema; `errors` lists each problem (`loc`, `msg`, `type`).",
}
# The portal's own routers (portal/api.py); the rest of the schema is Wagtail's.
PORTAL_PATHS = tuple(f"/api/v3/{name}/" for name in ("moderation", "books", "events", "exhibitions", "notable-dates", "search", "holdings"))
FOUND = {
    "description": "Found: the object's detail URL is in `Location`.",
    "headers": {"Location": {"description": "the detail URL", "schema": {"type": "string"}}},
}
OPERATIONS = ("get", "put", "post", "patch", "delete", "head", "options", "trace")


def _operations(schema: dict):
    for path, path_item in schema.get("paths", {}).items():
        for method, operation in path_item.items():
            if method in OPERATIONS and isinstance(operation, dict):
                yield path, operation


def _needs_token(operation: dict) -> bool:
    security = operation.get("security")
    return bool(security) and {} not in security


def _problem(description: str) -> dict:
    return {"description": description, "content": {PROBLEM_JSON: {"schema": PROBLEM_REF}}}


def problem_responses(schema: dict) -> dict:
    """Each operation's 4xx answers as problems: those it declares, and 400 and 422 where it takes parameters or
    a body, 401 and 403 where it needs a token, 404 where a path names an object."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.setdefault("ProblemDetail", ProblemDetail.model_json_schema(ref_template="#/components/schemas/{model}"))
    for path, operation in _operations(schema):
        # Ninja keys the responses by int; JSON keys are strings (and two spellings of one code would clash).
        responses = operation["responses"] = {str(code): response for code, response in operation.get("responses", {}).items()}
        codes = set()
        if operation.get("parameters") or operation.get("requestBody"):
            codes |= {"400", "422"}
        if _needs_token(operation):
            codes |= {"401", "403"}
        if "{" in path or operation.get("operationId", "").endswith("_find"):
            codes.add("404")
        if not path.startswith(PORTAL_PATHS) and (operation.get("parameters") or operation.get("requestBody")):
            codes.add("404")  # Wagtail looks up the site, locale, parent or destination a parameter names
        if operation.get("operationId", "").endswith("_find"):
            responses.setdefault("302", FOUND)
        for code in codes:
            responses.setdefault(code, _problem(PROBLEMS[code]))
        for code, response in responses.items():
            if code.startswith("4"):
                response["content"] = {PROBLEM_JSON: {"schema": PROBLEM_REF}}
                if not response.get("description") or response["description"] in ("Bad Request", "Not Found"):
                    response["description"] = PROBLEMS.get(code, "")
    return schema


def _bound_integers(node) -> None:
    """Every integer of the API is a 64-bit one (portal.api_guards refuses others)."""
    if isinstance(node, dict):
        if node.get("type") == "integer":
            node.setdefault("format", "int64")
            if "maximum" not in node and "exclusiveMaximum" not in node:
                node["maximum"] = INT64_MAX
            if "minimum" not in node and "exclusiveMinimum" not in node:
                node["minimum"] = INT64_MIN
        for value in node.values():
            _bound_integers(value)
    elif isinstance(node, list):
        for value in node:
            _bound_integers(value)


def _one_of_languages(schema: dict, languages: list[str]) -> None:
    for option in schema.get("anyOf", [schema]):
        if option.get("type") == "string":
            option["enum"] = languages


NO_NUL = "^[^\\x00]*$"


def _no_nul(node: dict) -> None:
    """No text of a request holds a NUL character (portal.api_guards answers 422: PostgreSQL cannot store or even
    compare it); the portal never answers one either, so the shared component schemas say so too."""
    if node.get("type") == "string" and not ({"enum", "const", "pattern", "format"} & node.keys()):
        node["pattern"] = NO_NUL
    for key in ("anyOf", "oneOf", "allOf"):
        for option in node.get(key, []):
            _no_nul(option)
    if isinstance(node.get("items"), dict):
        _no_nul(node["items"])
    for value in node.get("properties", {}).values():
        if isinstance(value, dict):
            _no_nul(value)


def request_limits(schema: dict) -> dict:
    """The limits of portal.api_guards: 64-bit integers, the pages listing's search at most SEARCH_MAX_LENGTH
    characters (its first SEARCH_MAX_WORDS words searched), revisions' `user_id` an id; and the languages the portal's own operations take
    in `locale` (any other is a 400)."""
    _bound_integers(schema.get("paths", {}))
    _bound_integers(schema.get("components", {}).get("schemas", {}))
    languages = [code for code, _name in settings.LANGUAGES]
    for component in schema.get("components", {}).get("schemas", {}).values():
        _no_nul(component)
    for path, operation in _operations(schema):
        for content in operation.get("requestBody", {}).get("content", {}).values():
            _no_nul(content.get("schema", {}))
            for value in content.get("schema", {}).get("properties", {}).values():
                if value.get("format") == "binary":
                    value["minLength"] = 1  # an empty upload arrives as no file at all
        for parameter in operation.get("parameters", []):
            _no_nul(parameter.get("schema", {}))
        if path.startswith(PORTAL_PATHS):
            for parameter in operation.get("parameters", []):
                if parameter.get("name") == "locale" and parameter.get("in") == "query":
                    _one_of_languages(parameter.setdefault("schema", {}), languages)
            for content in operation.get("requestBody", {}).get("content", {}).values():
                locale = content.get("schema", {}).get("properties", {}).get("locale")
                if locale is not None:
                    _one_of_languages(locale, languages)
        for parameter in operation.get("parameters", []):
            if parameter.get("name") == "user_id" and parameter.get("in") == "query":
                parameter["schema"] = {"anyOf": [{"type": "integer", "minimum": INT64_MIN, "maximum": INT64_MAX, "format": "int64"}, {"type": "null"}]}
                parameter["description"] = "Only revisions by the user of this id."
        if operation.get("operationId") != "pages_list":
            continue
        for parameter in operation.get("parameters", []):
            if parameter.get("name") == "search" and parameter.get("in") == "query":
                parameter.setdefault("schema", {})["maxLength"] = SEARCH_MAX_LENGTH
                parameter["description"] = (
                    f"Full-text search: at most {SEARCH_MAX_LENGTH} characters, of which the first "
                    f"{SEARCH_MAX_WORDS} words are searched."
                )
    return schema
