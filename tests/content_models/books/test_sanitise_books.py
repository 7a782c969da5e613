"""The book annotation is sanitised: a stored script or handler is never shown on the book page, in the books API
or in Wagtail's pages API; the import writes annotations as text and refuses cells with control characters."""

import io
import json
import re

import pytest
from django.core.management import CommandError, call_command

from content_models.books.models import BookPage
from tests.factories import make_book

from .test_import_booklist import new_row, run, write_csv

pytestmark = pytest.mark.django_db

MALICIOUS = (
    '<p>Абай туралы <b>роман</b><script>alert("xss")</script></p>'
    '<p><img src="x" onerror="alert(1)"><a href="jav&#x61;script:alert(2)" onclick="alert(3)">толығырақ</a>'
    '<a href="JAVASCRIPT:alert(4)">тағы</a></p>'
)
FORBIDDEN = re.compile(r"<script>alert|alert\(|onerror|onclick|javascript:", re.I)


def _clean(text: str) -> bool:
    found = FORBIDDEN.search(text)
    assert found is None, f"{found.group()!r} left in {text[max(0, found.start() - 80):found.end() + 80]!r}"
    return True


def test_an_annotation_is_sanitised_when_saved():
    book = make_book(9801, "Абай жолы", annotation=MALICIOUS)
    stored = BookPage.objects.filter(pk=book.pk).values_list("annotation", flat=True).get()
    assert _clean(stored) and "<b>роман</b>" in stored and "толығырақ" in stored


def test_a_stored_script_in_an_annotation_is_shown_nowhere(client):
    book = make_book(9802, "Абай жолы", annotation="<p>Қысқаша</p>")
    BookPage.objects.filter(pk=book.pk).update(annotation=MALICIOUS)  # around the model, as data stored before the policy

    html = client.get(book.url).content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    head = html[:html.index("</head>")]
    assert _clean(main) and _clean(head)
    assert "<b>роман</b>" in main and "толығырақ" in main

    detail = client.get(f"/api/v3/books/{book.pk}/")
    assert detail.status_code == 200
    data = detail.json()
    assert _clean(data["annotation"]) and _clean(data["annotation_text"])
    assert "<b>роман</b>" in data["annotation"]

    for query in ("", "?rich_text_format=html"):
        page = client.get(f"/api/v3/pages/{book.pk}/{query}")
        assert page.status_code == 200
        assert _clean(json.dumps(page.json(), ensure_ascii=False))


def test_an_imported_annotation_is_written_as_text_never_as_markup(tmp_path, client):
    existing = make_book(9804, "Ескі атау")
    attack = '<script>alert(1)</script>Қысқаша <img src=x onerror=alert(2)> <a href="javascript:alert(3)">сілтеме</a>'
    rows = [
        new_row(9803, title="Жаңа кітап", annotation_kk=attack, annotation_ru=attack, annotation_en=attack),
        new_row(9804, title="Ескі атау", author="Мұхтар Әуезов", annotation_kk=attack),
    ]
    run(write_csv(tmp_path / "books.csv", rows))
    for page in [*BookPage.objects.filter(list_no=9803), BookPage.objects.get(pk=existing.pk)]:
        assert "<script" not in page.annotation and "<img" not in page.annotation and "<a " not in page.annotation
        assert "&lt;script&gt;" in page.annotation
    page = BookPage.objects.get(pk=existing.pk)
    html = client.get(page.url).content.decode()
    main = html[html.index("<main"):html.index("</main>")]
    assert "<script>" not in main and "<img src=\"x\"" not in main and '<a href="javascript' not in main
    assert "&lt;script&gt;alert(1)&lt;/script&gt;Қысқаша" in main


def test_import_cells_with_line_breaks_or_control_characters_are_refused(tmp_path):
    rows = [
        new_row(9805, title="Жаңа\nкітап"),
        new_row(9806, title="Басқа кітап", author="Автор\x1bАты"),
        new_row(9807, title="Үшінші кітап", annotation_kk="Бірінші абзац.\nЕкінші\x0bабзац."),
        new_row(9808, title="Төртінші кітап", annotation_kk="Бірінші абзац.\nЕкінші абзац."),
    ]
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_booklist", str(write_csv(tmp_path / "bad.csv", rows)), stdout=io.StringIO(), stderr=err)
    message = err.getvalue()
    assert "row 2, column title_kk: the cell holds a line break or control character (U+000A); remove it" in message
    # the title's line break (quoted in the file) makes its row two lines long: rows are counted by lines
    assert "row 4, column author_kk: the cell holds a line break or control character (U+001B); remove it" in message
    assert "row 5, column annotation_kk: the cell holds a control character (U+000B); remove it" in message
    assert "row 6" not in message
    assert not BookPage.objects.filter(list_no__in=[9805, 9806, 9807, 9808]).exists()
