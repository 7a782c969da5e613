"""Every content model of the portal, listed by name."""

from .books.models import Author, BookAuthor, BookListPage, BookPage
from .digests import DigestIndexPage
from .events import EventBook, EventIndexPage, EventPage, EventType, NotableDate, NotableDatesPage
from .exhibitions import ExhibitionBook, ExhibitionIndexPage, ExhibitionPage, ExhibitionSchedulePage
from .guidance import GuidanceIndexPage
from .home import HomePage, StandardPage
from .videos import VideoIndexPage

__all__ = [
    "Author",
    "BookAuthor",
    "BookPage",
    "BookListPage",
    "DigestIndexPage",
    "EventBook",
    "EventIndexPage",
    "EventPage",
    "EventType",
    "ExhibitionBook",
    "ExhibitionIndexPage",
    "ExhibitionPage",
    "ExhibitionSchedulePage",
    "GuidanceIndexPage",
    "HomePage",
    "NotableDate",
    "NotableDatesPage",
    "StandardPage",
    "VideoIndexPage",
]
