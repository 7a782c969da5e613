"""Changes that touch the book list bump its counter (the "books" version), so each process rebuilds its snapshot."""

from content_models.books.models import Author, BookListPage, BookPage
from content_models.core.signals import count_model_changes, count_page_changes


def connect_signals():
    count_page_changes((BookPage, BookListPage), "books")
    count_model_changes(Author, "books")
