"""import_booklist over the sample of the list (150 titles, the `booklist` fixture): validation first, atomic writes,
idempotent re-import, CSV/XLSX, exports that import back unchanged (also after a spreadsheet program saved them),
translations in the store."""

import csv
import io
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook
from wagtail.models import PageLogEntry, Revision

from content_models.books.models import Author, BookPage
from content_models.books.rows import EXPORT_COLUMNS, REQUIRED_COLUMNS
from content_models.demo.loader import SAMPLE_LIST as SAMPLE
from content_models.translation.store import translation_resync

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booklist")]


def sample_rows() -> list[dict]:
    with SAMPLE.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def write_csv(path, rows, delimiter=",", bom=False, columns=REQUIRED_COLUMNS):
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=columns, delimiter=delimiter, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    path.write_bytes((("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8"))
    return path


def run(path, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command("import_booklist", str(path), *args, stdout=out, stderr=err, verbosity=0)
    return out.getvalue(), err.getvalue()


def new_row(list_no, title="Жаңа кітап", author="Жаңа Автор", **extra):
    row = {
        "list_no": str(list_no), "title_kk": title, "title_ru": "Новая книга", "title_en": "A New Book",
        "author_kk": author, "author_ru": "Новый Автор", "author_en": "New Author", "period": "contemporary",
        "literature": "national", "genre": "prose", "grades": "5-9", "original_language": "kk",
        "annotation_kk": "Қысқаша мазмұны.", "annotation_ru": "Краткое содержание.", "annotation_en": "A short summary.",
    }
    row.update(extra)
    return row


def book_counts():
    return {code: BookPage.objects.filter(locale__language_code=code).count() for code in ("kk", "ru", "en")}


def test_the_sample_is_imported_in_three_locales():
    rows = sample_rows()
    assert book_counts() == {"kk": len(rows), "ru": len(rows), "en": len(rows)}
    prince = {page.locale.language_code: page for page in BookPage.objects.filter(list_no=111)}
    assert prince["kk"].title == "Кішкентай ханзада"
    assert prince["ru"].title == "Маленький принц"
    assert prince["en"].title == "The Little Prince"
    assert [author.name for author in prince["ru"].authors] == ["Антуан де Сент-Экзюпери"]
    assert prince["en"].authors[0].locale.language_code == "en"
    assert prince["kk"].translation_key == prince["ru"].translation_key == prince["en"].translation_key
    assert all(page.live for page in prince.values())
    two_authors = BookPage.objects.get(locale__language_code="kk", title__startswith="Біржан")
    assert [author.name for author in two_authors.authors] == ["Біржан сал Қожағұлұлы", "Сара Тастанбекқызы"]


def test_empty_russian_title_falls_back_to_the_kazakh_one():
    row = next(row for row in sample_rows() if not row["title_ru"])
    ru = BookPage.objects.get(locale__language_code="ru", list_no=int(row["list_no"]))
    assert ru.title == row["title_kk"]


def test_reimporting_the_same_file_changes_nothing():
    revisions = Revision.objects.count()
    out, _ = run(SAMPLE)
    assert out.strip() == "0 created, 0 updated, 150 unchanged, 0 invalid"
    assert Revision.objects.count() == revisions


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "150 titles unchanged; nothing to import."), ("ru", "150 названий не изменились; импортировать нечего."),
     ("kk", "150 атау өзгермеген; импорттайтын ештеңе жоқ.")],
)
def test_the_admin_preview_says_plainly_that_a_file_changes_nothing(client, moderator, language, text):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = language
    profile.save()
    client.force_login(moderator)
    upload = SimpleUploadedFile("sample.csv", SAMPLE.read_bytes(), content_type="text/csv")
    html = client.post("/admin/book-list/import/", {"file": upload, "edition": 2025}).content.decode()
    assert text in html
    assert "nothing to import, or the file has errors" not in html
    assert 'name="confirm"' not in html


