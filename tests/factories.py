"""Small builders for the calendar tests: books, authors, events, exhibitions, notable-dates pages (kk unless told)."""

import uuid
from datetime import date

from django.utils.text import slugify

from wagtail.models import Locale

from content_models.books.models import Author, BookAuthor, BookListPage, BookPage
from content_models.events import EventIndexPage, EventPage, EventType, NotableDatesPage
from content_models.exhibitions import ExhibitionIndexPage, ExhibitionPage, ExhibitionSchedulePage


def locale(code="kk") -> Locale:
    return Locale.objects.get(language_code=code)


def author(name, *, code="kk", **dates) -> Author:
    return Author.objects.create(name=name, locale=locale(code), **dates)


def book(list_no, title, *, authors=(), live=True) -> BookPage:
    parent = BookListPage.objects.get(locale__language_code="kk", slug="books")
    page = BookPage(
        title=title, slug=f"book-{list_no}", list_no=list_no, period="classical", literature="national",
        genres="prose", grade_min=5, grade_max=9, original_language="kk", edition_added=2024,
    )
    page.book_authors = [BookAuthor(author=item, sort_order=index) for index, item in enumerate(authors)]
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    else:
        page.unpublish()
    return BookPage.objects.get(pk=page.pk)


def calendar(code="kk") -> EventIndexPage:
    return EventIndexPage.objects.get(locale__language_code=code)


def event_type(slug, name, code="kk") -> EventType:
    existing = EventType.objects.filter(slug=slug, locale=locale(code)).first()
    return existing or EventType.objects.create(slug=slug, name=name, locale=locale(code))


def event(title, *, parent=None, live=True, slug=None, books=(), **fields) -> EventPage:
    from content_models.events import EventBook

    parent = parent or calendar()
    fields.setdefault("start_date", date(2031, 5, 12))
    page = EventPage(title=title, slug=slug or _slugify(title), **fields)
    page.related_books = [EventBook(book=item, sort_order=index) for index, item in enumerate(books)]
    parent.add_child(instance=page)
    revision = page.save_revision(clean=True)
    if live:
        revision.publish()
    else:
        EventPage.objects.filter(pk=page.pk).update(live=False)
    return EventPage.objects.get(pk=page.pk)


def schedule(school_year, *, title="Кесте", parent=None) -> ExhibitionSchedulePage:
    parent = parent or ExhibitionIndexPage.objects.get(locale__language_code="kk")
    page = ExhibitionSchedulePage(title=title, slug=f"kesté-{school_year}".replace("é", "e"), school_year=school_year)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return ExhibitionSchedulePage.objects.get(pk=page.pk)


def exhibition(parent, title, start, end, *, live=True, books=(), grades=(1, 11), **fields) -> ExhibitionPage:
    from content_models.exhibitions import ExhibitionBook

    page = ExhibitionPage(title=title, slug=_slugify(title), start_date=start, end_date=end, grade_min=grades[0], grade_max=grades[1], **fields)
    page.recommended_books = [ExhibitionBook(book=item, sort_order=index) for index, item in enumerate(books)]
    parent.add_child(instance=page)
    revision = page.save_revision(clean=True)
    if live:
        revision.publish()
    else:
        ExhibitionPage.objects.filter(pk=page.pk).update(live=False)
    return ExhibitionPage.objects.get(pk=page.pk)


def notable_page(school_year, *, dates=(), parent=None, show_anniversaries=True, slug=None) -> NotableDatesPage:
    from content_models.events import NotableDate

    parent = parent or calendar()
    page = NotableDatesPage(title="Атаулы күндер", slug=slug or f"atauly-{school_year}", school_year=school_year, show_anniversaries=show_anniversaries)
    page.dates = [NotableDate(date=day, title=title, kind=kind, sort_order=index) for index, (day, title, kind) in enumerate(dates)]
    parent.add_child(instance=page)
    page.save_revision().publish()
    return NotableDatesPage.objects.get(pk=page.pk)


def _slugify(text) -> str:
    return slugify(text) or f"p-{uuid.uuid4().hex[:8]}"
