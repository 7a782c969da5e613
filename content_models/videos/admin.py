"""Video files in the admin (chosen by video pages)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from content_models.videos.files import VideoFile


class VideoFileViewSet(SnippetViewSet):
    model = VideoFile
    icon = "media"
    menu_label = _("Video files")
    list_display = ["title", "file_size", "created_at"]
    search_fields = ["title"]
    ordering = ["-created_at"]
