"""Page factories (wagtail-factories) and short builders on top of them."""

import datetime
import uuid

import factory
import wagtail_factories
from django.core.files.base import ContentFile

from content_models.books.models import Author, BookAuthor, BookListPage, BookPage
from content_models.digests.models import DigestIndexPage, DigestPage
from content_models.events import EventBook, EventIndexPage, EventPage, NotableDate, NotableDatesPage
from content_models.exhibitions import ExhibitionBook, ExhibitionIndexPage, ExhibitionPage, ExhibitionSchedulePage
from content_models.guidance.models import GuidanceIndexPage, GuidelinePage, GuidelineTopic
from content_models.videos.models import VideoIndexPage, VideoPage, VideoTopic
from tests.factories.snippets import MP4_BYTES, AuthorFactory, VideoFileFactory, locale, slug_of


class PageFactory(wagtail_factories.PageFactory):
    """A Wagtail page added under `parent`: published (one revision) unless `live=False`, then a never-published draft.

    Without a parent, the page goes under the page of `parent_model()` in the locale of `language`."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Бет {n}")
    slug = factory.LazyAttribute(lambda o: slug_of(o.title))

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        live, language = kwargs.pop("live", True), kwargs.pop("language", "kk")
        children = {name: kwargs.pop(name) for name in cls.child_rows() if name in kwargs}
        parent = parent or cls.parent_model().objects.get(locale__language_code=language)
        page = model_class(**kwargs)
        page.live = live
        cls.set_children(page, parent, **children)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        return model_class.objects.get(pk=page.pk)

    @classmethod
    def parent_model(cls):
        raise TypeError(f"{cls.__name__} needs a parent")

    @classmethod
    def child_rows(cls) -> tuple:
        return ()

    @classmethod
    def set_children(cls, page, parent, **children):
        pass


class BookPageFactory(PageFactory):
    """A book of the list; `authors` are Author objects or names (an author of that name in the book's locale is
    reused, or made)."""

    class Meta:
        model = BookPage

    @classmethod
    def parent_model(cls):
        return BookListPage

    list_no = factory.Sequence(lambda n: 9500 + n)
    title = factory.LazyAttribute(lambda o: f"Кітап {o.list_no}")
    slug = factory.LazyAttribute(lambda o: f"book-{o.list_no}")
    period = "classical"
    literature = "national"
    genres = "prose"
    grade_min = 5
    grade_max = 9
    original_language = "kk"
    edition_added = 2024
    publisher = "Жазушы"
    year = 2019

    @classmethod
    def child_rows(cls):
        return ("authors",)

    @classmethod
    def set_children(cls, page, parent, authors=()):
        rows = []
        for index, item in enumerate(authors):
            if isinstance(item, str):
                item = Author.objects.filter(name=item, locale=parent.locale).first() or AuthorFactory(name=item, locale=parent.locale)
            rows.append(BookAuthor(author=item, sort_order=index, locale=parent.locale))
        page.book_authors = rows


class GuidelinePageFactory(PageFactory):
    class Meta:
        model = GuidelinePage

    @classmethod
    def parent_model(cls):
        return GuidanceIndexPage

    summary = factory.LazyAttribute(lambda o: f"{o.slug} summary")
    document_type = "recommendation"
    audience = "librarians"
    last_reviewed = datetime.date(2025, 1, 15)
    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Мәтін</p>"}])

    @classmethod
    def child_rows(cls):
        return ("topics",)

    @classmethod
    def set_children(cls, page, parent, topics=()):
        page.guideline_topics = [GuidelineTopic(topic=topic, locale=parent.locale) for topic in topics]


class DigestPageFactory(PageFactory):
    class Meta:
        model = DigestPage

    @classmethod
    def parent_model(cls):
        return DigestIndexPage

    kind = "digest"
    year = 2025
    quarter = 1
    entries = factory.LazyFunction(lambda: [{"type": "reference", "value": {"title": "Оқу құралы", "year": 1912}}])


class VideoPageFactory(PageFactory):
    class Meta:
        model = VideoPage

    @classmethod
    def parent_model(cls):
        return VideoIndexPage

    summary = "Қысқаша"
    video = factory.LazyAttribute(lambda o: VideoFileFactory(title=o.slug, file=ContentFile(MP4_BYTES, name=f"{o.slug}.mp4")))
    duration = datetime.timedelta(seconds=65)
    region = "almaty"
    school = "№ 1 мектеп"
    transcript = "<p>Мәтіндік нұсқасы</p>"

    @classmethod
    def child_rows(cls):
        return ("topics",)

    @classmethod
    def set_children(cls, page, parent, topics=()):
        page.video_topics = [VideoTopic(topic=topic, locale=parent.locale) for topic in topics]


class EventPageFactory(PageFactory):
    """An event of the calendar; `books` are the book pages it presents."""

    class Meta:
        model = EventPage

    @classmethod
    def parent_model(cls):
        return EventIndexPage

    start_date = datetime.date(2031, 5, 12)

    @classmethod
    def child_rows(cls):
        return ("books",)

    @classmethod
    def set_children(cls, page, parent, books=()):
        page.related_books = [EventBook(book=item, sort_order=index) for index, item in enumerate(books)]


class ExhibitionSchedulePageFactory(PageFactory):
    class Meta:
        model = ExhibitionSchedulePage

    @classmethod
    def parent_model(cls):
        return ExhibitionIndexPage

    title = "Кесте"
    school_year = 2030
    slug = factory.LazyAttribute(lambda o: f"keste-{o.school_year}")


class ExhibitionPageFactory(PageFactory):
    """An exhibition of a schedule (give `parent`); `books` are the book pages it recommends."""

    class Meta:
        model = ExhibitionPage

    start_date = datetime.date(2030, 10, 1)
    end_date = datetime.date(2030, 10, 31)
    grade_min = 1
    grade_max = 11

    @classmethod
    def child_rows(cls):
        return ("books",)

    @classmethod
    def set_children(cls, page, parent, books=()):
        page.recommended_books = [ExhibitionBook(book=item, sort_order=index) for index, item in enumerate(books)]


class NotableDatesPageFactory(PageFactory):
    """A school year's notable dates; `dates` are (day, title, kind) triples."""

    class Meta:
        model = NotableDatesPage

    @classmethod
    def parent_model(cls):
        return EventIndexPage

    title = "Атаулы күндер"
    school_year = 2030
    slug = factory.LazyAttribute(lambda o: f"atauly-{o.school_year}")
    show_anniversaries = True

    @classmethod
    def child_rows(cls):
        return ("dates",)

    @classmethod
    def set_children(cls, page, parent, dates=()):
        page.dates = [NotableDate(date=day, title=title, kind=kind, sort_order=index) for index, (day, title, kind) in enumerate(dates)]


