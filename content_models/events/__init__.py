"""Section: the programme's event calendar, its events and the annual calendars of notable dates."""

from .index import EventIndexPage
from .models import AUDIENCES, EventBook, EventPage, EventType
from .notable import NotableDate, NotableDatesPage

__all__ = ["AUDIENCES", "EventBook", "EventIndexPage", "EventPage", "EventType", "NotableDate", "NotableDatesPage"]
