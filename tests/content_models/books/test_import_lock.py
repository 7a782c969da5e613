"""The losing side of two imports of the list is told who runs (or ran) the other one and since when, in the admin
(in the editor's language) and from the management command, and nothing of its file is written. The concurrent
case runs two real connections on PostgreSQL (threads committing for real, cleaned up afterwards); SQLite makes a
second import wait for the first (BEGIN IMMEDIATE), so there the loser meets a changed list, tested on both.
Kept apart from the module-scoped `booklist` fixture, which threads committing for real must not share."""

import io
import re
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.utils import timezone, translation
from wagtail.users.models import UserProfile

from content_models.books.import_lock import ImportBusy
from content_models.books.importing import plan_import, run_import
from content_models.books.models import Author, BookPage

from .test_import_booklist import new_row, write_csv
from .test_import_files import csv_text

pytestmark = pytest.mark.django_db

HOLDER = {"username": "aliya-import", "first_name": "Әлия", "last_name": "Серікова"}


def _plan(list_no, title):
    return plan_import(csv_text([new_row(list_no, title=title, author="Құлыпты Автор")]).encode(), f"{list_no}.csv", default_edition=2025)


def _minutes_now() -> set[str]:
    now = timezone.localtime()
    return {now.strftime("%H:%M"), (now - timezone.timedelta(minutes=1)).strftime("%H:%M")}


@pytest.fixture
def import_in_progress(django_db_blocker):
    """A real import by a named user, stopped halfway inside its transaction on a connection of its own
    (PostgreSQL): yields while it holds the list's lock; then it finishes, and what it wrote is removed."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite lets one writer in at a time, so the second import waits instead (see below)")
    writing, release, outcome = threading.Event(), threading.Event(), {}

    def first():
        try:
            user = get_user_model().objects.create_user(password="x", **HOLDER)
            plan = _plan(1280, "Құлыптағы кітап")

            def hold(rows):
                writing.set()
                release.wait(60)
                return rows

            outcome["created"] = run_import(plan, user=user, progress=hold).created
        except Exception as problem:  # noqa: BLE001
            outcome["created"] = problem
        finally:
            writing.set()
            connections.close_all()

    with django_db_blocker.unblock():
        thread = threading.Thread(target=first)
        thread.start()
        try:
            assert writing.wait(60)
            yield outcome
        finally:
            release.set()
            thread.join(60)
            cleaner = threading.Thread(target=_clean_up)
            cleaner.start()
            cleaner.join(60)
    assert outcome["created"] == 1  # the winner was not disturbed


def _clean_up():
    try:
        for page in BookPage.objects.filter(list_no__in=[1280, 1281, 1282, 1283]).order_by("-depth"):
            page.delete()
        keys = list(Author.objects.filter(name="Құлыпты Автор").values_list("translation_key", flat=True))
        Author.objects.filter(translation_key__in=keys).delete()
        get_user_model().objects.filter(username=HOLDER["username"]).delete()
    finally:
        connections.close_all()


def test_the_loser_is_told_who_runs_the_other_import_and_since_when(import_in_progress, client, moderator, tmp_path):
    # The import itself: stops at the lock at once, names the holder, writes nothing.
    with pytest.raises(ImportBusy) as busy:
        run_import(_plan(1281, "Екінші кітап"))
    assert busy.value.reason == "running" and busy.value.holder.user == "Әлия Серікова"
    assert busy.value.holder.clock in _minutes_now()
    english = str(busy.value)
    assert re.fullmatch(
        r"another import of the list is running \(started by Әлия Серікова at \d\d:\d\d\); nothing was written: "
        r"run this import again when it has finished", english,
    )
    with translation.override("kk"):
        assert busy.value.message().startswith("Тізімнің басқа импорты жүріп жатыр (") and "Әлия Серікова" in busy.value.message()
    with translation.override("ru"):
        assert busy.value.message().startswith("Идёт другой импорт списка (начат пользователем Әлия Серікова в ")

    # The management command: one line, exit code 2.
    with pytest.raises(CommandError) as problem:
        call_command("import_booklist", str(write_csv(tmp_path / "b.csv", [new_row(1282, title="Үшінші кітап", author="Құлыпты Автор")])),
                     stdout=io.StringIO(), stderr=io.StringIO(), verbosity=0)
    assert problem.value.returncode == 2
    assert str(problem.value).startswith("another import of the list is running (started by Әлия Серікова at ")

    # The admin: upload, preview, confirm; the message in the editor's language (Kazakh here).
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "kk"
    profile.save()
    client.force_login(moderator)
    upload = SimpleUploadedFile("c.csv", csv_text([new_row(1283, title="Төртінші кітап", author="Құлыпты Автор")]).encode(), content_type="text/csv")
    preview = client.post("/admin/book-list/import/", {"file": upload, "edition": 2025}).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', preview).group(1)
    html = client.post("/admin/book-list/import/", {"confirm": "1", "token": token}, follow=True).content.decode()
    assert re.search(r"Тізімнің басқа импорты жүріп жатыр \(\d\d:\d\d кезінде Әлия Серікова бастаған\); ештеңе импортталмады\.", html)

    assert not BookPage.objects.filter(list_no__in=[1281, 1282, 1283]).exists()
    assert not BookPage.objects.filter(list_no=1280).exists()  # the winner's rows are not visible before it commits


def test_an_import_of_a_list_changed_since_its_check_names_who_changed_it(editor):
    """What the second import meets once the first has finished (SQLite serialises them; PostgreSQL too when the
    first finishes before the second takes the lock): who wrote the list last, and when; nothing written."""
    editor.first_name, editor.last_name = "Дана", "Ахметова"
    editor.save()
    first, second = _plan(1290, "Бірінші кітап"), _plan(1291, "Екінші кітап")
    assert run_import(first, user=editor).created == 1
    with pytest.raises(ImportBusy) as busy:
        run_import(second)
    assert busy.value.reason == "stale" and busy.value.holder.user == "Дана Ахметова"
    assert re.fullmatch(
        r"the list changed after this file was checked \(by Дана Ахметова at \d\d:\d\d\); nothing was written: "
        r"check the file again and run the import again", str(busy.value),
    )
    with translation.override("ru"):
        assert busy.value.message().startswith("Список изменился после проверки этого файла (Дана Ахметова в ")
    assert not BookPage.objects.filter(list_no=1291).exists()
