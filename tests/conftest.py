"""Shared fixtures: the site's skeleton (home and sections in kk, ru, en) for every test, the whole demo for
integration and browser tests, users, tokens and the live server."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import APIToken, Locale, Page


def pytest_sessionstart(session):
    from content_models.management.commands.compile_translations import compile_translations, forget_loaded_catalogues

    compile_translations()
    # Django may have loaded a catalogue while setting up, before its .mo existed (a fresh checkout).
    forget_loaded_catalogues()


TESTS = Path(__file__).resolve().parent
INTEGRATION = TESTS / "integration"
BROWSER = TESTS / "browser"
DEMO_LOADER = TESTS / "content_models" / "demo"  # the demo loader's own tests
DEMO_FIXTURES = {"demo", "demo_server", "live_demo"}


def needs_demo(item) -> bool:
    """Tests in tests/integration/, tests/browser/ and tests/content_models/demo/ run over the whole demo; the rest (unit
    tests) see only the site's skeleton, the home page and the sections in kk, ru and en, and build their own data."""
    return bool({INTEGRATION, BROWSER, DEMO_LOADER} & set(Path(item.path).parents))


def pytest_itemcollected(item):
    if INTEGRATION in Path(item.path).parents:
        item.add_marker(pytest.mark.integration)
    if not needs_demo(item):
        if DEMO_FIXTURES & set(item.fixturenames):
            raise pytest.UsageError(f"{item.nodeid} uses the demo: tests over the demo live in tests/integration/")
        return
    if "demo" not in item.fixturenames:
        # First of the test's fixtures: the demo must be loaded and committed before the test's transaction begins.
        item.fixturenames.insert(0, "demo")


@pytest.hookimpl(trylast=True)  # after pytest-django's own ordering, which it keeps within each part
def pytest_collection_modifyitems(items):
    """Tests in tests/integration/ are marked `integration` (`-m "not integration"` leaves them out). The tests over
    the demo run last, the browsers' first: the demo is loaded (once per process, lazily) by the process that reaches
    them, after its unit tests, so no unit test ever runs in a process that has loaded the demo
    (`_unit_tests_see_no_demo` checks)."""
    unit = [item for item in items if not needs_demo(item)]
    browsers = [item for item in items if BROWSER in Path(item.path).parents]
    other = [item for item in items if needs_demo(item) and BROWSER not in Path(item.path).parents]
    items[:] = unit + browsers + other


def pytest_configure(config):
    if getattr(config.option, "dist", "no") not in ("no", "each"):
        config.option.loadscopereorder = False


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist hands out work a unit at a time, in collection order: a unit test module (so its module-scoped
    fixtures, like `booklist`, are set up once), then the browser tests as one unit and the other tests over the demo
    as another. A worker that takes a demo unit loads the demo, and since those units come last it takes no unit test
    afterwards. (Units are read from the test ids alone: the controller does not collect.)"""
    from xdist.scheduler import LoadScopeScheduling

    class ModulesThenDemo(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            path = nodeid.split("::")[0]
            if path.startswith("tests/browser/"):
                return "demo: browsers"
            if path.startswith(("tests/integration/", "tests/content_models/demo/")):
                return "demo"
            return path

    return ModulesThenDemo(config, log)


_demo_loaded = False


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The skeleton every test starts from: the kk home page at the site root and its sections and information page,
    with their ru and en translations (what the demo loader builds first, without the content under them)."""
    from content_models.demo.loader import demo_about, demo_home, demo_sections

    with django_db_blocker.unblock():
        home, _created = demo_home(log=lambda message: None)
        demo_sections(home, log=lambda message: None)
        demo_about(home, log=lambda message: None)


@pytest.fixture(scope="session")
def demo(django_db_setup, django_db_blocker):
    """The whole demo over the skeleton, loaded once per test process, committed: the sample book list, the
    guidance, the calendars and the search index. For integration and browser tests only (see needs_demo)."""
    global _demo_loaded
    from django.db import transaction

    from content_models.demo.calendars import demo_calendars
    from content_models.demo.guidance import demo_guidance
    from content_models.demo.loader import load_demo
    from search.indexing import rebuild

    quiet = lambda message: None  # noqa: E731
    with django_db_blocker.unblock(), transaction.atomic():
        _demo_loaded = True
        # The sections exist (the skeleton), so the loader imports the book list and leaves them alone; the content
        # it would have built under new sections is built here under these.
        sections = load_demo(log=quiet)["sections"]
        demo_guidance(sections, set(sections), quiet)
        demo_calendars(sections, set(sections), quiet)
        rebuild()


