"""StreamField blocks showing books of the recommended list on other pages (guidelines, digests)."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from content_models.books.models import BookPage
from content_models.core.api_output import absolute_url, context_root_url
from content_models.core.blocks import pages_in_language


def book_pages(pages, language_code: str | None = None) -> list:
    return pages_in_language(pages, BookPage, language_code or translation.get_language() or "kk", related=["book_authors__author"])


def book_out(book, root: str) -> dict:
    return {
        "id": book.pk,
        "title": book.title,
        "list_no": book.list_no,
        "authors": [author.name for author in book.authors],
        "grades": book.grades,
        "html_url": absolute_url(book.url, root),
    }


class BookListBlock(blocks.StructBlock):
    """Books of the recommended list shown as cards; books that are not published are left out."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    books = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="content_models.BookPage", label=_("Book")),
        min_num=1, label=_("Books"),
        help_text=_("Choose books of the recommended list; each language shows its own translation of the book."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Books from the list")
        template = "content_models/books/blocks/book_list_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["books"] = book_pages(value["books"])
        return context

    def get_api_representation(self, value, context=None):
        root = context_root_url(context)
        return {"title": value["title"], "books": [book_out(book, root) for book in book_pages(value["books"])]}
