"""The holdings check page step by step: upload, columns, the report's figures, decisions, filters, downloads."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from content_models.books.catalogue import collation_key

from .helpers import KNOWN_HEADER, KNOWN_ROWS, PAGE, check_file, csv_bytes, known_file, upload, xlsx_bytes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booklist")]

REPORT = PAGE.format(language="kk") + "report/"


def _group(report, name, code):
    return next(group for group in report[name] if group["code"] == code)


def test_upload_page_offers_a_labelled_file_field_without_an_account(client):
    response = client.get(PAGE.format(language="en"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<label for="id_file">Holdings file</label>' in html
    assert 'enctype="multipart/form-data"' in html
    assert 'aria-describedby="file-help"' in html
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]


def test_columns_step_shows_the_guess_and_the_first_rows(client):
    response = upload(client, known_file())
    page = client.get(response["Location"])
    html = page.content.decode()
    assert '<option value="0" selected>A · Атауы</option>' in html
    assert '<option value="4" selected>E · Дана саны</option>' in html
    assert re.search(r'<select name="year" id="id_year"[^>]*>\s*<option value="">[^<]+</option><option value="0">A · Атауы</option><option value="1">B · Авторы</option><option value="2">C · ISBN</option><option value="3" selected>', html)
    assert "Айгерім Сәтбаева" in html  # the preview shows the file as it is
    assert page.context["row_count"] == 7


def test_coverage_figures_of_a_known_file(client):
    report = check_file(client, known_file()).context["report"]
    assert (report["rows"], report["rows_checked"]) == (7, 7)
    assert (report["matched"], report["possible"], report["unmatched"]) == (5, 1, 1)
    assert (report["list_titles"], report["held"], report["missing"]) == (150, 3, 147)
    assert report["coverage"] == 0.02
    assert [(book["list_no"], book["copies"], book["rows"]) for book in report["held_titles"]] == [(3, 1, [5]), (24, 3, [2, 3]), (111, 5, [4])]
    assert [(book["list_no"], book["copies"], book["copies_to_buy"]) for book in report["low_copy_titles"]] == [(3, 1, 2)]
    assert report["copies_to_buy"] == 147 * 3 + 2
    assert 114 in {book["list_no"] for book in report["missing_titles"]}  # matched, but 0 copies left
    classical = _group(report, "by_period", "classical")
    assert (classical["list_titles"], classical["held"], classical["coverage"], classical["share_of_held"], classical["target"]) == (45, 2, 0.0444, 66.7, 21.1)
    assert classical["held_list_nos"] == [3, 24]
    assert (classical["matched"], classical["possible"]) == (3, 1)
    world = _group(report, "by_period", "world")
    assert (world["held"], world["coverage"], world["share_of_held"], world["target"]) == (1, 0.025, 33.3, 25.1)
    assert (_group(report, "by_literature", "national")["held"], _group(report, "by_literature", "national")["target"]) == (2, 74.9)
    assert [group["held"] for group in report["by_grades"]] == [0, 3, 2]
    assert _group(report, "by_genre", "folklore_epic")["held"] == 1
    assert [row["row"] for row in report["possible_rows"]] == [6]
    assert report["possible_rows"][0]["list_no"] == 24
    assert [row["title"] for row in report["unmatched_rows"]] == ["Физика. 7 сынып"]


def test_report_page_shows_the_figures_in_the_visitors_language(client):
    response = check_file(client, known_file(), language="ru")
    html = response.content.decode()
    assert "2,0\u00a0%" in html  # coverage with the Russian decimal comma
    assert "Путь Абая" in html and "Маленький принц" in html
    assert 'name="robots" content="noindex, nofollow"' in html
    assert response["X-Robots-Tag"].startswith("noindex")
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_accepting_a_possible_match_recounts_the_report(client):
    check_file(client, known_file())
    response = client.post(REPORT + "decisions/", {"shown": ["6"], "accept": ["6"], "query": "min_copies=5"})
    assert response.status_code == 302 and response["Location"].endswith("report/?min_copies=5#possible")
    report = client.get(REPORT + "?min_copies=5").context["report"]
    assert (report["matched"], report["possible"], report["unmatched"]) == (6, 0, 1)
    assert next(book for book in report["held_titles"] if book["list_no"] == 24)["copies"] == 4
    assert [(book["list_no"], book["copies_to_buy"]) for book in report["low_copy_titles"]] == [(3, 4), (24, 1)]
    html = client.get(REPORT).content.decode()
    assert re.search(r'name="accept" value="6" checked', html)


def test_rejecting_a_possible_match_moves_the_row_to_no_match(client):
    check_file(client, known_file())
    client.post(REPORT + "decisions/", {"shown": ["6"]})  # shown, not ticked
    report = client.get(REPORT).context["report"]
    assert (report["matched"], report["possible"], report["unmatched"]) == (5, 0, 2)
    rejected = next(row for row in report["unmatched_rows"] if row["row"] == 6)
    assert rejected["rejected"]["list_no"] == 24
    client.post(REPORT + "decisions/", {"shown": ["6"], "all": "accept"})
    assert client.get(REPORT).context["report"]["possible"] == 0
    assert client.get(REPORT).context["report"]["matched"] == 6


def test_missing_titles_filter_and_sort_like_the_list(client):
    check_file(client, known_file())
    response = client.get(REPORT + "?period=abroad&sort=title")
    assert response.status_code == 200
    titles = [book["title"] for book in response.context["missing_page"].object_list]
    assert len(titles) == 5 and titles == sorted(titles, key=lambda title: collation_key(title, "kk"))
    world = client.get(REPORT + "?period=world")
    assert world.context["missing_count"] == 39
    counts = {option["code"]: option["count"] for option in world.context["facet_groups"][0]["options"]}
    assert counts["world"] == 39 and counts["classical"] == 43  # each facet counts under the other filters
    assert client.get(REPORT + "?period=nonsense").status_code == 400


def test_copies_threshold_is_chosen_by_the_librarian_with_errors_tied_to_the_field(client):
    check_file(client, known_file())
    report = client.get(REPORT + "?min_copies=6").context["report"]
    assert [book["list_no"] for book in report["low_copy_titles"]] == [3, 24, 111]
    response = client.get(REPORT + "?min_copies=0")
    assert response.status_code == 400
    html = response.content.decode()
    assert 'aria-invalid="true" aria-describedby="min-copies-error"' in html
    assert response.context["report"]["min_copies"] == 3


def _import_dry_run(tmp_path, content: bytes, name: str) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    out = StringIO()
    call_command("import_booklist", str(path), "--dry-run", stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_procurement_list_round_trips_through_import_booklist(client, tmp_path, kind):
    check_file(client, known_file())
    response = client.get(REPORT + f"download/{kind}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    output = _import_dry_run(tmp_path, response.content, f"procurement.{kind}")
    assert "Dry run: 0 would be created, 0 updated, 148 unchanged, 0 invalid, 2 in the list but not in the file" in output
    if kind == "csv":
        lines = response.content.decode("utf-8-sig").splitlines()
        assert lines[0].endswith(",copies_to_buy")
        assert len(lines) == 149
        three = next(line for line in lines[1:] if line.startswith("3,"))
        assert three.endswith(",2")


def test_procurement_list_follows_the_filters_of_the_missing_list(client, tmp_path):
    check_file(client, known_file())
    content = client.get(REPORT + "download/csv/?period=abroad&min_copies=2").content
    lines = content.decode("utf-8-sig").splitlines()[1:]
    assert [line.split(",")[0] for line in lines] == ["106", "107", "108", "109", "110"]
    assert all(line.endswith(",2") for line in lines)
    assert "5 unchanged" in _import_dry_run(tmp_path, content, "abroad.csv")


def test_rows_that_matched_nothing_download_as_csv(client):
    check_file(client, known_file())
    content = client.get(REPORT + "download/unmatched/").content.decode("utf-8-sig")
    assert content.splitlines()[1] == "7,Физика. 7 сынып,Башарұлы Р.,,2020,30"
    assert client.get(REPORT + "download/pdf/").status_code == 404


def test_print_view_lists_every_missing_title_without_forms(client):
    check_file(client, known_file(), language="en")
    response = client.get("/en/holdings-check/report/print/?period=abroad")
    html = response.content.decode()
    assert response.status_code == 200
    missing = html.split('id="missing-heading"')[1].split('id="low-heading"')[0]
    assert re.findall(r"<tr><td>(\d+)</td>", missing) == ["106", "107", "108", "109", "110"]
    assert "<form" not in html
    assert 'content="noindex, nofollow"' in html


def test_xlsx_holdings_give_the_same_report_as_csv(client):
    csv_report = check_file(client, known_file()).context["report"]
    xlsx_report = check_file(client, xlsx_bytes(KNOWN_HEADER, KNOWN_ROWS), name="qor.xlsx").context["report"]
    assert (xlsx_report["matched"], xlsx_report["held"]) == (5, 3)
    for name in ("matched", "possible", "unmatched", "held", "missing", "coverage", "by_period"):
        assert xlsx_report[name] == csv_report[name]


def test_windows_1251_and_bom_files_are_checked(client):
    header = ["Название", "Автор", "Экз."]
    rows = [["Путь Абая", "Ауэзов М.", "2"], ["Белый Клык", "Лондон Дж.", "1"], ["Кочевники", "Есенберлин И.", "3"]]
    for data in (csv_bytes(header, rows, encoding="cp1251", delimiter=";"), csv_bytes(header, rows, bom=True)):
        report = check_file(client, data, language="ru").context["report"]
        assert report["held"] == 3
        assert report["columns"]["title"] == "A · Название"


@pytest.mark.parametrize("name, data, text", [
    ("empty.csv", b"", "The file is empty."),
    ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "Old Excel files (.xls) cannot be read."),
    ("scan.pdf", b"%PDF-1.4 ...", "This is not a table in CSV or XLSX format."),
    ("broken.xlsx", b"PK\x03\x04 not a zip", "The XLSX file could not be read"),
    ("mojibake.csv", b"\x98\x98;\x98\r\n\x98;\x98\r\n", "The text encoding of the file could not be recognised."),
])
def test_bad_files_get_a_clear_message_tied_to_the_field(client, name, data, text):
    response = upload(client, data, name, language="en")
    assert response.status_code == 400
    html = response.content.decode()
    assert text in html
    assert 'role="alert"' in html and '<a href="#id_file">' in html
    assert 'id="file-error"' in html and 'aria-describedby="file-help file-error" aria-invalid="true"' in html


def test_too_large_file_is_refused_before_it_is_read(client, settings):
    from content_models.holdings import parsing

    response = upload(client, b"a" * (parsing.MAX_BYTES + 1), "big.csv", language="en")
    assert response.status_code == 400
    assert "The file is larger than 5 MB." in response.content.decode()


def test_no_file_and_no_title_column(client):
    response = client.post(PAGE.format(language="en"), {})
    assert response.status_code == 400
    assert "Choose the file with your library" in response.content.decode()
    upload(client, csv_bytes(["Шифр", "Баға"], [["84(5Каз)", "1200"]]))
    response = client.post(PAGE.format(language="en") + "columns/", {"title": "", "author": ""})
    assert response.status_code == 400
    assert "Choose the column with the titles." in response.content.decode()
    response = client.post(PAGE.format(language="en") + "columns/", {"title": "0", "author": "0"})
    assert response.status_code == 400
    assert "This column is already chosen for “Title”." in response.content.decode()


def test_steps_out_of_order_lead_back_to_the_upload(client):
    for path in ("columns/", "report/", "report/print/", "report/download/csv/"):
        response = client.get(PAGE.format(language="kk") + path)
        assert response.status_code == 302 and response["Location"] == PAGE.format(language="kk")
    assert client.get(PAGE.format(language="kk") + "report/save/").status_code == 405
    upload(client, known_file())
    assert client.get(REPORT)["Location"].endswith("/columns/")


def test_report_page_query_count_is_bounded(client, django_assert_max_num_queries):
    check_file(client, known_file())
    client.get(REPORT)
    with django_assert_max_num_queries(13):  # the check is one row of the database
        assert client.get(REPORT + "?period=world&sort=author").status_code == 200


def test_a_large_file_is_checked(client, settings):
    settings.PORTAL_HOLDINGS_INLINE_ROWS = 5000  # in the request (tests/content_models/holdings/test_jobs.py: by the worker)
    rows = [[f"Оқулық A{number}", "Автор", "", "2020", "1"] for number in range(3000)] + KNOWN_ROWS[:3]
    report = check_file(client, csv_bytes(KNOWN_HEADER[:5], [row[:5] for row in rows])).context["report"]
    assert (report["rows"], report["held"], report["unmatched"]) == (3003, 2, 3000)
    html = client.get(REPORT + "?rows_page=30").content.decode()
    assert "Оқулық A2999" in html  # the last of 30 pages of 100 rows that matched nothing


def test_many_possible_matches_are_confirmed_page_by_page(client):
    rows = [["Абай жолдары", "Әуезов", "", "", "1"]] * 120
    check_file(client, csv_bytes(KNOWN_HEADER[:5], rows))
    first = client.get(REPORT)
    assert first.context["report"]["possible"] == 120
    assert first.content.decode().count('name="shown"') == 100
    second = client.get(REPORT + "?possible_page=2")
    assert second.content.decode().count('name="shown"') == 20
    response = client.post(REPORT + "decisions/", {"shown": [str(row) for row in range(102, 122)], "all": "accept", "query": "possible_page=2"})
    assert response["Location"].endswith("report/?possible_page=2#possible")
    report = client.get(REPORT).context["report"]
    assert (report["matched"], report["possible"]) == (20, 100)
