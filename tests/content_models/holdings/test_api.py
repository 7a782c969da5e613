"""`POST /api/v3/holdings/check/`: the same report as the page, for library systems."""

import json

import pytest
from django.contrib.sessions.models import Session
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from content_models.holdings.api import HoldingsReportOut
from content_models.holdings.models import HoldingsReport

from .helpers import KNOWN_HEADER, KNOWN_ROWS, check_file, csv_bytes, known_file, xlsx_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booklist")]

URL = "/api/v3/holdings/check/"


def post(client, data: bytes | None = None, name="holdings.csv", **fields):
    payload = {key: value for key, value in fields.items()}
    if data is not None:
        payload["file"] = SimpleUploadedFile(name, data)
    return client.post(URL, payload)


def test_the_check_is_in_the_openapi_schema_as_a_multipart_upload(client):
    schema = client.get("/api/v3/openapi.json").json()
    operation = schema["paths"][URL]["post"]
    body = operation["requestBody"]["content"]["multipart/form-data"]["schema"]
    properties = body["properties"] if "properties" in body else schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]["properties"]
    assert {"file", "locale", "min_copies", "title_column", "author_column", "isbn_column", "year_column", "copies_column", "accept", "reject"} <= set(properties)
    assert {"200", "400"} <= set(operation["responses"])


def test_api_returns_the_same_report_as_the_page(client):
    page_report = check_file(client, known_file()).context["report"]
    api = post(Client(), known_file())
    assert api.status_code == 200, api.content
    assert api.json() == json.loads(json.dumps(page_report))


def test_response_matches_its_documented_schema(client):
    data = post(client, known_file(), locale="en", min_copies="4").json()
    HoldingsReportOut.model_validate(data)
    assert set(data) == set(HoldingsReportOut.model_json_schema()["properties"])
    assert (data["matched"], data["possible"], data["unmatched"], data["missing"]) == (5, 1, 1, 147)
    assert data["coverage"] == 0.02
    assert [(group["code"], group["held"], group["coverage"]) for group in data["by_period"]][:2] == [("classical", 2, 0.0444), ("independence", 0, 0.0)]
    assert data["matched_rows"][0] == {
        "row": 2, "title": "Абай жолы. 1-кітап", "author": "Әуезов М.", "isbn": "", "year": "2019", "copies": 2,
        "list_no": 24, "book_title": "The Path of Abai", "book_authors": "Mukhtar Auezov", "score": 1.0,
        "method": "title_author", "confirmed": False,
    }
    assert data["missing_titles"][0]["html_url"].startswith("http://testserver/en/books/")
    assert data["min_copies"] == 4 and data["low_copies"] == 2
    assert "no-store" in post(client, known_file())["Cache-Control"]


def test_columns_can_be_named_by_heading_or_number_and_possible_matches_decided(client):
    header = ["Код", "Кітап", "Жазушы", "Саны"]
    rows = [["1", "Абай жолы", "Әуезов М.", "2"], ["2", "Абай жолдары", "Әуезов", "1"], ["3", "Көксерек", "Әуезов", "1"]]
    data = csv_bytes(header, rows)
    response = post(client, data, title_column="Кітап", author_column="3", copies_column="саны")
    assert response.status_code == 200, response.content
    report = response.json()
    assert report["columns"] == {"title": "B · Кітап", "author": "C · Жазушы", "isbn": None, "year": None, "copies": "D · Саны"}
    assert (report["matched"], report["possible"]) == (2, 1)
    accepted = post(client, data, title_column="Кітап", author_column="3", accept="3").json()
    assert (accepted["matched"], accepted["possible"]) == (3, 0)
    assert [row["confirmed"] for row in accepted["matched_rows"]] == [False, True, False]
    rejected = post(client, data, title_column="Кітап", reject="3").json()
    assert (rejected["possible"], rejected["unmatched"], rejected["unmatched_rows"][0]["rejected"]["list_no"]) == (0, 1, 24)


def test_xlsx_upload_in_russian(client):
    report = post(client, xlsx_bytes(KNOWN_HEADER, KNOWN_ROWS), name="fond.xlsx", locale="ru").json()
    assert report["format"] == "xlsx"
    assert report["held_titles"][1]["title"] == "Путь Абая"


def test_a_request_without_a_file_is_a_422_problem(client):
    response = post(client, None, "", locale="en")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert [(error["loc"][-1], error["type"]) for error in response.json()["errors"]] == [("file", "missing")]


@pytest.mark.parametrize("data, name, fields, detail", [
    (b"", "empty.csv", {}, "The file is empty."),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "old.xls", {}, "Old Excel files (.xls) cannot be read."),
    (b"\x98\x98;\x98\r\n\x98\r\n", "x.csv", {}, "The text encoding of the file could not be recognised."),
    ("Шифр,Баға\r\n84,1200\r\n".encode(), "x.csv", {}, "no column of titles was recognised"),
    (known_file(), "x.csv", {"title_column": "Name"}, "title_column 'Name' is not a heading of the file"),
    (known_file(), "x.csv", {"title_column": "9"}, "title_column 9: the file has 6 columns"),
    (known_file(), "x.csv", {"author_column": "1"}, "one column is given for two fields"),
    (known_file(), "x.csv", {"locale": "de"}, "unknown locale 'de'"),
    (known_file(), "x.csv", {"accept": "six"}, "accept takes row numbers"),
])
def test_bad_requests_are_400_with_a_message(client, data, name, fields, detail):
    response = post(client, data, name, **({"locale": "en"} | fields))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert detail in response.json()["detail"]


def test_messages_follow_the_locale(client):
    assert post(client, b"", "empty.csv").json()["detail"] == "Файл бос."
    assert post(client, b"", "empty.csv", locale="ru").json()["detail"] == "Файл пуст."


def test_the_api_keeps_nothing(client):
    post(client, known_file())
    assert HoldingsReport.objects.count() == 0
    assert Session.objects.count() == 0


def test_the_api_needs_no_csrf_token_or_account():
    response = post(Client(enforce_csrf_checks=True), known_file())
    assert response.status_code == 200
