"""The shared spreadsheet reader and writer: encodings, garbled text, broken lines, limits, and exports."""

import io
import zipfile

import pytest
from django.utils import translation
from openpyxl import load_workbook

from content_models.books.languages import language_canonical, language_name
from content_models.core.spreadsheets import SpreadsheetError, spreadsheet_csv, spreadsheet_read, spreadsheet_xlsx

HEADER = "list_no;title_kk;author_kk\r\n"
ROW = "1;Қыз Жібек;Халық ауыз әдебиеті\r\n"


@pytest.mark.parametrize("encoding", ["utf-16", "cp1251", "kz1048", "utf-8-sig", "utf-8"])
def test_csv_in_the_encodings_library_programs_write_is_read(encoding):
    text = HEADER + ROW if encoding != "cp1251" else HEADER + "1;Путь Абая;Ауэзов\r\n"
    sheet = spreadsheet_read(text.encode(encoding), "list.csv")
    assert sheet.encoding == encoding
    assert sheet.rows[0] == (1, ["list_no", "title_kk", "author_kk"])
    assert sheet.rows[1][1][1] in ("Қыз Жібек", "Путь Абая")


def test_utf8_converted_again_as_windows_1252_is_refused_with_the_fix():
    original = ("\ufeff" + "list_no,title_kk\r\n1,Абай жолы\r\n2,Ақбілек\r\n").encode("utf-8")
    garbled = original.decode("cp1252", errors="replace").encode("utf-8")
    assert garbled.startswith("ï»¿list_no".encode())
    with pytest.raises(SpreadsheetError) as problem:
        spreadsheet_read(garbled, "list.csv")
    assert problem.value.code == "mojibake"
    assert "CSV UTF-8" in problem.value.message and "ï»¿list_no" in problem.value.message
    with translation.override("ru"):
        assert "CSV UTF-8" in problem.value.message and "кодиров" in problem.value.message.lower()
    with translation.override("kk"):
        assert "CSV UTF-8" in problem.value.message and "UTF-8" in problem.value.message


def test_garbled_cyrillic_without_a_bom_is_recognised_too():
    garbled = "list_no,title_kk\r\n1,Абай жолы\r\n2,Ақбілек\r\n".encode("utf-8").decode("latin-1").encode("utf-8")
    with pytest.raises(SpreadsheetError) as problem:
        spreadsheet_read(garbled, "list.csv")
    assert problem.value.code == "mojibake"


def test_real_latin_accents_are_not_taken_for_garbled_text():
    sheet = spreadsheet_read("title,author\r\nLes Misérables,Victor Hugo\r\nÉmile,Rousseau\r\n".encode(), "x.csv")
    assert sheet.rows[1][1] == ["Les Misérables", "Victor Hugo"]


def test_a_line_with_broken_quoting_is_set_aside_and_the_next_lines_are_read():
    text = 'a,b\r\n1,"open quote\r\n2,two\r\n3,"x"y\r\n4,four\r\n'
    sheet = spreadsheet_read(text.encode(), "q.csv")
    # Line 2 opens a quote that line 4 closes badly: line 2 is set aside, reading restarts at line 3; line 4's
    # own stray quote sets it aside too.
    assert sheet.rows == [(1, ["a", "b"]), (3, ["2", "two"]), (5, ["4", "four"])]
    assert sheet.bad_lines == [2, 4]


def test_every_limit_is_a_parameter():
    data = ("a\r\n" + "x\r\n" * 5).encode()
    with pytest.raises(SpreadsheetError) as rows:
        spreadsheet_read(data, max_rows=3)
    assert rows.value.code == "too_many_rows"
    with pytest.raises(SpreadsheetError) as size:
        spreadsheet_read(data, max_bytes=10)
    assert size.value.code == "too_big"
    workbook = spreadsheet_xlsx(["a"], [["x" * 1000]] * 50)
    with pytest.raises(SpreadsheetError) as unpacked:
        spreadsheet_read(workbook, max_xlsx_unpacked=10_000)
    assert unpacked.value.code == "xlsx_too_big"
    assert spreadsheet_read(workbook).rows[1] == (2, ["x" * 1000])


