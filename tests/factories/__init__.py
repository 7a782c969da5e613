"""Factories of the content the tests build (factory_boy), and short builders on top of them (Kazakh unless told).

A page factory adds its page under `parent` (by default the site skeleton's section of that type in the page's language),
saves a revision and publishes it; `live=False` leaves a draft that was never published. Child rows (authors of a
book, books of an event, topics, dates) are given as lists and set before the page is saved:

    book = BookPageFactory(list_no=901, title="Көксерек", authors=["Мұхтар Әуезов"])
    event = EventPageFactory(title="Кездесу", books=[book], live=False)

snippets.py holds the snippets, files and translation helper; pages.py the page factories and their builders.
"""

from tests.factories.pages import (
    BookPageFactory,
    DigestPageFactory,
    EventPageFactory,
    ExhibitionPageFactory,
    ExhibitionSchedulePageFactory,
    GuidelinePageFactory,
    NotableDatesPageFactory,
    PageFactory,
    VideoPageFactory,
    calendar,
    event,
    exhibition,
    make_book,
    make_digest,
    make_guideline,
    make_translated_book,
    make_video_page,
    notable_page,
    schedule,
)
from tests.factories.snippets import (
    MP4_BYTES,
    WEBM_BYTES,
    AuthorFactory,
    DocumentFactory,
    EventTypeFactory,
    TopicFactory,
    VideoFileFactory,
    author,
    event_type,
    locale,
    make_document,
    make_image,
    make_topic,
    make_video_file,
    slug_of,
    translate,
    vtt_upload,
)

__all__ = [
    "author",
    "AuthorFactory",
    "BookPageFactory",
    "calendar",
    "DigestPageFactory",
    "DocumentFactory",
    "event",
    "event_type",
    "EventPageFactory",
    "EventTypeFactory",
    "exhibition",
    "ExhibitionPageFactory",
    "ExhibitionSchedulePageFactory",
    "GuidelinePageFactory",
    "locale",
    "make_book",
    "make_digest",
    "make_document",
    "make_guideline",
    "make_image",
    "make_topic",
    "make_translated_book",
    "make_video_file",
    "make_video_page",
    "MP4_BYTES",
    "notable_page",
    "NotableDatesPageFactory",
    "PageFactory",
    "schedule",
    "slug_of",
    "TopicFactory",
    "translate",
    "VideoFileFactory",
    "VideoPageFactory",
    "vtt_upload",
    "WEBM_BYTES",
]
