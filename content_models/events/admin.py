"""Event types in the admin."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from content_models.events import EventType


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
