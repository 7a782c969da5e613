"""Shared snippets in the admin: the topics that guidelines, digests and videos are filed under."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.views.snippets import SnippetViewSet

from content_models.core.taxonomy import Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]
