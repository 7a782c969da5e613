"""import_booklist with files as librarians have them: any ISO 639 language, broken lines, other encodings,
concurrent imports, the admin's summary of errors, and the XLSX export's layout. Each test builds the few books it
needs (the round trips of the whole sample list are in test_import_booklist.py)."""

import io
import re
import threading
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from openpyxl import load_workbook

from content_models.books.import_lock import IMPORT_LOCK_KEY
from content_models.books.importing import ImportBusy, plan_import, run_import
from content_models.books.models import Author, BookPage
from content_models.books.rows import REQUIRED_COLUMNS
from tests.factories import make_book

from .test_import_booklist import new_row, run, write_csv

pytestmark = pytest.mark.django_db


def command_fails(path, *args):
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError) as problem:
        call_command("import_booklist", str(path), *args, stdout=out, stderr=err, verbosity=0)
    return out.getvalue(), err.getvalue(), problem.value


def csv_text(rows, delimiter=","):
    lines = [delimiter.join(REQUIRED_COLUMNS)]
    lines += [delimiter.join(row[column] for column in REQUIRED_COLUMNS) for row in rows]
    return "\r\n".join(lines) + "\r\n"


# --- languages ---------------------------------------------------------------------------------------------------

def test_a_title_in_a_language_outside_the_old_list_is_imported_and_named_in_each_language(client, tmp_path):
    make_book(1200, "Путь Абая", author="Мухтар Ауэзов", language="ru", original_language="kk")
    out, err = run(write_csv(tmp_path / "saga.csv", [new_row(1201, title="Ньяль туралы дастан", original_language="ice", literature="world", period="world")]))
    assert out.strip() == "1 created, 0 updated, 0 unchanged, 0 invalid", err
    assert set(BookPage.objects.filter(list_no=1201).values_list("original_language", flat=True)) == {"is"}
    kk_list = client.get("/kk/books/").content.decode()
    assert "Исланд тілі" in kk_list
    assert "Исландский" in client.get("/ru/books/?language=isl").content.decode()
    data = client.get("/api/v3/books/?locale=ru&language=ice").json()
    assert data["count"] == 1 and data["items"][0]["original_language"] == "is"
    assert data["items"][0]["original_language_label"] == "Исландский"
    assert data["facet_labels"]["language"]["is"] == "Исландский"
    assert data["facet_labels"]["language"]["kk"] == "Казахский"
    english = client.get("/api/v3/books/?locale=en").json()
    assert english["facet_labels"]["language"]["is"] == "Icelandic" and english["facets"]["language"]["is"] == 1
    assert client.get("/api/v3/books/?language=xx").status_code == 400


def test_639_2_codes_match_the_stored_639_1_code_so_a_reimport_changes_nothing(tmp_path):
    run(write_csv(tmp_path / "de.csv", [new_row(1202, original_language="de")]))
    out, _err = run(write_csv(tmp_path / "ger.csv", [new_row(1202, original_language="GER")]), "--dry-run")
    assert out.startswith("Dry run: 0 would be created, 0 updated, 1 unchanged")


def test_a_code_that_is_not_iso_639_is_refused_with_a_hint(tmp_path):
    _out, err, _problem = command_fails(write_csv(tmp_path / "xx.csv", [new_row(1203, original_language="german")]))
    assert "row 2, column original_language: unknown language code 'german' (use an ISO 639 code" in err
    assert not BookPage.objects.filter(list_no=1203).exists()


# --- malformed lines ---------------------------------------------------------------------------------------------

def _file_with_a_broken_line(tmp_path):
    good = [new_row(1211, title="Бірінші жақсы кітап"), new_row(1213, title="Екінші жақсы кітап")]
    text = csv_text(good[:1])
    text += '1212,"Жабылмаған тырнақша,Открытая,Open,Автор,Автор,Author,contemporary,national,prose,5-9,kk,а,б,c\r\n'
    text += csv_text([new_row(1214, period="medieval")]).split("\r\n", 1)[1]
    text += csv_text(good[1:]).split("\r\n", 1)[1]
    path = tmp_path / "broken.csv"
    path.write_bytes(text.encode())
    return path


def test_a_malformed_line_is_listed_with_every_other_error_and_nothing_is_written(tmp_path):
    out, err, problem = command_fails(_file_with_a_broken_line(tmp_path))
    assert problem.returncode == 1
    assert "row 3: broken quoting" in err
    assert "row 4, column period: unknown period code 'medieval'" in err
    assert out.strip() == "0 created, 0 updated, 0 unchanged, 2 invalid"
    assert not BookPage.objects.filter(list_no__in=[1211, 1212, 1213, 1214]).exists()


