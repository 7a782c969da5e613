"""Holdings files as library systems write them, and the page's steps as a librarian goes through them."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

PAGE = "/{language}/holdings-check/"

# A known file: every kind of row the report counts (see test_report.py for the figures it gives).
KNOWN_HEADER = ["Атауы", "Авторы", "ISBN", "Жылы", "Дана саны", "Оқырман"]
KNOWN_ROWS = [
    ["Абай жолы. 1-кітап", "Әуезов М.", "", "2019", "2", "Айгерім Сәтбаева"],  # row 2 → no. 24
    ["Путь Абая", "Ауэзов М. О.", "", "2015", "1", ""],  # row 3 → no. 24 again (3 copies in all)
    ["Маленький принц", "Сент-Экзюпери А.", "", "2018", "5", ""],  # row 4 → no. 111
    ["Қыз Жібек", "", "", "2010", "1", ""],  # row 5 → no. 3, one copy
    ["Абай жолдары", "Әуезов", "", "2000", "1", ""],  # row 6 → possible match of no. 24
    ["Физика. 7 сынып", "Башарұлы Р.", "", "2020", "30", ""],  # row 7 → not on the list
    ["Ақ Азу", "Лондон Д.", "", "1999", "0", ""],  # row 8 → no. 114, but no copy left
]


def csv_bytes(header, rows, *, encoding="utf-8", delimiter=",", bom=False) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(header, rows, *, preamble=()) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for line in preamble:
        sheet.append(line)
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def known_file() -> bytes:
    return csv_bytes(KNOWN_HEADER, KNOWN_ROWS, delimiter=";")


def upload(client, data: bytes, name: str = "holdings.csv", language: str = "kk"):
    return client.post(PAGE.format(language=language), {"file": SimpleUploadedFile(name, data)})


def check_file(client, data: bytes, name: str = "holdings.csv", language: str = "kk", columns: dict | None = None):
    """Upload, confirm the guessed (or the given) columns and return the report page's response (the progress
    page's for a file the worker has not checked yet)."""
    response = upload(client, data, name, language)
    assert response.status_code == 302, response.content.decode()[:2000]
    columns_page = client.get(response["Location"])
    assert columns_page.status_code == 200
    form = columns_page.context["form"]
    choice = {name: (form[name].value() or "") for name in ("title", "author", "isbn", "year", "copies")}
    choice.update(columns or {})
    response = client.post(PAGE.format(language=language) + "columns/", choice)
    assert response.status_code == 302, response.content.decode()[:2000]
    report = client.get(response["Location"], follow=True)  # a big file: its progress, or the report when it is done
    assert report.status_code == 200
    return report
