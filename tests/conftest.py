"""Shared fixtures: the demo site (home and sections in kk, ru, en) built once per test session."""

from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import APIToken, Locale, Page


def pytest_sessionstart(session):
    from content_models.management.commands.compile_translations import compile_translations, forget_loaded_catalogues

    compile_translations()
    # Django may have loaded a catalogue while setting up, before its .mo existed (a fresh checkout).
    forget_loaded_catalogues()


INTEGRATION = Path(__file__).resolve().parent / "integration"


def pytest_collection_modifyitems(items):
    """Tests in tests/integration/ are marked `integration` (`-m "not integration"` leaves them out). With pytest-xdist
    (`-n 2 --dist loadgroup`) the tests on the live server run on one worker: one server and one Chromium for them
    all, while the other worker takes the rest."""
    for item in items:
        if INTEGRATION in Path(item.path).parents:
            item.add_marker(pytest.mark.integration)
        if "live_demo" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("live-server"))


SAMPLE = Path(__file__).resolve().parents[1] / "content_models" / "demo" / "data" / "recommended-sample.csv"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    from content_models.demo.loader import load_demo

    with django_db_blocker.unblock():
        load_demo(log=lambda message: None)


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


@pytest.fixture
def rerun_demo(db):
    def run():
        call_command("load_demo", verbosity=0)

    return run


_test_connections = set()  # the connections the live-server tests ran on (see demo_server)


@pytest.fixture(scope="session")
def demo_server(django_db_setup, django_db_blocker):
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
    transaction) deletes them; rows the test itself made stay inside its transaction and roll back with it."""
    import threading

    from django.contrib.sessions.models import Session
    from django.db import connections

    from content_models.holdings.models import HoldingsReport

    def forget():
        try:
            Session.objects.all().delete()
            HoldingsReport.objects.all().delete()
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

