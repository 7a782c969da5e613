"""Snippet registrations and admin menu grouping."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .books.models import Author
from .taxonomy import Topic
from .videos import VideoFile


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
