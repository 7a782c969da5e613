"""Reading holdings files: encodings, delimiters, XLSX, the heading row, column guessing and hostile files."""

import io
import zipfile

import pytest

from content_models.holdings.parsing import (
    MAX_BYTES,
    MAX_ROWS,
    HoldingsFileError,
    copies_count,
    guess_columns,
    holdings_read,
    isbns_in,
)

from .helpers import csv_bytes, xlsx_bytes

ROWS = [["Абай жолы", "Мұхтар Әуезов", "978-601-7012-34-2", "2019", "4"], ["Путь Абая", "Ауэзов М.", "", "2015", "2"]]


def _guess(header):
    found = guess_columns(header)
    return {name: (header[index] if index is not None else None) for name, index in found.items()}


@pytest.mark.parametrize("header, expected", [
    (["Атауы", "Авторы", "ISBN", "Шыққан жылы", "Дана саны"], ["Атауы", "Авторы", "ISBN", "Шыққан жылы", "Дана саны"]),
    (["Кітап атауы", "Автордың аты-жөні", "ХСКН", "Жылы", "Данасы"], ["Кітап атауы", "Автордың аты-жөні", "ХСКН", "Жылы", "Данасы"]),
    (["Инв. №", "Название", "Автор", "ISBN", "Год издания", "Экз."], ["Название", "Автор", "ISBN", "Год издания", "Экз."]),
    (["Заглавие", "Автор(ы)", "Год", "Кол-во экз.", "Цена"], ["Заглавие", "Автор(ы)", None, "Год", "Кол-во экз."]),
    (["Title", "Authors", "ISBN", "Year", "Copies"], ["Title", "Authors", "ISBN", "Year", "Copies"]),
    (["NAME OF THE BOOK", "author", "isbn-13", "Publication year", "Quantity"], ["NAME OF THE BOOK", "author", "isbn-13", "Publication year", "Quantity"]),
])
def test_kazakh_russian_and_english_headings_are_recognised(header, expected):
    assert list(_guess(header).values()) == expected


def test_headings_of_other_things_are_not_taken_for_copies_or_titles():
    guess = _guess(["Атауы", "Автордың аты", "Бет саны", "Туған жылы", "Инвентарлық нөмірі"])
    assert guess == {"title": "Атауы", "author": "Автордың аты", "isbn": None, "year": None, "copies": None}


def test_isbn_column_without_a_known_heading_is_recognised_by_its_content():
    rows = [(n, ["Кітап", code]) for n, code in enumerate(["978-601-7012-34-2", "5-00000-001-3", "9785000000014", ""], start=2)]
    assert guess_columns(["Атауы", "Код"], rows)["isbn"] == 1


def test_a_title_line_above_the_headings_is_skipped():
    data = xlsx_bytes(["Атауы", "Авторы", "Дана саны"], [["Абай жолы", "Әуезов", 3]], preamble=[["№5 мектеп кітапханасының қоры, 2026"], []])
    table = holdings_read(data, "qor.xlsx")
    assert table.header == ["Атауы", "Авторы", "Дана саны"]
    assert table.header_row == 3
    assert table.rows == [(4, ["Абай жолы", "Әуезов", "3"])]


@pytest.mark.parametrize("encoding, bom, expected", [
    ("utf-8", False, "utf-8"),
    ("utf-8", True, "utf-8-sig"),
    ("cp1251", False, "cp1251"),
    ("utf-16", False, "utf-16"),  # Excel's "Unicode text" (with its BOM)
])
def test_russian_file_is_read_in_every_supported_encoding(encoding, bom, expected):
    data = csv_bytes(["Название", "Автор", "Экз."], [["Путь Абая", "Ауэзов М.", "2"], ["Белый пароход", "Айтматов Ч.", "1"]], encoding=encoding, bom=bom, delimiter=";")
    table = holdings_read(data, "fond.csv")
    assert table.encoding == expected
    assert table.header == ["Название", "Автор", "Экз."]  # no BOM left in the first heading
    assert table.rows[0][1] == ["Путь Абая", "Ауэзов М.", "2"]


