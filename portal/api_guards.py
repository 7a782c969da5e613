"""Checks in front of every v3 operation, Wagtail's and the portal's, run after authentication and parameter
validation and before the operation itself: what the database or Wagtail cannot take is answered with a 4xx
problem (RFC 9457) instead of a server error.

- Every integer of a request (path, query or body) is a 64-bit integer: a larger one (an id or an offset of 20
  digits) is refused with 422, as a too small one is. SQLite cannot bind it and PostgreSQL cannot OFFSET by it.
- No text of a request holds a NUL character (422): PostgreSQL refuses it even in a comparison.
- The pages listing's `search` is at most SEARCH_MAX_LENGTH characters (422 beyond), and only its first
  SEARCH_MAX_WORDS words are searched: Wagtail's search compiler nests one query per word and runs out of stack
  near a hundred words.
- The root of the page tree (a page without a parent) cannot be copied, aliased or moved, and no page can be
  moved beside it (as its sibling): 400. Wagtail would look for a free slug among the children of a parent the
  root does not have, or check permissions on that missing parent.
- A revisions listing's `user_id` is a user's id (Wagtail declares it as an integer or any text): 422 otherwise.
- Anonymous readers of the pages endpoints get no live page below an unpublished one (the site 404s it too).
- A JSON body is an object: Wagtail's page bodies are told apart by their `meta.type` and cannot take a list.

`install_api_guards(api)` adds them to the API object (`api.add_decorator`, before its routers are bound): the
body check before validation and authentication, the others after.
The OpenAPI schema states the same limits (`portal.api_docs`).
"""

import json
from functools import wraps

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import HttpRequest
from ninja import NinjaAPI, Schema
from ninja.errors import HttpError
from pydantic import ValidationError as PydanticValidationError
from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.routers import pages as pages_router
from wagtail.models import Page

from content_models.core.pages import under_unpublished

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
SEARCH_MAX_LENGTH = 200
SEARCH_MAX_WORDS = 32
ROOT_PAGE_ACTIONS = {"copy": "copied", "create_alias": "aliased", "move": "moved"}
CHILD_POSITIONS = {"first-child", "last-child", "sorted-child"}
WAGTAIL_PAGES = "wagtail.api.v3.routers.pages"
NUL_REFUSED = ValueError("the text holds a NUL character (U+0000)")


def _out_of_range(value, loc: tuple) -> list[dict]:
    """Errors (Pydantic's shape) for every integer in `value`, however nested, outside 64 bits, and every text
    holding a NUL character (PostgreSQL cannot take it, not even to compare)."""
    if isinstance(value, bool):
        return []
    if isinstance(value, str):
        return [{"type": "value_error", "loc": loc, "input": value, "ctx": {"error": NUL_REFUSED}}] if "\x00" in value else []
    if isinstance(value, int):
        if value > INT64_MAX:
            return [{"type": "less_than_equal", "loc": loc, "input": value, "ctx": {"le": INT64_MAX}}]
        if value < INT64_MIN:
            return [{"type": "greater_than_equal", "loc": loc, "input": value, "ctx": {"ge": INT64_MIN}}]
        return []
    if isinstance(value, Schema):
        return [error for name in type(value).model_fields for error in _out_of_range(getattr(value, name), (*loc, name))]
    if isinstance(value, dict):
        return [error for key, item in value.items() for error in _out_of_range(item, (*loc, str(key)))]
    if isinstance(value, list | tuple):
        return [error for index, item in enumerate(value) for error in _out_of_range(item, (*loc, index))]
    return []


def _check_integers(kwargs: dict) -> None:
    errors = []
    for name, value in kwargs.items():
        # Query and body schemas are flattened into the request: their fields are named without the argument's name.
        errors += _out_of_range(value, () if isinstance(value, Schema) else (name,))
    if errors:
        raise PydanticValidationError.from_exception_data("Validation error", errors, hide_input=True)


