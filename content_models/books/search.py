"""The book list in the portal search: books and authors are sources of documents built in bulk.

1,770 titles × 3 languages are most of the index, so a book's document is built from a few queries for many
books at once rather than page by page. An author of the list gets a document of their own (linking to the
list filtered by them) while they have a live, reachable book in that language. A book shows its authors'
names and an author the titles of their books: each is the other's dependant.
"""

from __future__ import annotations

from collections import defaultdict

from django.utils import translation
from django.utils.translation import ngettext

from content_models.books.models import Author, BookAuthor, BookListPage, BookPage
from content_models.core.text import html_to_text
from search.registry import register_source
from search.sources import Addresses, IndexDoc, language_order, reachable, visible_twins


def book_documents(page_ids=None, blocked=None, addresses=None) -> list[IndexDoc]:
    """Documents of live, reachable books (all of them, or those of ``page_ids``)."""
    queryset = BookPage.objects.live().public().filter(alias_of__isnull=True)
    if page_ids is not None:
        queryset = queryset.filter(pk__in=list(page_ids))
    rows = reachable(list(queryset.values_list(
        "id", "path", "url_path", "translation_key", "locale__language_code", "title", "annotation",
        "original_title", "translators", "list_no",
    )), blocked)
    if not rows:
        return []
    keys = {row[3] for row in rows}
    twins = [
        (row[0], row[2], row[3], row[4]) for row in visible_twins(BookPage, keys, blocked)
    ] if page_ids is not None else [(row[0], row[3], row[4], row[5]) for row in rows]
    authors: dict[int, list[str]] = defaultdict(list)
    twin_ids = [twin[0] for twin in twins]
    for start in range(0, len(twin_ids), 500):
        for page_id, name in (
            BookAuthor.objects.filter(page_id__in=twin_ids[start:start + 500]).order_by("page_id", "sort_order")
            .values_list("page_id", "author__name")
        ):
            authors[page_id].append(name)
    by_key: dict = defaultdict(list)
    for page_id, key, language, title in twins:
        by_key[key].append((language, title, ", ".join(authors.get(page_id, []))))
    addresses = addresses or Addresses()
    docs = []
    for page_id, path, url_path, key, language, title, annotation, original_title, translators, list_no in rows:
        url = addresses.url(path, url_path)
        if url is None:
            continue
        names = ", ".join(authors.get(page_id, []))
        alt = sorted(((other, f"{other_title} {other_names}") for other, other_title, other_names in by_key[key] if other != language), key=language_order)
        if original_title:
            alt.append(("", original_title))
        if translators:
            alt.append((language, translators))
        docs.append(IndexDoc(
            key=f"page:{page_id}", kind="book", locale=language, object_id=page_id, translation_key=str(key),
            title=title, url=url, subtitle=names, authors=names, alt=alt, body=html_to_text(annotation or ""),
        ).analyse())
    return docs


def author_documents(author_ids=None, blocked=None, addresses=None) -> list[IndexDoc]:
    """Documents of the book list's authors that have at least one live, reachable book in their language."""
    authors = Author.objects.all()
    if author_ids is not None:
        authors = authors.filter(pk__in=list(author_ids))
    authors = list(authors.values_list("id", "translation_key", "locale__language_code", "name", "birth_year", "death_year", "birth_date", "death_date"))
    if not authors:
        return []
    ids = [row[0] for row in authors]
    links = list(
        BookAuthor.objects.filter(author_id__in=ids, page__live=True)
        .values_list("author_id", "page_id", "page__path", "page__title", "page__list_no")
        .order_by("page__list_no")
    )
    visible = {row[0] for row in reachable([(page_id, path) for _a, page_id, path, _t, _n in links], blocked)}
    titles: dict[int, list[str]] = defaultdict(list)
    for author_id, page_id, _path, title, _no in links:
        if page_id in visible:
            titles[author_id].append(title)
    names_by_key: dict = defaultdict(list)
    for row in Author.objects.filter(translation_key__in={row[1] for row in authors}).values_list("translation_key", "locale__language_code", "name"):
        names_by_key[row[0]].append((row[1], row[2]))
    list_urls = {
        page.locale.language_code: page.get_url()
        for page in BookListPage.objects.live().public().select_related("locale")
    }
    docs = []
    for author_id, key, language, name, birth_year, death_year, birth_date, death_date in authors:
        books = titles.get(author_id)
        base = list_urls.get(language)
        if not books or not base:
            continue
        born = birth_date.year if birth_date else birth_year
        died = death_date.year if death_date else death_year
        years = f"{born or ''}–{died or ''}" if born or died else ""
        with translation.override(language):
            count = ngettext("%(count)s book on the list", "%(count)s books on the list", len(books)) % {"count": len(books)}
        docs.append(IndexDoc(
            key=f"author:{author_id}", kind="author", locale=language, object_id=author_id, translation_key=str(key),
            title=name, url=f"{base}?author={author_id}", subtitle=" · ".join(part for part in (years, count) if part),
            alt=sorted(((other, other_name) for other, other_name in names_by_key[key] if other != language), key=language_order),
            body="; ".join(books),
        ).analyse())
    return docs


def _book_ids() -> list[int]:
    return list(BookPage.objects.live().values_list("id", flat=True).order_by("id"))


def _author_ids() -> list[int]:
    return list(Author.objects.values_list("id", flat=True).order_by("id"))


def _authors_of_books(page_ids) -> dict[str, set]:
    return {"authors": set(BookAuthor.objects.filter(page_id__in=page_ids).values_list("author_id", flat=True))}


def _books_of_authors(author_ids) -> dict[str, set]:
    return {"books": set(BookAuthor.objects.filter(author_id__in=author_ids).values_list("page_id", flat=True))}


def _author_translations(author_ids) -> set:
    keys = set(Author.objects.filter(pk__in=author_ids).values_list("translation_key", flat=True))
    return set(author_ids) | set(Author.objects.filter(translation_key__in=keys).values_list("id", flat=True))


def register() -> None:
    register_source(
        "books", model=BookPage, documents=book_documents, ids=_book_ids, dependants=_authors_of_books, unit="book",
    )
    register_source(
        "authors", model=Author, key_prefix="author", documents=author_documents, ids=_author_ids,
        translations=_author_translations, dependants=_books_of_authors,
    )