def test_a_changed_annotation_updates_the_book_and_its_history(tmp_path):
    rows = sample_rows()
    rows[2]["annotation_ru"] = "Новая аннотация к поэме «Кыз Жибек»."
    out, _ = run(write_csv(tmp_path / "list.csv", rows, columns=list(rows[0].keys())))
    assert out.strip() == "0 created, 1 updated, 149 unchanged, 0 invalid"
    ru = BookPage.objects.get(locale__language_code="ru", list_no=3)
    assert ru.annotation == "<p>Новая аннотация к поэме «Кыз Жибек».</p>"
    assert PageLogEntry.objects.filter(page=ru, action="wagtail.publish").exists()
    assert ru.revisions.count() >= 2


def test_bad_rows_are_all_reported_and_nothing_is_written(tmp_path):
    rows = [
        new_row(901, period="medieval"),
        new_row(902, title=""),
        new_row(903, genre="prose,comics"),
        new_row(904, grades="0-12"),
        new_row(905, grades="9-5"),
        new_row(906, isbn="978-601-7000-00-1"),
        new_row(906, title="Екінші"),
        new_row(907, title="Qyz Jıbek", author="Халық ауыз әдебиеті"),
        new_row(908, literature="world"),
        new_row(909, title="Дұрыс жол"),
    ]
    before = book_counts()
    with pytest.raises(CommandError) as raised:
        run(write_csv(tmp_path / "bad.csv", rows, columns=REQUIRED_COLUMNS + ["isbn"]))
    assert raised.value.returncode == 1
    assert book_counts() == before
    err = str(raised.value)
    assert "nothing was written" in err


def test_each_error_names_its_row_and_column(tmp_path):
    rows = [new_row(901, period="medieval"), new_row(902, title=""), new_row(903, grades="0-12"), new_row(904, title="Qyz Jıbek", author="Халық ауыз әдебиеті"), new_row(903, title="Басқа")]
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_booklist", str(write_csv(tmp_path / "bad.csv", rows)), stdout=io.StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    assert "row 2, column period: unknown period code 'medieval' (use one of: classical, independence, contemporary, abroad, world)" in lines
    assert "row 3, column title_kk: title is empty" in lines
    assert "row 4, column grades: grades run from 1 to 11, not '0-12'" in lines
    assert any(line.startswith("row 5, column title_kk: same title and author as list number 3") for line in lines)
    assert "row 6, column list_no: list number 903 is also used in row 4" in lines


