"""Demo content of the guidance, digests and videos sections in kk, ru and en (translations through wagtail-localize).

Idempotent: pages are matched by slug, files by title, and every StreamField block gets an id derived from the
page, the field and a name, so a second run finds the same blocks and the stored translations stay attached.
Books of the recommended list are looked up by list number and left out while the list is not imported yet.
"""

import uuid
from pathlib import Path

from django.core.files import File
from django.core.files.images import ImageFile
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from .books.models import BookPage
from .demo_guidance_texts import DIGESTS, GUIDELINES, TOPICS, VIDEOS
from .digests import DigestPage
from .guidance import GuidelinePage, GuidelineTopic
from .taxonomy import Topic
from .translation import translated_copy, translation_resync, translation_sync
from .videos import VideoFile, VideoPage, VideoTopic, vtt_parse

ASSETS = Path(__file__).resolve().parent / "demo_assets"
ID_NAMESPACE = uuid.UUID("6f1d5a7e-3c2b-4b8e-9d0a-5a4c1e2f3b61")
LANGUAGES = ("kk", "ru", "en")


def block_id(*parts) -> str:
    return str(uuid.uuid5(ID_NAMESPACE, "/".join(str(part) for part in parts)))


def _raw(block, value, key):
    """The stored (JSON) form of a block value, with ids made from ``key`` for every list item and stream child."""
    if isinstance(block, blocks.ListBlock):
        return [{"type": "item", "value": _raw(block.child_block, item, f"{key}/{index}"), "id": block_id(key, index)} for index, item in enumerate(value)]
    if isinstance(block, blocks.StreamBlock):
        return stream_raw(block, value, key)
    if isinstance(block, blocks.StructBlock) and isinstance(value, dict):
        return {name: _raw(child, value[name], f"{key}/{name}") for name, child in block.child_blocks.items() if name in value}
    return value


def stream_raw(stream_block, items, key) -> list[dict]:
    """[(name, type, value)] → StreamField JSON with stable ids (``name`` is unique within the stream)."""
    return [
        {"type": block_type, "value": _raw(stream_block.child_blocks[block_type], value, f"{key}/{name}"), "id": block_id(key, name)}
        for name, block_type, value in items
    ]


def _stream_field(model, name):
    return model._meta.get_field(name).stream_block


# --- Files ---------------------------------------------------------------------------------------------------------

def _stored(field_file) -> bool:
    try:
        return bool(field_file) and field_file.storage.exists(field_file.name)
    except (OSError, ValueError):
        return False


def root_collection():
    """Wagtail's root collection (its migration makes it; an emptied test database may lack it)."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def demo_document(title: str, filename: str):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None or not _stored(document.file):
        document = document or Document(title=title, collection=root_collection())
        with open(ASSETS / filename, "rb") as handle:
            document.file = File(handle, name=filename)
            document._set_document_file_metadata()
            document.save()
    return document


def demo_image(title: str, filename: str, description: str):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None or not _stored(image.file):
        image = image or Image(title=title, collection=root_collection())
        with open(ASSETS / filename, "rb") as handle:
            image.file = ImageFile(handle, name=filename)
            image._set_image_file_metadata()
            image.description = description
            image.save()
    return image


def demo_video_file(title: str, filename: str) -> VideoFile:
    video = VideoFile.objects.filter(title=title).first()
    if video is None or not _stored(video.file):
        video = video or VideoFile(title=title)
        with open(ASSETS / filename, "rb") as handle:
            video.file = File(handle, name=filename)
            video.full_clean()
            video.save()
    return video


# --- Topics and books ----------------------------------------------------------------------------------------------

def demo_topics(log=print) -> dict[str, Topic]:
    kk = Locale.objects.get(language_code="kk")
    topics = {}
    for slug, names in TOPICS.items():
        topic = Topic.objects.filter(locale=kk, slug=slug).first()
        if topic is None:
            topic = Topic.objects.create(locale=kk, slug=slug, name=names["kk"])
            log(f"created topic {slug}")
        elif topic.name != names["kk"]:
            topic.name = names["kk"]
            topic.save()
        translation_sync(topic, {code: translated_copy(topic, name=names[code]) for code in ("ru", "en")})
        topics[slug] = topic
    return topics


def demo_books(numbers) -> dict[int, BookPage]:
    """Kazakh book pages of the sample list by list number (none until the list is imported)."""
    return {book.list_no: book for book in BookPage.objects.filter(locale__language_code="kk", list_no__in=list(numbers)).live()}


# --- Pages ---------------------------------------------------------------------------------------------------------

def _publish(parent, model, slug, fields: dict, log):
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
        log(f"created {parent.slug}/{slug}")
    else:
        for name, value in fields.items():
            setattr(page, name, value)
    return _republish(page)


def _republish(page):
    """Publish the page and load it afresh (child relations included: translation works from the stored page)."""
    page.save_revision(clean=True).publish()
    return type(page).objects.get(pk=page.pk)


def _set_topics(page, relation: str, link_model, topics):
    """Replace the page's topic links only when they differ, so their translation keys stay put."""
    current = [link.topic_id for link in getattr(page, relation).all()]
    if current != [topic.pk for topic in topics]:
        setattr(page, relation, [link_model(topic=topic, locale=page.locale) for topic in topics])
        return True
    return False


def _translate(page, per_language: dict):
    translation_sync(page, {code: translated_copy(page, **per_language[code]) for code in ("ru", "en")})


