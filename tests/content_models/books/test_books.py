"""The book list page (facets, sorting, paging, drafts and private books), the list's composition and the admin
import, over the sample of the list (150 titles, the `booklist` fixture): counts are checked against its rows."""

import csv
import io
import re
from collections import Counter

import pytest
from django.utils.html import escape
from wagtail.models import PageViewRestriction

from content_models.books.catalogue import collation_key
from content_models.books.codes import parse_grades
from content_models.books.models import BookPage
from content_models.demo.loader import SAMPLE_LIST as SAMPLE

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booklist")]


def sample_rows():
    with SAMPLE.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def overlaps(grades: str, low: int, high: int) -> bool:
    a, b = parse_grades(grades)
    return a <= high and b >= low


def titles(html: str) -> list[str]:
    return re.findall(r'<h3 class="book-card__title"><a href="[^"]+">([^<]+)</a>', html)


def facet_count(html: str, name: str, code: str) -> int:
    match = re.search(rf'name="{name}" value="{code}"[^>]*> [^<]+ <span class="facet__count">\((\d+)\)</span>', html)
    assert match, (name, code)
    return int(match.group(1))


# --- list page ---------------------------------------------------------------------------------------------------

def test_list_page_shows_24_books_in_list_order_with_a_total(client):
    html = client.get("/kk/books/").content.decode()
    rows = sample_rows()
    assert f"{len(rows)} кітап" in html
    assert titles(html) == [escape(row["title_kk"]) for row in rows[:24]]
    page2 = client.get("/kk/books/?page=2").content.decode()
    assert titles(page2) == [escape(row["title_kk"]) for row in rows[24:48]]


def test_facet_counts_follow_the_other_selected_filters(client):
    rows = sample_rows()
    html = client.get("/en/books/?period=world&genre=prose").content.decode()
    matching = [row for row in rows if row["period"] == "world" and row["genre"] == "prose"]
    assert f"{len(matching)} books" in html
    # Each period is counted under the genre filter only; each genre under the period filter only.
    for period in ("classical", "independence", "world"):
        assert facet_count(html, "period", period) == sum(1 for row in rows if row["period"] == period and row["genre"] == "prose")
    for genre in ("prose", "poetry", "drama", "children"):
        assert facet_count(html, "genre", genre) == sum(1 for row in rows if row["genre"] == genre and row["period"] == "world")
    assert facet_count(html, "grades", "10-11") == sum(1 for row in matching if overlaps(row["grades"], 10, 11))


def test_several_values_of_one_facet_combine_with_or(client):
    rows = sample_rows()
    html = client.get("/en/books/?genre=poetry&genre=drama&grades=1-4").content.decode()
    expected = sum(1 for row in rows if row["genre"] in ("poetry", "drama") and overlaps(row["grades"], 1, 4))
    assert f'<h2 id="results-heading">{expected} book' in html
    assert expected > 0


def test_text_filter_finds_a_title_written_in_latin_letters(client):
    html = client.get("/kk/books/?search=Qyz+Jibek").content.decode()
    assert titles(html) == ["Қыз Жібек"]
    html = client.get("/ru/books/?search=Ауэзов").content.decode()
    assert "Путь Абая" in titles(html)


def test_sort_by_title_follows_the_kazakh_alphabet(client):
    html = client.get("/kk/books/?sort=title&genre=folklore_epic").content.decode()
    found = titles(html)
    assert len(found) == sum(1 for row in sample_rows() if "folklore_epic" in row["genre"].split(","))
    assert len(found) > 1
    assert found == sorted(found, key=lambda title: collation_key(title, "kk"))
    assert collation_key("Әке", "kk") > collation_key("Ана", "kk")
    assert collation_key("Әке", "kk") < collation_key("Бала", "kk")
    assert collation_key("Ұлан", "kk") < collation_key("Үміт", "kk") < collation_key("Фараб", "kk")


def test_sort_by_author_orders_by_surname(client):
    html = client.get("/en/books/?sort=author&period=world").content.decode()
    authors = re.findall(r'<p class="book-card__authors">([^<]+)</p>', html)
    surnames = [name.split(",")[0].split()[-1] for name in authors]
    assert len(surnames) == min(24, sum(1 for row in sample_rows() if row["period"] == "world"))
    assert surnames == sorted(surnames, key=lambda name: collation_key(name, "en"))


def test_unknown_filter_code_is_a_400_with_a_message(client):
    response = client.get("/kk/books/?period=medieval")
    assert response.status_code == 400
    assert "unknown period code(s): medieval" in response.content.decode()


def test_list_states_are_shareable_urls_and_the_form_works_without_javascript(client):
    html = client.get("/ru/books/?literature=world&sort=title&page=2").content.decode()
    form = re.search(r'<form class="facets" method="get" action="/ru/books/"', html)
    assert form
    assert 'name="literature" value="world" checked' in html
    assert '<option value="title" selected>' in html
    assert '<button type="submit">' in html
    assert 'href="?literature=world&amp;sort=title&amp;page=1"' in html