def test_an_xlsx_bomb_is_refused_before_it_is_unpacked():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (70 * 1024 * 1024))
    with pytest.raises(SpreadsheetError) as problem:
        spreadsheet_read(buffer.getvalue(), "bomb.xlsx")
    assert problem.value.code == "xlsx_too_big"


def test_xlsx_export_keeps_numbers_freezes_the_header_and_sizes_columns():
    header = ["list_no", "title_kk", "year", "annotation_kk", "copies"]
    rows = [[7, "=HYPERLINK(\"http://x\")", 2019, "Бір\nЕкі", 3], [12, "Абай жолы", "", "-минус", 0]]
    workbook = load_workbook(io.BytesIO(spreadsheet_xlsx(header, rows, title="Ұсынылған тізім: 2026")))
    sheet = workbook.active
    assert sheet.title == "Ұсынылған тізім  2026"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.b
    assert [sheet.cell(2, column).value for column in (1, 3, 5)] == [7, 2019, 3]
    assert sheet.cell(2, 1).data_type == "n" and sheet.cell(3, 5).value == 0
    assert sheet.cell(2, 2).value == "'=HYPERLINK(\"http://x\")" and sheet.cell(2, 2).data_type == "s"
    assert sheet.cell(3, 4).value == "'-минус"
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDE"}
    assert widths["B"] > widths["A"] and widths["B"] >= len("=HYPERLINK(\"http://x\")")
    assert all(8 <= width <= 62 for width in widths.values())


def test_csv_export_keeps_its_bom_and_neutralises_formulas():
    data = spreadsheet_csv(["list_no", "title_kk"], [[1, "@Автор"], [2, "-5"]])
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.decode("utf-8-sig").splitlines() == ["list_no,title_kk", "1,'@Автор", "2,'-5"]


@pytest.mark.parametrize(
    ("code", "stored"),
    [("de", "de"), ("ger", "de"), ("deu", "de"), ("DE", "de"), ("fre", "fr"), ("chi", "zh"), ("is", "is"), ("ice", "is"),
     ("isl", "is"), ("grc", "grc"), ("chg", "chg"), ("xqa", "xqa"), ("ota", "ota"), ("kaz", "kk"), ("tut", "tut")],
)
def test_any_iso_639_code_is_stored_in_one_form(code, stored):
    assert language_canonical(code) == stored


@pytest.mark.parametrize("code", ["", "xx", "zzz", "qaa", "d", "deut", "де", "12"])
def test_codes_that_are_not_iso_639_are_refused(code):
    assert language_canonical(code) is None


def test_language_names_come_from_cldr_in_each_language():
    assert [language_name("de", code) for code in ("kk", "ru", "en")] == ["Неміс тілі", "Немецкий", "German"]
    assert [language_name("is", code) for code in ("kk", "ru", "en")] == ["Исланд тілі", "Исландский", "Icelandic"]
    assert language_name("grc", "ru") == "Древнегреческий"


def test_a_language_cldr_does_not_name_falls_back_to_a_maintained_name():
    # CLDR has no Kazakh name for Ancient Greek or Karakhanid, nor any name for Karakhanid in English.
    assert language_name("grc", "kk") == "Ежелгі грек тілі"
    assert language_name("xqa", "en") == "Karakhanid"
    assert language_name("sjn", "kk") == "Sindarin"  # no CLDR, no translation: the ISO 639-3 name
    # The portal's catalogue names the historical languages CLDR and iso-codes leave unnamed in Kazakh.
    assert [language_name(code, "kk") for code in ("chg", "xqa", "ota")] == ["Шағатай тілі", "Қарахан тілі", "Осман түрік тілі"]
    assert language_name("xqa", "ru") == "Караханидский"
