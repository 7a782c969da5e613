"""Helpers shared by several pages: spreadsheet downloads, the list's facets, the pagination include."""

import io

import pytest
from django.core.paginator import Paginator
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation
from openpyxl import load_workbook

from content_models.books.facets import CODE_FACETS, FACETS, facet_label, selected_codes
from content_models.core.downloads import CONTENT_TYPES, spreadsheet_download
from tests.content_models.holdings.helpers import PAGE, check_file, known_file

# --- downloads ---------------------------------------------------------------------------------------------------


def test_csv_download_is_an_attachment_named_with_its_extension():
    response = spreadsheet_download(["list_no", "title"], [[1, "=Абай"]], file_format="csv", filename="recommended-list-2026-01-02")
    assert response["Content-Type"] == "text/csv; charset=utf-8" == CONTENT_TYPES["csv"]
    assert response["Content-Disposition"] == 'attachment; filename="recommended-list-2026-01-02.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff") and text.splitlines() == ["\ufefflist_no,title", "1,'=Абай"]


def test_xlsx_download_is_a_workbook_with_its_sheet_title():
    response = spreadsheet_download(["list_no", "copies_to_buy"], [[7, 2]], file_format="xlsx", filename="procurement-2026-01-02", title="Procurement")
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == 'attachment; filename="procurement-2026-01-02.xlsx"'
    workbook = load_workbook(io.BytesIO(response.content), read_only=True)
    assert workbook.sheetnames == ["Procurement"]
    assert list(workbook.worksheets[0].iter_rows(values_only=True)) == [("list_no", "copies_to_buy"), (7, 2)]


@pytest.mark.django_db
def test_the_list_export_and_the_procurement_file_are_both_named_attachments(client):
    books = client.get("/kk/books/export/xlsx/")
    assert books["Content-Type"] == CONTENT_TYPES["xlsx"]
    assert books["Content-Disposition"].startswith('attachment; filename="recommended-list-') and books["Content-Disposition"].endswith('.xlsx"')
    check_file(client, known_file())
    procurement = client.get(PAGE.format(language="kk") + "report/download/csv/")
    assert procurement["Content-Type"] == CONTENT_TYPES["csv"]
    assert procurement["Content-Disposition"].startswith('attachment; filename="procurement-') and procurement["Content-Disposition"].endswith('.csv"')
    assert "no-store" in procurement["Cache-Control"]


# --- facets ------------------------------------------------------------------------------------------------------


def test_the_list_page_and_the_holdings_check_share_the_code_facets():
    assert [name for name, _choices in FACETS] == ["period", "literature", "genre", "grades", "language"]
    assert FACETS[:4] == CODE_FACETS
    assert dict(CODE_FACETS)["grades"] == [("1-4", "1–4"), ("5-9", "5–9"), ("10-11", "10–11")]
    with translation.override("ru"):
        assert facet_label("period") == "Период"


def test_selected_codes_read_repeated_and_comma_separated_values():
    request = RequestFactory().get("/", {"genre": ["prose, poetry", "drama"], "period": ""})
    assert selected_codes(request, "genre") == {"prose", "poetry", "drama"}
    assert selected_codes(request, "period") == set()


@pytest.mark.django_db
def test_both_pages_label_and_order_their_facets_from_the_one_definition(client):
    books = client.get("/en/books/")
    check_file(client, known_file(), language="en")
    holdings = client.get(PAGE.format(language="en") + "report/")
    list_groups = [(group["name"], group["label"]) for group in books.context["facet_groups"]]
    check_groups = [(group["name"], group["label"]) for group in holdings.context["facet_groups"]]
    assert check_groups == list_groups[:4] == [("period", "Period"), ("literature", "Literature"), ("genre", "Genre"), ("grades", "Grades")]
    for group, (_name, choices) in zip(holdings.context["facet_groups"], CODE_FACETS, strict=True):
        assert [option["code"] for option in group["options"]] == [code for code, _text in choices]


# --- pagination --------------------------------------------------------------------------------------------------


def _page(number, total=50):
    return Paginator(list(range(total)), 10).get_page(number)


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_pagination_says_page_n_of_m_with_links_that_keep_the_base_query():
    html = render_to_string("includes/pagination.html", {"page_obj": _page(2), "base_query": "period=world"})
    assert '<nav class="pagination" aria-label="Pages">' in html
    assert '<a href="?period=world&amp;page=1" rel="prev">' in html and '<a href="?period=world&amp;page=3" rel="next">' in html
    assert '<li aria-current="page">Page 2 of 5</li>' in html


def test_pagination_of_a_report_table_uses_its_own_parameter_anchor_and_label():
    html = render_to_string("includes/pagination.html", {
        "page_obj": _page(1), "base_query": "min_copies=3", "param": "rows_page", "anchor": "unmatched", "label": "Rows",
    })
    assert '<nav class="pagination" aria-label="Rows">' in html
    assert '<a href="?min_copies=3&amp;rows_page=2#unmatched" rel="next">' in html and 'rel="prev"' not in html


def test_numbered_pagination_links_every_page_and_keeps_the_request_query():
    request = RequestFactory().get("/kk/guidance/", {"audience": "pupils", "page": "2"})
    html = render_to_string("includes/pagination.html", {"page_obj": _page(2), "numbered": True}, request=request)
    assert '<nav class="pagination" aria-label="Pagination">' in html
    assert '<span aria-current="page">2</span>' in html
    assert '<a href="?audience=pupils&amp;page=3">3</a>' in html and 'href="?audience=pupils&amp;page=1" rel="prev"' in html


def test_one_page_needs_no_pagination():
    assert render_to_string("includes/pagination.html", {"page_obj": _page(1, total=5), "numbered": True}).strip() == ""
    assert render_to_string("includes/pagination.html", {"page_obj": _page(1, total=5)}).strip() == ""