def test_list_page_query_count_is_bounded(client, django_assert_max_num_queries):
    client.get("/kk/books/")  # build the snapshot
    with django_assert_max_num_queries(12):
        response = client.get("/kk/books/?period=world&genre=prose&sort=title")
    assert response.status_code == 200
    assert titles(response.content.decode())  # the page lists books


def test_drafts_and_private_books_are_nowhere(client, section):
    draft = BookPage.objects.get(locale__language_code="kk", list_no=24)
    draft.unpublish()
    private = BookPage.objects.get(locale__language_code="kk", list_no=111)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/kk/books/?search=Абай").content.decode()
    assert "Абай жолы" not in titles(html)
    html = client.get("/kk/books/?period=world").content.decode()
    assert "Кішкентай ханзада" not in html
    assert facet_count(html, "period", "independence") == sum(1 for row in sample_rows() if row["period"] == "independence")
    export = client.get("/kk/books/export/csv/").content.decode("utf-8-sig")
    numbers = {row["list_no"] for row in csv.DictReader(io.StringIO(export))}
    assert "24" not in numbers and "111" not in numbers
    api = client.get("/api/v3/books/?limit=100&search=Abai").json()
    assert 24 not in [item["list_no"] for item in api["items"]]
    assert client.get(f"/api/v3/books/{draft.id}/").status_code == 404
    assert client.get(f"/api/v3/books/{private.id}/").status_code == 404
    assert client.get(draft.url).status_code == 404


# --- composition -------------------------------------------------------------------------------------------------

def test_composition_page_shows_actual_shares_beside_the_targets(client):
    rows = sample_rows()
    counts = Counter(row["period"] for row in rows)
    html = client.get("/en/books/composition/").content.decode()
    assert '<svg class="composition__chart" role="img"' in html
    classical = round(100 * counts["classical"] / len(rows), 1)
    assert f"<th scope=\"row\">Ancient and classical</th><td>{counts['classical']}</td><td>{classical}%</td><td>21.1%</td>" in html
    assert "<td>74.9%</td>" in html and "<td>25.1%</td>" in html  # English per CLDR: no space before %


def test_composition_api_matches_the_sample(client):
    rows = sample_rows()
    data = client.get("/api/v3/books/composition/?locale=kk").json()
    assert data["total"] == len(rows)
    by_code = {item["code"]: item for item in data["period"]}
    assert by_code["world"]["count"] == sum(1 for row in rows if row["period"] == "world")
    assert by_code["abroad"]["target"] == 2.9
    assert sum(item["percent"] for item in data["literature"]) == pytest.approx(100, abs=0.1)


# --- admin import ------------------------------------------------------------------------------------------------

def _upload(client, content: bytes, name="list.csv", **extra):
    return client.post("/admin/book-list/import/", {"file": io.BytesIO(content) if False else _named(content, name), "edition": 2025, **extra})


def _named(content, name):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_admin_import_previews_then_imports_on_confirm(client, moderator):
    client.force_login(moderator)
    rows = sample_rows()[:3]
    rows[0]["annotation_en"] = "A changed English annotation."
    rows.append({**rows[1], "list_no": "3001", "title_kk": "Мүлде жаңа кітап", "title_ru": "Совсем новая книга", "title_en": "A Brand New Book"})
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0].keys()))
    writer.writeheader()
    writer.writerows(rows)
    preview = _upload(client, buffer.getvalue().encode())
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "1 new title" in html and "1 changed title" in html and "2 unchanged titles" in html
    assert "annotation_en" in html
    assert "147 titles on the list are not in the file" in html
    assert not BookPage.objects.filter(list_no=3001).exists()
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    done = client.post("/admin/book-list/import/", {"confirm": "1", "token": token})
    assert done.status_code == 302
    assert BookPage.objects.filter(list_no=3001).count() == 3
    assert BookPage.objects.get(locale__language_code="en", list_no=1).annotation == "<p>A changed English annotation.</p>"
    assert BookPage.objects.filter(list_no=150).count() == 3  # missing titles are reported, not deleted


def test_admin_import_shows_errors_and_offers_no_import(client, moderator):
    client.force_login(moderator)
    bad = "list_no,title_kk,title_ru,title_en,author_kk,author_ru,author_en,period,literature,genre,grades,original_language,annotation_kk,annotation_ru,annotation_en\n5000,Кітап,,,Автор,,,medieval,national,prose,5-9,kk,,,\n"
    html = _upload(client, bad.encode()).content.decode()
    assert "unknown period code" in html
    assert 'name="confirm"' not in html


def test_admin_import_refuses_wrong_file_types_and_editors(client, moderator, editor):
    client.force_login(moderator)
    html = _upload(client, b"%PDF-1.4", name="list.pdf").content.decode()
    assert "Upload a .csv or .xlsx file." in html
    client.force_login(editor)
    refused = client.get("/admin/book-list/import/")
    assert refused.status_code in (302, 403)
    assert "/book-list/import/" not in refused.get("Location", "")
