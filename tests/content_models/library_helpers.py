"""Helpers of the guidance, digest and video tests: books of the list, documents, video files, pages."""

import datetime
import io

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Page

from content_models.books.models import Author, BookAuthor, BookListPage, BookPage
from content_models.digests.models import DigestPage
from content_models.guidance.models import GuidelinePage, GuidelineTopic
from content_models.core.taxonomy import Topic
from content_models.videos.files import VideoFile
from content_models.videos.models import VideoPage

MP4_BYTES = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x00" * 64
WEBM_BYTES = b"\x1a\x45\xdf\xa3" + b"\x00" * 64


def make_book(list_no: int, title: str, *, author="Мұхтар Әуезов", live=True, language="kk") -> BookPage:
    parent = BookListPage.objects.get(locale__language_code=language)
    book = BookPage(
        title=title, slug=f"book-{list_no}", list_no=list_no, period="classical", literature="national", genres="prose",
        grade_min=5, grade_max=9, original_language="kk", edition_added=2024, publisher="Жазушы", year=2019, live=live,
    )
    parent.add_child(instance=book)
    author_obj = Author.objects.filter(name=author, locale=book.locale).first() or Author.objects.create(name=author, locale=book.locale)
    BookAuthor.objects.create(page=book, author=author_obj, locale=book.locale)
    if live:
        book.save_revision().publish()
    else:
        book.save_revision()
    return BookPage.objects.get(pk=book.pk)


def make_document(name: str, content: bytes = b"%PDF-1.4\n%%EOF\n", title: str = ""):
    Document = get_document_model()
    document = Document(title=title or name)
    document.file.save(name, ContentFile(content), save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def make_video_file(name="clip.mp4", content=MP4_BYTES, title="Клип") -> VideoFile:
    video = VideoFile(title=title, file=ContentFile(content, name=name))
    video.full_clean()
    video.save()
    return video


def make_topic(slug: str, name: str, language="kk") -> Topic:
    return Topic.objects.create(slug=slug, name=name, locale=Page.objects.filter(locale__language_code=language).first().locale)


def _publish(parent, page, live=True):
    page.live = live
    parent.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return type(page).objects.get(pk=page.pk)


def make_guideline(parent, slug, *, title=None, document_type="recommendation", audience="librarians", topics=(), body=None, live=True, **fields) -> GuidelinePage:
    page = GuidelinePage(
        title=title or slug, slug=slug, summary=f"{slug} summary", document_type=document_type, audience=audience,
        last_reviewed=datetime.date(2025, 1, 15), body=body or [{"type": "paragraph", "value": "<p>Мәтін</p>"}], **fields,
    )
    page.guideline_topics = [GuidelineTopic(topic=topic, locale=parent.locale) for topic in topics]
    return _publish(parent, page, live)


def make_digest(parent, slug, *, kind="digest", year=2025, quarter=1, entries=None, live=True, **fields) -> DigestPage:
    page = DigestPage(
        title=slug, slug=slug, kind=kind, year=year, quarter=quarter,
        entries=entries or [{"type": "reference", "value": {"title": "Оқу құралы", "year": 1912}}], **fields,
    )
    return _publish(parent, page, live)


def make_video_page(parent, slug, *, region="almaty", video=None, live=True, topics=(), **fields) -> VideoPage:
    from content_models.videos.models import VideoTopic

    page = VideoPage(
        title=slug, slug=slug, summary="Қысқаша", video=video or make_video_file(name=f"{slug}.mp4", title=slug),
        duration=datetime.timedelta(seconds=65), region=region, school="№ 1 мектеп", transcript="<p>Мәтіндік нұсқасы</p>", **fields,
    )
    page.video_topics = [VideoTopic(topic=topic, locale=parent.locale) for topic in topics]
    return _publish(parent, page, live)


def vtt_upload(text: str, name="subs.vtt"):
    upload = io.BytesIO(text.encode("utf-8"))
    upload.name = name
    return upload