def _check_search(kwargs: dict) -> None:
    search = kwargs.get("search")
    text = getattr(search, "search", None)
    if not isinstance(text, str):
        return
    if len(text) > SEARCH_MAX_LENGTH:
        raise PydanticValidationError.from_exception_data(
            "Validation error",
            [{"type": "string_too_long", "loc": ("search",), "input": text, "ctx": {"max_length": SEARCH_MAX_LENGTH}}],
            hide_input=True,
        )
    words = text.split()
    if len(words) > SEARCH_MAX_WORDS:
        search.search = " ".join(words[:SEARCH_MAX_WORDS])


def _is_root(page_id) -> bool:
    return isinstance(page_id, int) and Page.objects.filter(pk=page_id, depth=1).exists()


def _check_not_root(action: str, kwargs: dict) -> None:
    if _is_root(kwargs.get("page_id")):
        raise HttpError(400, f"The root of the page tree cannot be {ROOT_PAGE_ACTIONS[action]}: it has no parent.")
    data = kwargs.get("data")
    if action == "move" and getattr(data, "position", None) not in CHILD_POSITIONS and _is_root(getattr(data, "destination_id", None)):
        raise HttpError(400, "A page cannot be moved beside the root of the page tree; move it under a page (position first-child or last-child).")


def _check_user_id(kwargs: dict) -> None:
    user_id = getattr(kwargs.get("filters"), "user_id", None)
    if not isinstance(user_id, str):
        return
    try:
        get_user_model()._meta.pk.to_python(user_id)
    except DjangoValidationError:
        raise PydanticValidationError.from_exception_data(
            "Validation error", [{"type": "int_parsing", "loc": ("user_id",), "input": user_id}], hide_input=True
        ) from None


def api_guard(view_func):
    """The checks for one operation's view (given its validated arguments)."""
    name = getattr(view_func, "__name__", "")
    wagtail_pages = getattr(view_func, "__module__", "") == WAGTAIL_PAGES

    @wraps(view_func)
    def guarded(request: HttpRequest, *args, **kwargs):
        _check_integers(kwargs)
        if wagtail_pages and name == "list_pages":
            _check_search(kwargs)
        if wagtail_pages and name in ROOT_PAGE_ACTIONS:
            _check_not_root(name, kwargs)
        _check_user_id(kwargs)
        return view_func(request, *args, **kwargs)

    return guarded


def body_guard(run):
    """A JSON body that is not an object is a 422 problem (before Ninja validates it)."""

    @wraps(run)
    def guarded(request: HttpRequest, *args, **kwargs):
        if request.content_type == "application/json" and request.body:
            try:
                body = json.loads(request.body)
            except ValueError:
                body = {}  # Ninja answers malformed JSON itself
            if not isinstance(body, dict):
                errors = [{"type": "model_type", "loc": ["body"], "msg": "Input should be a JSON object"}]
                return problem_response(status=422, detail="Validation failed", errors=errors)
        return run(request, *args, **kwargs)

    return guarded


def _hide_below_unpublished(get_pages_queryset):
    """Anonymous readers of the pages endpoints never get a live page below an unpublished one (Wagtail's public
    queryset checks each page's own state and restrictions only), as the site itself 404s it."""

    @wraps(get_pages_queryset)
    def wrapper(request, *args, **kwargs):
        queryset = get_pages_queryset(request, *args, **kwargs)
        if request.user.is_authenticated:
            return queryset
        return queryset.exclude(under_unpublished())

    wrapper.portal_wrapped = True
    return wrapper


def install_api_guards(api: NinjaAPI) -> None:
    if not getattr(pages_router.get_pages_queryset, "portal_wrapped", False):
        pages_router.get_pages_queryset = _hide_below_unpublished(pages_router.get_pages_queryset)
    api.add_decorator(api_guard, mode="operation")
    api.add_decorator(body_guard, mode="view")
