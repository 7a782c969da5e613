"""Snippets, documents, images and video files the tests build, and the translation of any of them (or of a page)."""

import io
import uuid

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from django.utils.text import slugify
from wagtail.documents import get_document_model
from wagtail.models import Collection, Locale

from content_models.books.models import Author
from content_models.core.taxonomy import Topic
from content_models.events import EventType
from content_models.translation.store import translated_copy, translation_sync
from content_models.videos.files import VideoFile

MP4_BYTES = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41" + b"\x00" * 64
WEBM_BYTES = b"\x1a\x45\xdf\xa3" + b"\x00" * 64


def locale(code="kk") -> Locale:
    return Locale.objects.get(language_code=code)


def slug_of(text) -> str:
    """A slug for a title; a random one where the title has no Latin letters or digits to make one from."""
    return slugify(text) or f"p-{uuid.uuid4().hex[:8]}"


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Автор {n}")
    locale = factory.LazyFunction(locale)


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"Тақырып {n}")
    locale = factory.LazyFunction(locale)


class EventTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EventType
        django_get_or_create = ("slug", "locale")

    slug = factory.Sequence(lambda n: f"type-{n}")
    name = factory.Sequence(lambda n: f"Түрі {n}")
    locale = factory.LazyFunction(locale)


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_document_model()

    title = factory.Sequence(lambda n: f"document-{n}.pdf")
    file = factory.LazyAttribute(lambda o: ContentFile(b"%PDF-1.4\n%%EOF\n", name=o.title))

    @classmethod
    def _create(cls, model_class, *args, file=None, **kwargs):
        document = model_class(**kwargs)
        document.file.save(file.name, file, save=False)
        document._set_document_file_metadata()
        document.save()
        return document


class VideoFileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VideoFile

    title = "Клип"
    file = factory.LazyFunction(lambda: ContentFile(MP4_BYTES, name="clip.mp4"))

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        video = model_class(**kwargs)
        video.full_clean()
        video.save()
        return video


def author(name, *, code="kk", **dates) -> Author:
    return AuthorFactory(name=name, locale=locale(code), **dates)


def make_document(name: str, content: bytes = b"%PDF-1.4\n%%EOF\n", title: str = ""):
    return DocumentFactory(title=title or name, file=ContentFile(content, name=name))


def make_video_file(name="clip.mp4", content=MP4_BYTES, title="Клип") -> VideoFile:
    return VideoFileFactory(title=title, file=ContentFile(content, name=name))


def make_topic(slug: str, name: str, language="kk", **names) -> Topic:
    """A topic; names in other languages (ru="…", en="…") translate it through wagtail-localize."""
    topic = TopicFactory(slug=slug, name=name, locale=locale(language))
    if names:
        translate(topic, **{code: {"name": text} for code, text in names.items()})
    return topic


def make_image(title="Постер"):
    return wagtail_factories.ImageFactory(title=title, collection=Collection.get_first_root_node())  # a small generated picture


def translate(source, **languages) -> dict:
    """Translate a page or snippet through wagtail-localize: translate(page, ru={"title": "Абай"}) → {"ru": ru_page}; each
    language gives the fields that differ (a StreamField as the list of its block values, in the source's order)."""
    return translation_sync(source, {code: translated_copy(source, **values) for code, values in languages.items()})


def vtt_upload(text: str, name="subs.vtt"):
    upload = io.BytesIO(text.encode("utf-8"))
    upload.name = name
    return upload


def event_type(slug, name, code="kk") -> EventType:
    return EventTypeFactory(slug=slug, name=name, locale=locale(code))