@pytest.fixture(scope="module")
def booklist(django_db_setup, django_db_blocker):
    """The sample of the recommended list (150 titles in kk, ru and en, the 2024 edition, with the authors' dates) for
    the tests of one module: imported in a transaction that is rolled back after the module's last test (each test
    runs in a savepoint inside it). For tests that need a real list, e.g. matching spellings among near neighbours.
    Its transaction holds the rows it wrote until the module ends: tests whose own threads write pages (PostgreSQL
    concurrency tests) would wait on them, so they belong in a module without it."""
    from django.db import transaction

    from content_models.demo.calendars import demo_author_dates
    from content_models.demo.loader import demo_books

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        demo_books(log=lambda message: None)
        demo_author_dates(log=lambda message: None)
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture(autouse=True)
def _unit_tests_see_no_demo(request):
    if _demo_loaded and not needs_demo(request.node):
        pytest.fail("a unit test ran after this process loaded the demo: tests over the demo must run last")


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Version numbers live in the database and roll back with each test; caches keyed by them must not."""
    from django.core.cache import cache

    from content_models.books import catalogue

    cache.clear()
    catalogue._snapshots.clear()
    yield
    cache.clear()
    catalogue._snapshots.clear()


@pytest.fixture
def home_pages(db):
    """The three home pages by language code."""
    from content_models.home.models import HomePage

    return {page.locale.language_code: page for page in HomePage.objects.select_related("locale")}


@pytest.fixture
def locales(db):
    return {locale.language_code: locale for locale in Locale.objects.all()}


def _user(username, group_name=None, superuser=False):
    from wagtail.users.models import UserProfile

    User = get_user_model()
    user = User.objects.create_user(username=username, password="pass-" + username, is_superuser=superuser)
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    # The admin speaks English to these test users, so assertions read the same whatever LANGUAGE_CODE is.
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    return user


@pytest.fixture
def editor(db):
    return _user("editor", "Editors")


@pytest.fixture
def moderator(db):
    return _user("moderator", "Moderators")


def token_for(user) -> str:
    _, plaintext = APIToken.create_token(user=user, name=f"{user.username} token")
    return plaintext


@pytest.fixture
def editor_token(editor):
    return token_for(editor)


@pytest.fixture
def moderator_token(moderator):
    return token_for(moderator)


@pytest.fixture
def section(db):
    """Return the live section page of a type in a language: section("books", "ru")."""

    def get(slug: str, language: str = "kk") -> Page:
        return Page.objects.get(slug=slug, locale__language_code=language, depth=3).specific

    return get


_test_connections = set()  # the connections the live-server tests ran on (see demo_server)


@pytest.fixture(scope="session")
def demo_server(demo, django_db_blocker):
    """One live server for the whole session, serving the demo that django_db_setup loaded and committed.

    Browser tests read: they run inside the `db` fixture's rolled-back transaction, so nothing flushes the
    database between them and the demo is never loaded again (a transactional test would empty every table
    and cost a full demo load per test). What the server itself commits on PostgreSQL is removed after each
    test (see live_demo)."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost:0")
    yield server
    server.stop()
    # Playwright runs the tests in contexts of their own, and Django keeps a connection per context: close the
    # ones the tests used, or PostgreSQL could not drop the test database (it would still be "in use").
    for connection in _test_connections:
        connection.close()


@pytest.fixture
def live_demo(demo_server, db):
    """The session's live demo server, for one test (its URL: live_demo.url).

    On in-memory SQLite the server shares the test's connection, the one inside the test's transaction, so
    what a request writes is rolled back with the test; on PostgreSQL the server has its own connection."""
    from django.db import connections

    _test_connections.update(connections.all())
    override = demo_server.thread.connections_override
    previous = dict(override)
    for alias in previous:
        connection = connections[alias]
        connection.inc_thread_sharing()
        override[alias] = connection
    yield demo_server
    # The connection stays shareable: a request the browser left in flight may still close it after the test.
    override.update(previous)
    if not previous:
        _forget_what_live_requests_committed()


def _forget_what_live_requests_committed():
    """On PostgreSQL the live server's requests commit on their own connection: the sessions and saved holdings
    reports they made would outlive the test. A thread of its own (so a connection of its own, outside the test's
    transaction) deletes them (and the checks they queued); rows the test itself made stay inside its transaction
    and roll back with it."""
    import threading

    from django.contrib.sessions.models import Session
    from django.db import connections

    from content_models.holdings.jobs import HoldingsJob
    from content_models.holdings.models import HoldingsReport

    def forget():
        try:
            Session.objects.all().delete()
            HoldingsReport.objects.all().delete()
            HoldingsJob.objects.all().delete()
        finally:
            connections.close_all()

    thread = threading.Thread(target=forget)
    thread.start()
    thread.join()


@pytest.fixture(scope="session")
def live_admin(django_db_setup, django_db_blocker):
    """(username, password) of a superuser committed for the whole session: a live server with its own database
    connection (PostgreSQL) sees it, which it would not of a user made inside a test's transaction."""
    username, password = "live-admin", "Qupiya-Soz-2026"
    with django_db_blocker.unblock():
        User = get_user_model()
        if not User.objects.filter(username=username).exists():
            User.objects.create_superuser(username, email="admin@school.kz", password=password)
    return username, password


