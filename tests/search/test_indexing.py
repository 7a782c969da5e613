"""Keeping the portal index in step: rebuild command, imports, rollbacks, translations, authors. Over the sample
book list (the `booklist` fixture) and the books each test makes; that the whole demo is indexed is checked in
tests/integration/test_search_demo.py."""

import csv
import io

import pytest
from django.core.management import call_command
from django.db import transaction

from content_models.demo.loader import SAMPLE_LIST as SAMPLE
from search.models import SearchDocument, SearchTerm
from search.queries import clear_caches, search_pages
from tests.factories import make_book

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booklist")]


def test_update_index_rebuilds_the_same_index_and_reports_counts():
    before = sorted(SearchDocument.objects.values_list("key", "title_terms", "alt_terms", "url"))
    out, err = io.StringIO(), io.StringIO()
    call_command("update_index", stdout=out, stderr=err)
    line = out.getvalue().strip()
    assert line.startswith(f"{len(before)} documents and ") and " terms indexed in " in line
    assert sorted(SearchDocument.objects.values_list("key", "title_terms", "alt_terms", "url")) == before
    assert SearchTerm.objects.filter(term="abai").values_list("doc_count", flat=True).get() >= 3
    assert search_pages(query="Абай жолы", locale="kk").total >= 1


def test_update_index_is_quiet_at_verbosity_zero():
    out, err = io.StringIO(), io.StringIO()
    call_command("update_index", verbosity=0, stdout=out, stderr=err)
    assert "Indexing" not in err.getvalue()


def test_imported_titles_are_searchable_at_once_in_every_language(tmp_path):
    with SAMPLE.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        fields = reader.fieldnames
    new = {**rows[0], "list_no": "9301", "title_kk": "Сиқырлы сандық", "title_ru": "Волшебный сундук", "title_en": "The Magic Chest",
           "author_kk": "Жаңа Автор", "author_ru": "Новый Автор", "author_en": "New Author"}
    path = tmp_path / "list.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows([*rows, new])
    call_command("import_booklist", str(path), verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
    for language, query, title in (("kk", "Волшебный сундук", "Сиқырлы сандық"), ("ru", "Siqyrly sandyq", "Волшебный сундук"), ("en", "сиқырлы", "The Magic Chest")):
        hits = search_pages(query=query, locale=language).hits
        assert hits and hits[0].title == title, (language, query)
    author = search_pages(query="Жаңа Автор", locale="kk", types=["author"]).hits
    assert author and author[0].subtitle.endswith("Тізімде 1 кітап")


def test_index_writes_roll_back_with_the_transaction():
    count = SearchDocument.objects.count()
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            make_book(9302, "Кері қайтарылған кітап")
            assert search_pages(query="Кері қайтарылған кітап", locale="kk").total >= 1
            raise RuntimeError("rollback")
    assert SearchDocument.objects.count() == count
    assert "Кері қайтарылған кітап" not in [hit.title for hit in search_pages(query="Кері қайтарылған кітап", locale="kk").hits]


def test_the_full_text_table_follows_deletes_of_the_document_table():
    make_book(9303, "Үшбұрышты айдаһар")
    assert search_pages(query="айдаһар", locale="kk", types=["book"]).total == 1
    SearchDocument.objects.filter(title="Үшбұрышты айдаһар").delete()
    clear_caches()  # a direct write to the table does not bump the index version
    assert search_pages(query="айдаһар", locale="kk", types=["book"]).total == 0


def test_a_translation_published_later_makes_the_title_findable_in_the_other_languages(locales):
    book = make_book(9304, "Аспандағы шам")
    assert search_pages(query="Аспандағы шам", locale="ru").partial  # no Russian page has both words yet
    translated = book.copy_for_translation(locales["ru"])
    translated.title = "Лампа в небе"
    translated.save_revision().publish()
    hits = search_pages(query="Аспандағы шам", locale="ru").hits
    assert hits and hits[0].title == "Лампа в небе"  # found by the Kazakh title on the Russian site
    assert search_pages(query="Лампа в небе", locale="kk").hits[0].title == "Аспандағы шам"


def test_a_new_slug_moves_the_addresses_of_the_pages_below(section):
    books = section("books", "kk")
    book = SearchDocument.objects.filter(kind="book", locale="kk").first()
    assert book.url.startswith("/kk/books/")
    books.slug = "kitaptar"
    books.save_revision().publish()
    book.refresh_from_db() if SearchDocument.objects.filter(pk=book.pk).exists() else None
    moved = SearchDocument.objects.get(key=book.key)
    assert moved.url.startswith("/kk/kitaptar/")
