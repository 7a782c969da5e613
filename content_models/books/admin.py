"""The book list in the admin: the Author snippets and the import of the list from a file."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content_models.books.admin_views import _can_import, import_view
from content_models.books.models import Author


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = _("Authors")
    list_display = ["name", "birth_date", "birth_year", "death_date", "death_year"]
    search_fields = ["name"]
    ordering = ["name"]


class BookListGroup(SnippetViewSetGroup):
    items = (AuthorViewSet,)
    menu_icon = "list-ul"
    menu_label = _("Book list")
    menu_name = "book-list"


register_snippet(BookListGroup)


@hooks.register("register_admin_urls")
def register_import_url():
    return [path("book-list/import/", import_view, name="booklist_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return _can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import the book list"), reverse("booklist_import"), icon_name="upload", order=250)