def test_isbn_with_a_wrong_check_digit_is_an_error(tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_booklist", str(write_csv(tmp_path / "isbn.csv", [new_row(920, isbn="9786017000002")], columns=REQUIRED_COLUMNS + ["isbn"])), stdout=io.StringIO(), stderr=err)
    assert "row 2, column isbn: ISBN '9786017000002' has a wrong check digit" in err.getvalue()


def test_broken_quoting_is_reported_with_its_row(tmp_path):
    header = ",".join(REQUIRED_COLUMNS)
    good = ",".join(new_row(930).values())
    path = tmp_path / "quotes.csv"
    path.write_text(f'{header}\n{good}\n931,"Ашық тырнақша,Открытая,Open,А,А,A,contemporary,national,prose,5-9,kk,a,b,c\n', encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_booklist", str(path), stdout=io.StringIO(), stderr=err)
    assert "broken quoting" in err.getvalue()
    assert not BookPage.objects.filter(list_no=930).exists()


def test_skip_invalid_imports_the_good_rows_and_reports_the_rest(tmp_path):
    rows = [new_row(940, title="Жақсы кітап"), new_row(941, period="medieval"), new_row(942, title="Тағы бір жақсы кітап")]
    out, err = run(write_csv(tmp_path / "mixed.csv", rows), "--skip-invalid")
    assert out.strip() == "2 created, 0 updated, 0 unchanged, 1 invalid"
    assert "row 3, column period" in err
    assert set(BookPage.objects.filter(list_no__in=[940, 941, 942], locale__language_code="ru").values_list("list_no", flat=True)) == {940, 942}
    new_author = Author.objects.get(name="Жаңа Автор")
    assert set(Author.objects.filter(translation_key=new_author.translation_key).values_list("locale__language_code", "name")) == {
        ("kk", "Жаңа Автор"), ("ru", "Новый Автор"), ("en", "New Author")
    }


def test_dry_run_writes_nothing(tmp_path):
    before = book_counts()
    out, _ = run(write_csv(tmp_path / "one.csv", [new_row(950)]), "--dry-run")
    assert out.startswith("Dry run: 1 would be created, 0 updated, 0 unchanged, 0 invalid")
    assert book_counts() == before


@pytest.mark.parametrize(("delimiter", "bom"), [(";", False), (",", True), (";", True)])
def test_semicolon_and_bom_files_are_read(tmp_path, delimiter, bom):
    out, _ = run(write_csv(tmp_path / "list.csv", [new_row(960, title="Нүктелі үтір")], delimiter=delimiter, bom=bom))
    assert out.strip() == "1 created, 0 updated, 0 unchanged, 0 invalid"
    assert BookPage.objects.get(locale__language_code="kk", list_no=960).title == "Нүктелі үтір"


def test_xlsx_files_are_read(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(REQUIRED_COLUMNS)
    row = new_row(970, title="Кесте кітабы")
    sheet.append([int(row["list_no"])] + [row[column] for column in REQUIRED_COLUMNS[1:]])
    path = tmp_path / "list.xlsx"
    workbook.save(path)
    out, _ = run(path)
    assert out.strip() == "1 created, 0 updated, 0 unchanged, 0 invalid"
    assert BookPage.objects.get(locale__language_code="en", list_no=970).title == "A New Book"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "The file is empty"),
        (b"list_no,title_kk\n1,\xe0\xe1\x98\n", "encoding of the file could not be recognised"),
        (b"\x00\x01\x02binary", "not a table in CSV or XLSX format"),
        (b"PK\x03\x04not really a zip", "The XLSX file could not be read"),
        ("list_no,title_kk\n1,Абай\n".encode(), "required column is missing"),
    ],
)
def test_unreadable_files_get_a_clear_error(tmp_path, content, message):
    path = tmp_path / "broken.csv"
    path.write_bytes(content)
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_booklist", str(path), stdout=io.StringIO(), stderr=err)
    assert message in err.getvalue()


def test_missing_file_is_a_command_error():
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_booklist", "/nonexistent/list.csv")


def test_translations_survive_an_edit_of_the_kazakh_source_and_a_sync():
    kk = BookPage.objects.get(locale__language_code="kk", list_no=111)
    ru_before = BookPage.objects.get(locale__language_code="ru", list_no=111)
    kk.title = "Кішкентай ханзада (жаңа аударма)"
    kk.save_revision().publish()
    translation_resync(kk)
    ru = BookPage.objects.get(pk=ru_before.pk)
    en = BookPage.objects.get(locale__language_code="en", list_no=111)
    assert ru.annotation == ru_before.annotation  # untouched segment keeps its Russian text
    assert en.annotation.startswith("<p>")
    assert "Little Prince" in en.annotation or "prince" in en.annotation.lower()
    assert ru.title == "Кішкентай ханзада (жаңа аударма)"  # the changed kk title awaits its translation


def test_a_sync_right_after_import_reproduces_the_imported_translations():
    pages = {page.locale.language_code: page for page in BookPage.objects.filter(list_no=3)}
    before = {code: (page.title, page.slug, page.annotation, [a.name for a in page.authors]) for code, page in pages.items()}
    translation_resync(pages["kk"])
    after = {
        page.locale.language_code: (page.title, page.slug, page.annotation, [a.name for a in page.authors])
        for page in BookPage.objects.filter(list_no=3)
    }
    assert after == before


def _export(client, fmt="csv", query=""):
    response = client.get(f"/kk/books/export/{fmt}/{query}")
    assert response.status_code == 200
    return response


def test_export_then_import_changes_nothing(client, tmp_path):
    path = tmp_path / "export.csv"
    path.write_bytes(_export(client).content)
    out, _ = run(path, "--dry-run")
    assert out.startswith("Dry run: 0 would be created, 0 updated, 150 unchanged, 0 invalid")


