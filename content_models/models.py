"""Every content model of the portal, listed by name."""

from .books.catalogue import CatalogueVersion
from .books.models import Author, BookAuthor, BookListPage, BookPage
from .digests import DigestIndexPage, DigestPage
from .events import EventBook, EventIndexPage, EventPage, EventType, NotableDate, NotableDatesPage
from .exhibitions import ExhibitionBook, ExhibitionIndexPage, ExhibitionPage, ExhibitionSchedulePage
from .guidance import GuidanceIndexPage, GuidelinePage, GuidelineTopic
from .holdings.models import HoldingsCheckPage, HoldingsReport
from .home import HomePage, StandardPage
from .taxonomy import Topic
from .videos import VideoFile, VideoIndexPage, VideoPage, VideoTopic

__all__ = [
    "Author",
    "BookAuthor",
    "BookPage",
    "CatalogueVersion",
    "BookListPage",
    "DigestIndexPage",
    "DigestPage",
    "EventBook",
    "EventIndexPage",
    "EventPage",
    "EventType",
    "ExhibitionBook",
    "ExhibitionIndexPage",
    "ExhibitionPage",
    "ExhibitionSchedulePage",
    "GuidanceIndexPage",
    "GuidelinePage",
    "GuidelineTopic",
    "HoldingsCheckPage",
    "HoldingsReport",
    "HomePage",
    "NotableDate",
    "NotableDatesPage",
    "StandardPage",
    "Topic",
    "VideoFile",
    "VideoIndexPage",
    "VideoPage",
    "VideoTopic",
]