def demo_guidelines(section, topics, log=print) -> list[GuidelinePage]:
    checklist = demo_document("Қорды қалыптастыру: бақылау парағы (PDF)", "collection-forming-checklist.pdf")
    order_form = demo_document("Кітапқа тапсырыс беру нысаны (XLSX)", "collection-order-form.xlsx")
    books = demo_books({number for data in GUIDELINES for number in data["books"]})
    files = {"checklist": checklist.pk, "order_form": order_form.pk}
    pages = []
    for data in GUIDELINES:
        chosen_books = [books[number].pk for number in data["books"] if number in books]
        streams = {code: data["streams"](code, chosen_books, files) for code in LANGUAGES}
        texts = data["texts"]
        fields = {
            "title": texts["kk"]["title"], "summary": texts["kk"]["summary"],
            "document_type": data["document_type"], "audience": ",".join(data["audience"]),
            "approval_reference": texts["kk"].get("approval_reference", ""), "approval_date": data.get("approval_date"),
            "last_reviewed": data["last_reviewed"],
        }
        for field in ("body", "attachments"):
            fields[field] = stream_raw(_stream_field(GuidelinePage, field), streams["kk"][field], f"{data['slug']}/{field}")
        page = _publish(section, GuidelinePage, data["slug"], fields, log)
        if _set_topics(page, "guideline_topics", GuidelineTopic, [topics[slug] for slug in data["topics"]]):
            page = _republish(page)
        per_language = {}
        for code in ("ru", "en"):
            per_language[code] = {
                "title": texts[code]["title"], "slug": data["slug"], "summary": texts[code]["summary"],
                "approval_reference": texts[code].get("approval_reference", ""),
            }
            for field in ("body", "attachments"):
                raw = stream_raw(_stream_field(GuidelinePage, field), streams[code][field], f"{data['slug']}/{field}")
                per_language[code][field] = [item["value"] for item in raw]
        _translate(page, per_language)
        pages.append(page)
    # Related guidelines point at each other, so they are set once all exist.
    by_slug = {page.slug: page for page in pages}
    for data, page in zip(GUIDELINES, pages):
        related = stream_raw(
            _stream_field(GuidelinePage, "related"),
            [(slug, "guideline", by_slug[slug].pk) for slug in data["related"]], f"{data['slug']}/related",
        )
        if list(page.related.raw_data) != related:
            page.related = related
            translation_resync(_republish(page))
    return pages


def demo_digests(section, log=print) -> list[DigestPage]:
    pdf = demo_document("Дайджест, 2025 жылғы 4-тоқсан (PDF)", "collection-forming-checklist.pdf")
    books = demo_books({number for data in DIGESTS for number in data["books"]})
    pages = []
    for data in DIGESTS:
        texts = data["texts"]
        entries = {code: data["entries"](code, books) for code in LANGUAGES}
        key = f"{data['slug']}/entries"
        fields = {
            "title": texts["kk"]["title"], "kind": data["kind"], "year": data["year"], "quarter": data.get("quarter"),
            "introduction": texts["kk"]["introduction"], "entries": stream_raw(_stream_field(DigestPage, "entries"), entries["kk"], key),
            "pdf": pdf if data.get("pdf") else None,
        }
        page = _publish(section, DigestPage, data["slug"], fields, log)
        _translate(page, {
            code: {
                "title": texts[code]["title"], "slug": data["slug"], "introduction": texts[code]["introduction"],
                "entries": [item["value"] for item in stream_raw(_stream_field(DigestPage, "entries"), entries[code], key)],
            }
            for code in ("ru", "en")
        })
        pages.append(page)
    return pages


def _cues(name: str, code: str) -> list[tuple]:
    cues = vtt_parse((ASSETS / f"{name}.{code}.vtt").read_text(encoding="utf-8"))
    return [(str(number), "cue", cue) for number, cue in enumerate(cues, start=1)]


def demo_videos(section, topics, log=print) -> list[VideoPage]:
    pages = []
    for data in VIDEOS:
        texts = data["texts"]
        video = demo_video_file(data["file_title"], data["file"])
        poster = demo_image(data["poster_title"], data["poster"], texts["kk"]["poster_description"])
        key = f"{data['slug']}/subtitles"
        block = _stream_field(VideoPage, "subtitles")
        fields = {
            "title": texts["kk"]["title"], "summary": texts["kk"]["summary"], "video": video, "poster": poster,
            "duration": data["duration"], "region": data["region"], "school": texts["kk"]["school"],
            "external_url": data.get("external_url", ""), "transcript": texts["kk"]["transcript"],
            "subtitles": stream_raw(block, _cues(data["name"], "kk"), key),
        }
        page = _publish(section, VideoPage, data["slug"], fields, log)
        if _set_topics(page, "video_topics", VideoTopic, [topics[slug] for slug in data["topics"]]):
            page = _republish(page)
        _translate(page, {
            code: {
                "title": texts[code]["title"], "slug": data["slug"], "summary": texts[code]["summary"],
                "school": texts[code]["school"], "transcript": texts[code]["transcript"],
                "subtitles": [item["value"] for item in stream_raw(block, _cues(data["name"], code), key)],
            }
            for code in ("ru", "en")
        })
        pages.append(page)
    return pages


def demo_guidance(sections: dict, log=print) -> dict:
    """Topics, guidelines, digests and videos under the kk sections, each translated into ru and en."""
    topics = demo_topics(log)
    return {
        "topics": topics,
        "guidelines": demo_guidelines(sections["guidance"], topics, log),
        "digests": demo_digests(sections["digests"], log),
        "videos": demo_videos(sections["videos"], topics, log),
    }

