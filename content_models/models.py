"""Every content model of the portal, listed by name."""

from content_models.books.models import Author, BookAuthor, BookListPage, BookPage
from content_models.books.uploads import BookImportUpload
from content_models.core.taxonomy import Topic
from content_models.core.versions import CatalogueVersion
from content_models.digests.models import DigestIndexPage, DigestPage
from content_models.events import EventBook, EventIndexPage, EventPage, EventType, NotableDate, NotableDatesPage
from content_models.exhibitions import ExhibitionBook, ExhibitionIndexPage, ExhibitionPage, ExhibitionSchedulePage
from content_models.guidance.models import GuidanceIndexPage, GuidelinePage, GuidelineTopic
from content_models.holdings.models import HoldingsCheckPage, HoldingsJob, HoldingsReport
from content_models.home.models import HomePage, StandardPage
from content_models.videos.files import VideoFile
from content_models.videos.models import VideoIndexPage, VideoPage, VideoTopic

__all__ = [
    "Author",
    "BookAuthor",
    "BookImportUpload",
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
    "HoldingsJob",
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
