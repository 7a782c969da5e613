"""Demo content of the guidance, digests and videos sections in kk, ru and en (translations through wagtail-localize).

Built only into a section that load_demo has just created; pages are matched by slug, files and topics by title
or slug, and whatever exists is used as it is, never changed. Every StreamField block gets an id derived from
the page, the field and a name. Books of the recommended list are looked up by list number and left out while
the list is not imported yet.
"""

import uuid
from pathlib import Path

from django.core.files import File
from django.core.files.images import ImageFile
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale

from content_models.books.models import BookPage
from content_models.core.taxonomy import Topic
from content_models.demo.guidance_texts import DIGESTS, GUIDELINES, TOPICS, VIDEOS
from content_models.digests.models import DigestPage
from content_models.guidance.models import GuidelinePage, GuidelineTopic
from content_models.translation.store import translated_copy, translation_resync, translation_sync
from content_models.videos.files import VideoFile
from content_models.videos.models import VideoPage, VideoTopic
from content_models.videos.subtitles import vtt_parse

ASSETS = Path(__file__).resolve().parent / "assets"
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


# --- Files (an existing file of the same title is used as it is) --------------------------------------------------

def root_collection():
    """Wagtail's root collection (its migration makes it; an emptied test database may lack it)."""
    return Collection.get_first_root_node() or Collection.add_root(name="Root")


def demo_document(title: str, filename: str):
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title, collection=root_collection())
        with open(ASSETS / filename, "rb") as handle:
            document.file = File(handle, name=filename)
            document._set_document_file_metadata()
            document.save()
    return document


def demo_image(title: str, filename: str, description: str):
    Image = get_image_model()
    image = Image.objects.filter(title=title).first()
    if image is None:
        image = Image(title=title, collection=root_collection())
        with open(ASSETS / filename, "rb") as handle:
            image.file = ImageFile(handle, name=filename)
            image._set_image_file_metadata()
            image.description = description
            image.save()
    return image


def demo_video_file(title: str, filename: str) -> VideoFile:
    video = VideoFile.objects.filter(title=title).first()
    if video is None:
        video = VideoFile(title=title)
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
            translation_sync(topic, {code: translated_copy(topic, name=names[code]) for code in ("ru", "en")})
        topics[slug] = topic
    return topics


def demo_books(numbers) -> dict[int, BookPage]:
    """Kazakh book pages of the sample list by list number (none until the list is imported)."""
    return {book.list_no: book for book in BookPage.objects.filter(locale__language_code="kk", list_no__in=list(numbers)).live()}


# --- Pages ---------------------------------------------------------------------------------------------------------

def _existing(parent, model, slug):
    return model.objects.child_of(parent).filter(slug=slug).first()


def _create(parent, model, slug, fields: dict, log):
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    log(f"created {parent.slug}/{slug}")
    return _republish(page)


def _republish(page):
    """Publish the page and load it afresh (child relations included: translation works from the stored page)."""
    page.save_revision(clean=True).publish()
    return type(page).objects.get(pk=page.pk)


def _set_topics(page, relation: str, link_model, topics):
    """Link a new page to its topics (a second revision: the links need the page's id)."""
    if topics:
        setattr(page, relation, [link_model(topic=topic, locale=page.locale) for topic in topics])
        return True
    return False


def _translate(page, per_language: dict):
    translation_sync(page, {code: translated_copy(page, **per_language[code]) for code in ("ru", "en")})


def demo_guidelines(section, topics, log=print) -> list[GuidelinePage]:
    """The demo guidelines missing under ``section``; existing ones are returned untouched."""
    existing = {data["slug"]: _existing(section, GuidelinePage, data["slug"]) for data in GUIDELINES}
    missing = [data for data in GUIDELINES if existing[data["slug"]] is None]
    if missing:
        checklist = demo_document("Қорды қалыптастыру: бақылау парағы (PDF)", "collection-forming-checklist.pdf")
        order_form = demo_document("Кітапқа тапсырыс беру нысаны (XLSX)", "collection-order-form.xlsx")
        books = demo_books({number for data in missing for number in data["books"]})
        files = {"checklist": checklist.pk, "order_form": order_form.pk}
    created = {}
    for data in missing:
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
        page = _create(section, GuidelinePage, data["slug"], fields, log)
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
        created[data["slug"]] = page
    # Related guidelines point at each other, so they are set once all exist (on the new pages only).
    by_slug = {**{slug: page for slug, page in existing.items() if page is not None}, **created}
    for data in missing:
        page = created[data["slug"]]
        related = stream_raw(
            _stream_field(GuidelinePage, "related"),
            [(slug, "guideline", by_slug[slug].pk) for slug in data["related"] if slug in by_slug], f"{data['slug']}/related",
        )
        if related:
            page.related = related
            created[data["slug"]] = page = _republish(page)
            translation_resync(page)
    return [by_slug[data["slug"]] for data in GUIDELINES]


def demo_digests(section, log=print) -> list[DigestPage]:
    """The demo digests missing under ``section``; existing ones are returned untouched."""
    pages = []
    for data in DIGESTS:
        page = _existing(section, DigestPage, data["slug"])
        if page is not None:
            pages.append(page)
            continue
        pdf = demo_document("Дайджест, 2025 жылғы 4-тоқсан (PDF)", "collection-forming-checklist.pdf") if data.get("pdf") else None
        books = demo_books(set(data["books"]))
        texts = data["texts"]
        entries = {code: data["entries"](code, books) for code in LANGUAGES}
        key = f"{data['slug']}/entries"
        fields = {
            "title": texts["kk"]["title"], "kind": data["kind"], "year": data["year"], "quarter": data.get("quarter"),
            "introduction": texts["kk"]["introduction"], "entries": stream_raw(_stream_field(DigestPage, "entries"), entries["kk"], key),
            "pdf": pdf,
        }
        page = _create(section, DigestPage, data["slug"], fields, log)
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
    """The demo videos missing under ``section``; existing ones are returned untouched."""
    pages = []
    for data in VIDEOS:
        page = _existing(section, VideoPage, data["slug"])
        if page is not None:
            pages.append(page)
            continue
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
        page = _create(section, VideoPage, data["slug"], fields, log)
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


def demo_guidance(sections: dict, new_sections=None, log=print) -> dict:
    """Topics, guidelines, digests and videos under those of the kk sections created in this run (all of them
    when ``new_sections`` is None), each translated into ru and en."""
    build = set(sections) if new_sections is None else set(new_sections)
    result = {"topics": {}, "guidelines": [], "digests": [], "videos": []}
    if build & {"guidance", "videos"}:
        result["topics"] = demo_topics(log)
    if "guidance" in build:
        result["guidelines"] = demo_guidelines(sections["guidance"], result["topics"], log)
    if "digests" in build:
        result["digests"] = demo_digests(sections["digests"], log)
    if "videos" in build:
        result["videos"] = demo_videos(sections["videos"], result["topics"], log)
    return result
