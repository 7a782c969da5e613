"""Section: the programme's event calendar, its events and the annual calendars of notable dates."""

from content_models.events.index import EventIndexPage
from content_models.events.models import EventBook, EventPage
from content_models.events.notable import NotableDate, NotableDatesPage
from content_models.events.types import AUDIENCES, EventType

__all__ = ["AUDIENCES", "EventBook", "EventIndexPage", "EventPage", "EventType", "NotableDate", "NotableDatesPage"]