def test_with_skip_invalid_the_malformed_line_is_skipped_and_the_good_rows_are_imported(tmp_path):
    out, err = run(_file_with_a_broken_line(tmp_path), "--skip-invalid")
    assert out.strip() == "2 created, 0 updated, 0 unchanged, 2 invalid"
    assert "row 3: broken quoting" in err
    assert set(BookPage.objects.filter(locale__language_code="kk", list_no__gte=1211, list_no__lte=1214).values_list("list_no", flat=True)) == {1211, 1213}


# --- encodings -----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["cp1251", "kz1048", "utf-16"])
def test_files_saved_in_windows_1251_kz1048_or_utf16_are_imported(tmp_path, encoding):
    title = "Путь к звёздам" if encoding == "cp1251" else "Жұлдыздарға жол"
    row = new_row(1220, title=title, author="Иванов Иван" if encoding == "cp1251" else "Әлібек Құнанбай",
                  annotation_kk="Краткое содержание." if encoding == "cp1251" else "Қысқаша мазмұны.")
    path = tmp_path / f"{encoding}.csv"
    path.write_bytes(csv_text([row], delimiter=";").encode(encoding))
    out, err = run(path)
    assert out.strip() == "1 created, 0 updated, 0 unchanged, 0 invalid", err
    assert BookPage.objects.get(locale__language_code="kk", list_no=1220).title == title


def _garbled(tmp_path) -> Path:
    text = "\ufeff" + csv_text([new_row(1230, title="Абай жолы жаңа")])
    path = tmp_path / "garbled.csv"
    path.write_bytes(text.encode("utf-8").decode("cp1252", errors="replace").encode("utf-8"))
    return path


def test_a_utf8_file_converted_again_as_windows_1252_gets_a_message_with_the_fix(tmp_path, client, moderator):
    _out, err, problem = command_fails(_garbled(tmp_path))
    assert "garbled" in err and "ï»¿list_no" in err and "CSV UTF-8" in err
    assert "Traceback" not in err and problem.returncode == 1
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "ru"
    profile.save()
    client.force_login(moderator)
    upload = SimpleUploadedFile("garbled.csv", _garbled(tmp_path).read_bytes(), content_type="text/csv")
    html = client.post("/admin/book-list/import/", {"file": upload, "edition": 2025}).content.decode()
    assert "Текст файла искажён" in html and "CSV UTF-8" in html
    assert "Файл нельзя импортировать в таком виде" in html
    assert 'name="confirm"' not in html
    assert not BookPage.objects.filter(list_no=1230).exists()


# --- the admin's summary ----------------------------------------------------------------------------------------------

def test_the_admin_preview_counts_rows_with_errors_in_its_summary(client, moderator):
    client.force_login(moderator)
    upload = SimpleUploadedFile("bad.csv", csv_text([new_row(1240, period="medieval"), new_row(1241, genre="x")]).encode(), content_type="text/csv")
    html = client.post("/admin/book-list/import/", {"file": upload, "edition": 2025}).content.decode()
    assert "2 rows have errors, so nothing will be imported" in html


# --- concurrent imports ---------------------------------------------------------------------------------------------

def test_an_import_checked_against_an_older_list_stops_with_one_line(tmp_path):
    """What a second import meets once the first has finished (SQLite serialises the two with BEGIN IMMEDIATE;
    PostgreSQL with the advisory lock, see below): it stops, writes nothing and says why in one line."""
    first = plan_import(csv_text([new_row(1250, title="Бірінші импорт")]).encode(), "a.csv", default_edition=2025)
    second = plan_import(csv_text([new_row(1251, title="Екінші импорт")]).encode(), "b.csv", default_edition=2025)
    assert run_import(first).created == 1
    with pytest.raises(ImportBusy) as busy:
        run_import(second)
    assert "\n" not in str(busy.value) and "nothing was written" in str(busy.value)
    assert not BookPage.objects.filter(list_no=1251).exists()


