"""Snippet registrations and admin menu grouping."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from content_models.books.admin_views import _can_import, import_view
from content_models.books.models import Author
from content_models.core.taxonomy import Topic
from content_models.videos.models import VideoFile
from content_models.events import EventType


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
class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class VideoFileViewSet(SnippetViewSet):
    model = VideoFile
    icon = "media"
    menu_label = _("Video files")
    list_display = ["title", "file_size", "created_at"]
    search_fields = ["title"]
    ordering = ["-created_at"]


class GuidanceGroup(SnippetViewSetGroup):
    items = (TopicViewSet, VideoFileViewSet)
    menu_icon = "help"
    menu_label = _("Guidance and videos")
    menu_name = "guidance"


register_snippet(GuidanceGroup)
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
