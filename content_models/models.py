"""Every content model of the portal, listed by name."""

from .books.catalogue import CatalogueVersion
from .books.models import Author, BookAuthor, BookListPage, BookPage
from .digests import DigestIndexPage
from .events import EventIndexPage
from .exhibitions import ExhibitionIndexPage
from .guidance import GuidanceIndexPage
from .home import HomePage, StandardPage
from .videos import VideoIndexPage

__all__ = [
    "Author",
    "BookAuthor",
    "BookPage",
    "CatalogueVersion",
    "BookListPage",
    "DigestIndexPage",
    "EventIndexPage",
    "ExhibitionIndexPage",
    "GuidanceIndexPage",
    "HomePage",
    "StandardPage",
    "VideoIndexPage",
]
