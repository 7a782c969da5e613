"""Schemathesis over the whole v3 schema, as served by the app, for three callers: anonymous, an editor's token and
a moderator's token. Every check runs (`--checks all`): no operation answers with a server error, and the portal's
own routers answer only the status codes, content types, headers and bodies their schema documents (the checks
left out for some of Wagtail's operations are in EXCLUDED, with the reason).

Bounded and deterministic (a fixed seed, no example database): for every operation and caller, the schema's
examples and MAX_EXAMPLES generated requests; and once per operation, the boundary cases of every parameter and
body field (Schemathesis' coverage phase, by far the most requests): under the anonymous caller for operations
open to it, under the editor's token for the others. The moderator's token runs the generated requests only."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config import SchemathesisConfig

from portal.api_guards import INT64_MAX
from tests.api_fuzz.conftest import KNOWN_IDS, SENT

pytestmark = pytest.mark.django_db

MAX_EXAMPLES = 10
SCHEMA_URL = "/api/v3/openapi.json"
APP = get_wsgi_application()
load_all_checks()
RAW = schemathesis.openapi.from_wsgi(SCHEMA_URL, APP).raw_schema


def _open_to_anonymous(operation: dict) -> bool:
    security = operation.get("security")
    return not security or {} in security


OPERATIONS = [operation for item in RAW["paths"].values() for operation in item.values() if isinstance(operation, dict)]
OPEN = [operation["operationId"] for operation in OPERATIONS if _open_to_anonymous(operation)]
TOKEN_ONLY = [operation["operationId"] for operation in OPERATIONS if not _open_to_anonymous(operation)]


def _schema(without_boundary_cases: list[str]):
    config = SchemathesisConfig.from_dict({
        "seed": 20261205,
        "generation": {"max-examples": MAX_EXAMPLES, "deterministic": True, "database": "none"},
        "checks": {
            # A request valid against the schema may still break a rule the schema cannot state (a date range the
            # wrong way round, a file that is not a table): that is a documented 400 problem. A 422 is not
            # allowed: it would mean the server's validation and its schema disagree.
            "positive_data_acceptance": {"expected-statuses": ["2xx", "3xx", 400, 401, 403, 404, 409, 429]},
        },
        "operations": [{"include-operation-id": without_boundary_cases, "phases": {"coverage": {"enabled": False}}}],
    })
    loaded = schemathesis.openapi.from_dict(RAW, config=config)
    loaded.app, loaded.location = APP, SCHEMA_URL
    for hook in (map_path_parameters, map_query, map_body):
        loaded.hook(hook)
    # Wagtail's snippets router with no snippet model exposed to the API (the portal exposes none) declares its
    # `type` path parameter as the constant "": no request to it can be generated (/api/v3/snippets//).
    return loaded.exclude(path_regex="^/api/v3/snippets/")


FUZZ = settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck), print_blob=False)

# Integers named like these are steered, two times in three, to objects of the fuzzed site (the root page among
# them), so detail and action operations reach real pages and not only 404s.
ID_POOLS = {
    "page_id": "page_id", "parent_id": "page_id", "destination_id": "page_id", "child_of": "page_id",
    "descendant_of": "page_id", "ancestor_of": "page_id", "translation_of": "page_id", "id": "page_id",
    "book_id": "book_id", "revision_id": "revision_id", "site_id": "site_id",
}


def _known(name: str, value):
    pool = KNOWN_IDS.get(ID_POOLS.get(name, ""))
    if not pool or isinstance(value, bool) or not isinstance(value, int) or not 0 < value <= INT64_MAX or value % 3 == 0:
        return value
    return pool[value % len(pool)]


def _steer(values):
    if isinstance(values, dict):
        return {name: _steer(value) if isinstance(value, dict | list) else _known(name, value) for name, value in values.items()}
    if isinstance(values, list):
        return [_steer(value) for value in values]
    return values


def map_path_parameters(context, path_parameters):
    return _steer(path_parameters)


def map_query(context, query):
    return _steer(query) if query else query


def map_body(context, body):
    return _steer(body)


ANONYMOUS = _schema(without_boundary_cases=TOKEN_ONLY)
EDITOR = _schema(without_boundary_cases=OPEN)
MODERATOR = _schema(without_boundary_cases=OPEN + TOKEN_ONLY)


# Checks left out for some of Wagtail's operations, where Wagtail answers what its schema does not say and the
# portal cannot change it without changing Wagtail.
WAGTAIL_LISTINGS_422 = (
    "Wagtail's listings refuse combinations their schema cannot express with 422: `order=random` with an `offset`, "
    "`child_of` with `descendant_of`"
)
WAGTAIL_PAGE_ACTIONS_422 = (
    "Wagtail answers a page action that the tree's state forbids with 422: a slug already taken at the destination "
    "(or an empty slug, which its form requires but its schema allows), a page that is not an alias, a parent not "
    "yet translated"
)
WAGTAIL_UPLOADS_422 = (
    "Wagtail's document and image forms require a `title` that their schema leaves optional, and read a null "
    "multipart field as the text 'null'"
)
EXCLUDED = {
    "pages_list": {"positive_data_acceptance": WAGTAIL_LISTINGS_422},
    "redirects_list": {"positive_data_acceptance": WAGTAIL_LISTINGS_422},
    "documents_list": {"positive_data_acceptance": WAGTAIL_LISTINGS_422},
    "images_list": {"positive_data_acceptance": WAGTAIL_LISTINGS_422},
    "pages_actions_copy": {"positive_data_acceptance": WAGTAIL_PAGE_ACTIONS_422},
    "pages_actions_create_alias": {"positive_data_acceptance": WAGTAIL_PAGE_ACTIONS_422},
    "pages_actions_convert_alias": {"positive_data_acceptance": WAGTAIL_PAGE_ACTIONS_422},
    "pages_actions_copy_for_translation": {"positive_data_acceptance": WAGTAIL_PAGE_ACTIONS_422},
    "documents_create": {"positive_data_acceptance": WAGTAIL_UPLOADS_422},
    "images_create": {"positive_data_acceptance": WAGTAIL_UPLOADS_422},
}


def _excluded(case) -> list:
    names = EXCLUDED.get(case.operation.definition.raw.get("operationId"), {})
    return [check for check in CHECKS.get_all() if getattr(check, "__name__", None) in names]


def _call(case, role: str, token: str | None = None):
    operations, requests = SENT.setdefault(role, (set(), []))
    operations.add(case.operation.label)
    requests.append(1)
    headers = {"Authorization": f"Bearer {token}"} if token else None
    case.call_and_validate(headers=headers, excluded_checks=_excluded(case))


@ANONYMOUS.parametrize()
@FUZZ
def test_anonymous(case, fuzz_site):
    _call(case, "anonymous")


@EDITOR.parametrize()
@FUZZ
def test_editor(case, fuzz_site, editor_token):
    _call(case, "editor", editor_token)


@MODERATOR.parametrize()
@FUZZ
def test_moderator(case, fuzz_site, moderator_token):
    _call(case, "moderator", moderator_token)
