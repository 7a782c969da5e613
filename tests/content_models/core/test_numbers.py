"""Numbers as each language writes them (CLDR): the format module, its template filters, Django's kk formats
and the pages that show percentages, sizes and counts."""

import re

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import number_format

from content_models.core import numbers

NBSP = "\u00a0"


@pytest.mark.parametrize(("language", "expected"), [
    ("kk", ["12" + NBSP + "345", "13,3", "13,3%", "46,7%", "42,6 кБ"]),
    ("ru", ["12" + NBSP + "345", "13,3", "13,3" + NBSP + "%", "46,7" + NBSP + "%", "42,6 кБ"]),
    ("en", ["12,345", "13.3", "13.3%", "46.7%", "42.6 kB"]),
])
def test_numbers_follow_cldr_in_each_language(language, expected):
    with translation.override(language):
        got = [
            numbers.format_integer(12345),
            numbers.format_decimal(13.25),  # rounds half up, as people do: 13.25 → 13.3
            numbers.format_percent(13.3),
            numbers.format_ratio_percent(0.4667),
            numbers.format_filesize(42600),
        ]
    assert got == expected


def test_file_sizes_pick_the_largest_decimal_unit():
    assert numbers.format_filesize(999, "en") == "999 byte"
    assert numbers.format_filesize(1000, "en") == "1 kB"
    assert numbers.format_filesize(2_450_000, "ru") == "2,5 МБ"
    assert numbers.format_filesize(3_000_000_000, "en") == "3 GB"


@pytest.mark.parametrize("bad", [None, "", "abc", float("nan"), True, object()])
def test_what_is_not_a_number_formats_as_nothing(bad):
    assert numbers.format_integer(bad, "kk") == ""
    assert numbers.format_percent(bad, 1, "kk") == ""
    assert numbers.format_filesize(bad, "kk") == ""


def _render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template("{% load number_tags holdings_tags %}" + source).render(Context(context))


def test_template_filters_use_the_active_language():
    source = "{{ n|integer }} | {{ p|percent }} | {{ r|ratio_percent:0 }} | {{ s|filesize }} | {{ none|percent }}"
    values = {"n": 4321, "p": 30.5, "r": 0.5, "s": 1_500_000, "none": None}
    assert _render(source, "kk", **values) == f"4{NBSP}321 | 30,5% | 50% | 1,5 MБ | —"
    assert _render(source, "ru", **values) == f"4{NBSP}321 | 30,5{NBSP}% | 50{NBSP}% | 1,5 МБ | —"
    assert _render(source, "en", **values) == "4,321 | 30.5% | 50% | 1.5 MB | —"


def test_the_integer_filter_leaves_text_alone():
    assert _render("{{ value|integer }}", "kk", value="n/a") == "n/a"


def test_djangos_own_number_formatting_is_right_in_kazakh():
    with translation.override("kk"):
        assert number_format(12345.6, decimal_pos=1, force_grouping=True) == f"12{NBSP}345,6"
    with translation.override("en"):
        assert number_format(12345.6, decimal_pos=1, force_grouping=True) == "12,345.6"


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "percent", "wrong"), [
    ("kk", r"\d+,\d%", r"\d+\.\d\s?%"),
    ("ru", r"\d+,\d\u00a0%", r"\d+\.\d\s?%"),
    ("en", r"\d+\.\d%", r"\d+,\d\s?%"),
])
def test_the_composition_page_writes_percentages_the_languages_way(client, language, percent, wrong):
    response = client.get(f"/{language}/books/composition/")
    assert response.status_code == 200
    html = response.content.decode()
    table = html[html.index("<tbody>"):]
    assert re.search(percent, table), table[:500]
    assert not re.search(wrong, table)


@pytest.mark.django_db
def test_large_holdings_counts_are_grouped_the_languages_way(client):
    from tests.content_models.holdings.helpers import KNOWN_HEADER, csv_bytes, upload

    rows = [[f"Оқулық {number}", "", "", "2020", "1", ""] for number in range(1200)]
    response = upload(client, csv_bytes(KNOWN_HEADER, rows, delimiter=";"), language="ru")
    assert response.status_code == 302
    columns = client.get(response["Location"]).content.decode()
    assert f"1{NBSP}200 строк под заголовками" in columns
    assert "1200 строк" not in columns