# Short builders, as the tests call them.


def make_book(list_no: int, title: str, *, author="Мұхтар Әуезов", authors=None, live=True, language="kk", **fields) -> BookPage:
    """A book of the list in `language`: by `author` (a name), or by `authors` (Author objects or names; () for none)."""
    authors = [author] if authors is None else authors
    return BookPageFactory(list_no=list_no, title=title, authors=authors, live=live, language=language, **fields)


def make_translated_book(list_no: int, titles: dict, *, authors: dict, **fields) -> dict[str, BookPage]:
    """One book of the list in each language of `titles` ({"kk": ..., "ru": ..., "en": ...}), the pages translations
    of one another, as the import makes them; `authors` names its author in each language (one Author translated into
    each language, shared by the books whose Kazakh author name is the same). Returns the pages by language code."""
    kk_author = Author.objects.filter(name=authors["kk"], locale__language_code="kk").first()
    author_key = kk_author.translation_key if kk_author else uuid.uuid4()
    page_key = uuid.uuid4()
    pages = {}
    for code, title in titles.items():
        writer = Author.objects.filter(translation_key=author_key, locale__language_code=code).first()
        writer = writer or AuthorFactory(name=authors[code], locale=locale(code), translation_key=author_key)
        pages[code] = make_book(list_no, title, authors=[writer], language=code, translation_key=page_key, **fields)
    return pages


def calendar(code="kk") -> EventIndexPage:
    return EventIndexPage.objects.get(locale__language_code=code)


def event(title, *, parent=None, live=True, slug=None, books=(), **fields) -> EventPage:
    return EventPageFactory(title=title, slug=slug or slug_of(title), parent=parent, live=live, books=books, **fields)


def schedule(school_year, *, title="Кесте", parent=None) -> ExhibitionSchedulePage:
    return ExhibitionSchedulePageFactory(school_year=school_year, title=title, parent=parent)


def exhibition(parent, title, start, end, *, live=True, books=(), grades=(1, 11), **fields) -> ExhibitionPage:
    return ExhibitionPageFactory(
        parent=parent, title=title, start_date=start, end_date=end, grade_min=grades[0], grade_max=grades[1], live=live, books=books, **fields,
    )


def notable_page(school_year, *, dates=(), parent=None, show_anniversaries=True, slug=None) -> NotableDatesPage:
    fields = {"slug": slug} if slug else {}
    return NotableDatesPageFactory(school_year=school_year, dates=dates, parent=parent, show_anniversaries=show_anniversaries, **fields)


def _titled(factory_class):
    """A builder of `factory_class` pages: builder(parent, slug, title=None, **fields), the title defaulting to the slug."""

    def build(parent, slug, *, title=None, **fields):
        return factory_class(parent=parent, slug=slug, title=title or slug, **fields)

    build.__doc__ = f"A {factory_class._meta.model.__name__} under `parent` with this slug (and title, by default the slug)."
    return build


make_guideline = _titled(GuidelinePageFactory)
make_digest = _titled(DigestPageFactory)
make_video_page = _titled(VideoPageFactory)
