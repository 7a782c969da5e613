"""The "Guidance and videos" menu of the admin: the topics and the video files."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from content_models.core.admin import TopicViewSet
from content_models.videos.admin import VideoFileViewSet


class GuidanceGroup(SnippetViewSetGroup):
    items = (TopicViewSet, VideoFileViewSet)
    menu_icon = "help"
    menu_label = _("Guidance and videos")
    menu_name = "guidance"


register_snippet(GuidanceGroup)