def test_kazakh_letters_in_a_windows_1251_file_are_read_as_kz_1048():
    data = csv_bytes(["Атауы", "Авторы"], [["Қыз Жібек", "Халық ауыз әдебиеті"], ["Ұшқан ұя", "Бауыржан Момышұлы"]], encoding="kz1048")
    table = holdings_read(data, "qor.csv")
    assert table.encoding == "kz1048"
    assert [cells[0] for _row, cells in table.rows] == ["Қыз Жібек", "Ұшқан ұя"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_recognised(delimiter):
    data = csv_bytes(["Атауы", "Авторы", "Жылы"], [["Абай жолы, 1-кітап", "Әуезов, Мұхтар", "2019"]] * 3, delimiter=delimiter)
    assert holdings_read(data).rows[0][1] == ["Абай жолы, 1-кітап", "Әуезов, Мұхтар", "2019"]


def test_xlsx_numbers_and_dates_become_text():
    import datetime

    data = xlsx_bytes(["Атауы", "ISBN", "Жылы", "Дана саны"], [["Абай жолы", 9786017012342, datetime.datetime(2019, 1, 1), 4.0]])
    assert holdings_read(data, "qor.xlsx").rows[0][1] == ["Абай жолы", "9786017012342", "2019-01-01T00:00:00", "4"]


def test_isbn_cells_give_isbn13_codes():
    assert isbns_in("ISBN 978-601-7012-34-2") == ["9786017012342"]
    assert isbns_in("5-00000-001-3; 978-601-7012-34-2") == ["9785000000014", "9786017012342"]
    assert isbns_in("306406152") == ["9780306406157"]  # an ISBN-10 that lost its leading zero in a spreadsheet
    assert isbns_in("978-601-7012-34-3") == []  # wrong check digit
    assert isbns_in("2019") == []


@pytest.mark.parametrize("cell, copies", [("3", 3), ("5 экз.", 5), ("2 дана", 2), ("", 1), ("бар", 1), ("0", 0)])
def test_copies_cell(cell, copies):
    assert copies_count(cell) == copies


def _zip(members: dict) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _bomb() -> bytes:
    """A workbook whose sheet unpacks to 80 MB from a few kilobytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * (80 * 1024 * 1024))
    return buffer.getvalue()


BAD_FILES = [
    ("empty.csv", b"", "empty"),
    ("blank.csv", b"  \r\n \r\n", "empty"),
    ("only-headings.csv", "Атауы;Авторы\r\n".encode(), "no_rows"),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "xls"),
    ("report.pdf", b"%PDF-1.7\n1 0 obj\n", "wrong_type"),
    ("letter.docx", _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}), "wrong_type"),
    ("fond.ods", _zip({"mimetype": "application/vnd.oasis.opendocument.spreadsheet", "content.xml": "<office/>"}), "ods"),
    ("broken.xlsx", b"PK\x03\x04" + b"\x00garbage" * 40, "xlsx_broken"),
    ("renamed.xlsx", "Атауы\r\nАбай жолы\r\n".encode(), "xlsx_broken"),
    ("not-really.xlsx", _zip({"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<not a workbook"}), "xlsx_broken"),
    ("bomb.xlsx", _bomb(), "xlsx_too_big"),
    ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "wrong_type"),
    ("mojibake.csv", "Атауы;Авторы\r\n".encode("cp1251") + b"\x98\x98\x98;\x98\r\n", "encoding"),
    ("quotes.csv", 'Атауы,Авторы\r\n"Абай жолы,Әуезов\r\nКөксерек,Әуезов\r\n'.encode(), "quoting"),
]


@pytest.mark.parametrize("name, data, code", BAD_FILES, ids=[name for name, _data, _code in BAD_FILES])
def test_files_that_cannot_be_checked_are_refused_with_a_reason(name, data, code):
    with pytest.raises(HoldingsFileError) as problem:
        holdings_read(data, name)
    assert problem.value.code == code
    assert str(problem.value.message)


def test_too_large_and_too_long_files_are_refused():
    with pytest.raises(HoldingsFileError) as big:
        holdings_read(b"a" * (MAX_BYTES + 1), "big.csv")
    assert big.value.code == "too_big"
    rows = "Атауы\n" + "Кітап\n" * (MAX_ROWS + 11)
    with pytest.raises(HoldingsFileError) as long:
        holdings_read(rows.encode(), "long.csv")
    assert long.value.code == "too_many_rows"


def test_a_sheet_declaring_a_huge_size_is_read_quickly():
    """The sheet claims 16,384 columns and a million rows; only the cells that are there are read."""
    import time

    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes(["Атауы"], [["Абай жолы"]] * 3000)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            content = source.read(member.filename)
            if member.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b'<dimension ref="A1:A3001" />', b'<dimension ref="A1:XFD1048576" />')
                assert b"XFD1048576" in content
            archive.writestr(member, content)
    started = time.perf_counter()
    table = holdings_read(out.getvalue(), "huge.xlsx")
    assert time.perf_counter() - started < 2
    assert len(table.rows) == 3000 and table.rows[0] == (2, ["Абай жолы"])