@pytest.mark.django_db(transaction=False)
def test_two_concurrent_imports_on_postgresql_never_end_in_a_traceback(tmp_path, django_db_blocker):
    """Two real imports in two threads (each with its own connection, committing for real): while the first
    writes, the second stops with the one-line message; the first completes. The rows are removed afterwards."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: SQLite serialises writers with BEGIN IMMEDIATE (see the test above)")
    from django.db import connections

    writing, release = threading.Event(), threading.Event()
    outcome: dict = {}

    def first():
        try:
            plan = plan_import(csv_text([new_row(1260, title="Параллель бір", author="Параллель Автор")]).encode(), "a.csv", default_edition=2025)

            def hold(rows):
                writing.set()  # inside the transaction, holding the lock
                release.wait(30)
                return rows

            outcome["first"] = run_import(plan, progress=hold).created
        except Exception as problem:  # noqa: BLE001
            outcome["first"] = problem
        finally:
            connections.close_all()

    def second():
        try:
            writing.wait(30)
            started = time.monotonic()
            plan = plan_import(csv_text([new_row(1261, title="Параллель екі", author="Параллель Автор")]).encode(), "b.csv", default_edition=2025)
            run_import(plan)
            outcome["second"] = "written"
        except Exception as problem:  # noqa: BLE001
            outcome["second"] = problem
            outcome["second_seconds"] = time.monotonic() - started
        finally:
            release.set()
            connections.close_all()

    with django_db_blocker.unblock():
        threads = [threading.Thread(target=first), threading.Thread(target=second)]
        try:
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
            assert outcome["first"] == 1
            assert isinstance(outcome["second"], ImportBusy), outcome["second"]
            assert str(outcome["second"]).startswith("another import of the list is running")
            assert outcome["second_seconds"] < 10  # stopped at the lock, not after waiting on the first's rows
            assert set(BookPage.objects.filter(list_no__in=[1260, 1261]).values_list("list_no", flat=True)) == {1260}
        finally:
            cleaner = threading.Thread(target=_remove_books, args=([1260, 1261], "Параллель Автор"))
            cleaner.start()
            cleaner.join(60)



@pytest.fixture
def another_import_running(django_db_blocker):
    """Another import holding the list's lock: a transaction on a connection of its own (PostgreSQL only)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only: the list's lock is a PostgreSQL advisory lock")
    from django.db import connections, transaction

    held, release = threading.Event(), threading.Event()

    def hold():
        try:
            with transaction.atomic(), connections["default"].cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_KEY])
                held.set()
                release.wait(30)
        finally:
            connections.close_all()

    with django_db_blocker.unblock():
        holder = threading.Thread(target=hold)
        holder.start()
        assert held.wait(30)
        try:
            yield
        finally:
            release.set()
            holder.join(30)


def test_the_command_stops_with_one_line_and_exit_code_2_while_another_import_runs(tmp_path, another_import_running):
    path = write_csv(tmp_path / "new.csv", [new_row(1270, title="Күту кітабы", author="Күту Автор")])
    _out, _err, problem = command_fails(path)
    assert problem.returncode == 2
    assert re.match(r"another import of the list is running \(started at \d\d:\d\d\); nothing was written", str(problem))
    assert "\n" not in str(problem) and "Traceback" not in str(problem)
    assert not BookPage.objects.filter(list_no=1270).exists()


def test_the_admin_says_so_when_another_import_holds_the_list_and_imports_nothing(client, moderator, another_import_running):
    client.force_login(moderator)
    upload = SimpleUploadedFile("new.csv", csv_text([new_row(1271, title="Күту кітабы", author="Күту Автор")]).encode(), content_type="text/csv")
    preview = client.post("/admin/book-list/import/", {"file": upload, "edition": 2025}).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', preview).group(1)
    response = client.post("/admin/book-list/import/", {"confirm": "1", "token": token}, follow=True)
    assert response.status_code == 200
    assert re.search(r"Another import of the list is running \(started at \d\d:\d\d\); nothing was imported\. Try again when it has finished\.", response.content.decode())
    assert not BookPage.objects.filter(list_no=1271).exists()

def _remove_books(numbers, author_name):
    """Delete what a committed import wrote (on this thread's own connection, outside the test's transaction)."""
    from django.db import connections

    try:
        for page in BookPage.objects.filter(list_no__in=numbers).order_by("-depth"):
            page.delete()
        keys = list(Author.objects.filter(name=author_name).values_list("translation_key", flat=True))
        Author.objects.filter(translation_key__in=keys).delete()
    finally:
        connections.close_all()


# --- exports ----------------------------------------------------------------------------------------------------------

def test_the_xlsx_export_keeps_numbers_freezes_the_header_and_names_the_sheet_in_the_page_language(client, tmp_path):
    run(write_csv(tmp_path / "year.csv", [new_row(1270, year="2019", edition="2025")], columns=REQUIRED_COLUMNS + ["year", "edition"]))
    response = client.get("/ru/books/export/xlsx/")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "Рекомендательный список"
    assert sheet.freeze_panes == "A2"
    header = [cell.value for cell in sheet[1]]
    first = {name: cell for name, cell in zip(header, sheet[2])}
    assert isinstance(first["list_no"].value, int) and first["list_no"].data_type == "n"
    years = [row[header.index("year")].value for row in sheet.iter_rows(min_row=2) if row[header.index("year")].value]
    assert 2019 in years and all(isinstance(year, int) for year in years)
    editions = [row[header.index("edition")].value for row in sheet.iter_rows(min_row=2)]
    assert all(isinstance(edition, int) for edition in editions if edition is not None)
    assert sheet.column_dimensions["M"].width > sheet.column_dimensions["A"].width  # annotation_kk vs list_no
    assert load_workbook(io.BytesIO(client.get("/kk/books/export/xlsx/").content)).active.title == "Ұсынылған тізім"
    assert client.get("/kk/books/export/csv/").content.startswith(b"\xef\xbb\xbf")
