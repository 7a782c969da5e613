"""Snippet registrations and admin menu grouping."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .books.models import Author
from .events import EventType


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


class EventTypeViewSet(SnippetViewSet):
    """Kinds of events (quiet-reading hour, meeting with a writer …) that filter the calendar and its feeds."""

    model = EventType
    icon = "date"
    menu_label = _("Event types")
    menu_name = "event-types"
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    ordering = ["name"]
    add_to_admin_menu = True
    menu_order = 250


register_snippet(EventTypeViewSet)