def test_xlsx_export_then_import_changes_nothing(client, tmp_path):
    path = tmp_path / "export.xlsx"
    path.write_bytes(_export(client, "xlsx").content)
    out, _ = run(path, "--dry-run")
    assert out.startswith("Dry run: 0 would be created, 0 updated, 150 unchanged, 0 invalid")


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.fixture
def soffice(tmp_path):
    if not SOFFICE:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) is required in CI but is missing")
        pytest.skip("no LibreOffice (soffice): install Debian's libreoffice-calc-nogui to run the round trip")

    def convert(source: Path, target: str, infilter: str | None = None) -> Path:
        out = tmp_path / "converted"
        command = [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp_path}/lo-profile"]
        if infilter:
            command.append(f"--infilter={infilter}")
        command += ["--convert-to", target, "--outdir", str(out), str(source)]
        subprocess.run(command, check=True, capture_output=True, timeout=180)
        return out / (source.stem + "." + target.split(":")[0])

    return convert


def test_an_xlsx_export_saved_again_by_libreoffice_imports_as_unchanged(client, tmp_path, soffice):
    exported = tmp_path / "export.xlsx"
    exported.write_bytes(client.get("/kk/books/export/xlsx/").content)
    saved = soffice(exported, "xlsx")
    assert load_workbook(saved).active.title == "Ұсынылған тізім"
    out, err = run(saved, "--dry-run")
    assert out.startswith("Dry run: 0 would be created, 0 updated, 150 unchanged, 0 invalid"), err


def test_a_csv_export_saved_again_by_libreoffice_as_utf8_csv_imports_as_unchanged(client, tmp_path, soffice):
    exported = tmp_path / "export.csv"
    exported.write_bytes(client.get("/kk/books/export/csv/").content)
    # Opened as UTF-8 comma-separated text and saved as "Text CSV" in UTF-8 (character set 76), quoting text cells.
    saved = soffice(exported, "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false", infilter="CSV:44,34,76,1")
    assert "Абай" in saved.read_text(encoding="utf-8-sig")
    out, err = run(saved, "--dry-run")
    assert out.startswith("Dry run: 0 would be created, 0 updated, 150 unchanged, 0 invalid"), err


def test_export_uses_the_import_layout_and_the_current_filters(client):
    text = _export(client, "csv", "?period=abroad").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(rows[0].keys()) == EXPORT_COLUMNS
    assert {row["period"] for row in rows} == {"abroad"}
    assert len(rows) == sum(1 for row in sample_rows() if row["period"] == "abroad")


def test_formula_like_cells_are_neutralised_in_exports_and_restored_on_import(client, tmp_path):
    run(write_csv(tmp_path / "f.csv", [new_row(980, title="=HYPERLINK(\"http://x\")", annotation_kk="+7 701 000 00 00", author="@Автор")]))
    text = _export(client, "csv", "?search=hyperlink").content.decode("utf-8-sig")
    row = next(row for row in csv.DictReader(io.StringIO(text)) if row["list_no"] == "980")
    assert row["title_kk"] == "'=HYPERLINK(\"http://x\")"
    assert row["annotation_kk"] == "'+7 701 000 00 00"
    assert row["author_kk"] == "'@Автор"
    workbook = load_workbook(io.BytesIO(_export(client, "xlsx", "?search=hyperlink").content))
    values = [cell.value for cell in next(row for row in workbook.active.iter_rows() if row[0].value == 980)]  # list numbers are numbers in XLSX
    assert values[1] == "'=HYPERLINK(\"http://x\")"
    assert all(not str(value).startswith(("=", "+", "-", "@")) for value in values if value)
    export_path = tmp_path / "roundtrip.csv"
    export_path.write_text(text, encoding="utf-8")
    out, _ = run(export_path, "--dry-run")
    assert "0 would be created, 0 updated, 1 unchanged" in out


def test_a_latin_twin_of_a_title_already_on_the_list_is_refused(tmp_path):
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_booklist", str(write_csv(tmp_path / "twin.csv", [new_row(990, title="Abai joly", author="Mūhtar Äuezov")])), stdout=io.StringIO(), stderr=err)
    assert "same title and author as list number" in err.getvalue()
    assert "Абай жолы" in err.getvalue()
