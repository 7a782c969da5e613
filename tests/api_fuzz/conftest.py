"""The site the API fuzz tests run against: the skeleton plus a few pages of every kind the portal's routers
serve, built once for the module in a transaction rolled back after its last test (each test runs in a savepoint
inside it, so what one operation's examples write is gone before the next operation's)."""

import datetime

import pytest

# Ids the fuzzer's examples are steered to (tests/api_fuzz/test_schemathesis.py), filled by `fuzz_site`.
KNOWN_IDS: dict[str, list[int]] = {}
# Requests sent by caller: (the operations, the number of requests), printed after the module's run.
SENT: dict[str, tuple[set, list]] = {}


def _build_site() -> dict[str, list[int]]:
    from wagtail.models import Page, Revision, Site

    from content_models.home.models import HomePage
    from tests.factories.pages import calendar, event, exhibition, make_book, make_guideline, make_translated_book, notable_page, schedule
    from tests.factories.snippets import event_type

    books = [
        make_book(1, "Абай жолы"),
        make_book(2, "Көксерек", author="Мұхтар Әуезов"),
        make_book(3, "Менің атым Қожа", author="Бердібек Соқпақбаев"),
    ]
    books += make_translated_book(4, {"kk": "Қара сөздер", "ru": "Слова назидания", "en": "Book of Words"},
                                  authors={"kk": "Абай Құнанбайұлы", "ru": "Абай Кунанбаев", "en": "Abai Qunanbaiuly"}).values()
    reading = event_type("reading", "Оқу")
    events = [
        event("Кітап күні", start_date=datetime.date(2026, 4, 23), event_type=reading, books=books[:1]),
        event("Оқу апталығы", start_date=datetime.date(2026, 9, 1), end_date=datetime.date(2026, 9, 7)),
    ]
    guidance = Page.objects.get(slug="guidance", locale__language_code="kk", depth=3)
    guideline = make_guideline(guidance, "oqu-adistemesi", title="Оқу әдістемесі")
    year = schedule(2026)
    shows = [exhibition(year, "Абай әлемі", datetime.date(2026, 10, 1), datetime.date(2026, 10, 31), books=books[:2])]
    dates = notable_page(2026, dates=[(datetime.date(2026, 11, 1), "Кітапхана күні", "professional")], parent=calendar())
    pages = [page.pk for page in (*books, *events, guideline, year, *shows, dates)]
    homes = list(HomePage.objects.values_list("pk", flat=True))
    return {
        "page_id": [Page.get_first_root_node().pk, *homes, *pages],
        "book_id": [book.pk for book in books],
        "revision_id": list(Revision.objects.filter(object_id__in=[str(pk) for pk in pages]).values_list("pk", flat=True)),
        "site_id": list(Site.objects.values_list("pk", flat=True)),
    }


def pytest_itemcollected(item):
    """One test per operation and caller, each with an id of its own (test_editor[POST /api/v3/pages/]): under
    pytest 9's structured node ids, Schemathesis' items would all share their function's id, and pytest-xdist, which
    hands tests out by id, would run one operation per caller."""
    label = getattr(item, "operation_label", None)
    if label and item.id.params is None:
        item._id = item.id.with_params(label)


@pytest.fixture(scope="module", autouse=True)
def _requests_keep_the_test_connection():
    """Schemathesis calls the WSGI application itself, not through Django's test client: like the client, keep
    Django from closing the database connection at the end of each request (on PostgreSQL that would end the test's
    transaction)."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(scope="module", autouse=True)
def _report_requests_sent(request):
    yield
    reporter = request.config.pluginmanager.get_plugin("terminalreporter")
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            for role, (operations, requests) in SENT.items():
                reporter.write_line(f"api fuzz, {role}: {len(requests)} requests to {len(operations)} operations")
    SENT.clear()


@pytest.fixture(scope="module")
def fuzz_site(django_db_setup, django_db_blocker):
    from django.db import transaction

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        KNOWN_IDS.update(_build_site())
    yield KNOWN_IDS
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)
    KNOWN_IDS.clear()
