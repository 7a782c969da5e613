"""``translation_store_bulk`` (the book import's bulk writer, content_models/translation/bulk.py) writes exactly what
wagtail-localize's own sync writes (``translation_store``: ``TranslationSource.update_or_create_from_instance`` and
its get-or-creates), row for row and field by field, in every table of wagtail-localize; and the translated pages
and snippets wagtail-localize then builds from either store are the same.

Both ways run from the same content, each inside a savepoint that is rolled back afterwards: a first import, then
a second one after the Kazakh text changed (the update path: segments replaced, translations changed). Database ids
differ between the two runs, so every row is compared through natural keys (translation keys, locales, paths, texts).
"""

import copy
import json
import uuid

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from modelcluster.models import get_all_child_relations
from wagtail.blocks import StreamValue
from wagtail.models import DraftStateMixin, Locale, Page, Revision
from wagtail_localize.models import String, Template, TranslatableObject, Translation, TranslationContext, TranslationSource

from content_models.books.models import Author, BookPage
from content_models.core.taxonomy import Topic
from content_models.guidance.models import GuidelinePage
from content_models.translation.bulk import translation_store_bulk
from content_models.translation.store import translated_copy, translation_store
from tests.factories import GuidelinePageFactory, author, locale, make_book, make_topic

pytestmark = pytest.mark.django_db

TIMESTAMPS = {"created_at", "updated_at", "last_updated_at"}  # set by both ways, at different moments
PAGE_VOLATILE = {
    "id", "page_ptr", "latest_revision", "live_revision", "first_published_at", "last_published_at",
    "latest_revision_created_at", "last_updated_at", "created_at",
}


# --- The content: a snippet, an author, two books (rich text, authors) and a guideline (StreamField) --------------

def _content():
    topic = make_topic("forming", "Қор қалыптастыру")
    writer = author("Мұхтар Әуезов", birth_year=1897)
    shared = "<p>Қазақ әдебиетінің классикасы.</p>"
    first = make_book(901, "Көксерек", authors=[writer], translators="Аудармашы",
                      annotation=shared + "<p>Бала мен <b>қасқыр</b> туралы әңгіме.</p>")
    second = make_book(902, "Абай жолы", authors=[writer], annotation=shared)
    step = lambda title, text: {"title": title, "text": text}  # noqa: E731
    guideline = GuidelinePageFactory(
        title="Қорды қалыптастыру", summary="Кітапханашыларға арналған нұсқау.", topics=[topic],
        body=[
            {"type": "heading", "value": {"text": "Кіріспе", "level": "h2"}},
            {"type": "paragraph", "value": '<p>Бірінші <a href="https://example.kz/">сілтеме</a> абзац.</p><p>Екінші абзац.</p>'},
            {"type": "callout", "value": {"kind": "tip", "title": "Кеңес", "text": "<p>Қазақ әдебиетінің классикасы.</p>"}},
            {"type": "steps", "value": {"title": "Қадамдар", "steps": [step("Бірінші", "<p>Тізімді ашыңыз.</p>"), step("Екінші", "")]}},
            {"type": "quote", "value": {"text": "Кітап — білім бұлағы.", "attribution": "Мақал"}},
            {"type": "books", "value": {"title": "Кітаптар", "books": [first.pk, second.pk]}},
        ],
    )
    return [topic.pk, writer.pk, first.pk, second.pk, guideline.pk]


def _sources(keys):
    topic, writer, first, second, guideline = keys
    return [
        Topic.objects.get(pk=topic), Author.objects.get(pk=writer),
        BookPage.objects.get(pk=first), BookPage.objects.get(pk=second), GuidelinePage.objects.get(pk=guideline),
    ]


def _stream(source, field: str, translate) -> list:
    """The block values of ``source``'s StreamField with every text passed through ``translate`` (ids kept)."""
    def walk(value, key=None):
        if isinstance(value, dict):
            return {name: item if name in ("id", "type", "level", "kind") else walk(item, name) for name, item in value.items()}
        if isinstance(value, list):
            return [walk(item, key) for item in value]
        if isinstance(value, str) and value and key != "books":
            return translate(value)
        return value

    return [walk(copy.deepcopy(block["value"])) for block in getattr(source, field).raw_data]


def _mark(text: str, prefix: str) -> str:
    """A translation of ``text``: the prefix before every paragraph of rich text, else before the text."""
    return text.replace("<p>", f"<p>{prefix}") if text.startswith("<p>") else prefix + text


def _items(sources, edition: int) -> list[tuple]:
    """(source, {code: translated copy}) as the import hands them over; an empty text is left untranslated."""
    topic, writer, first, second, guideline = sources
    items = []
    for source in sources:
        translations = {}
        for code in ("ru", "en"):
            mark = lambda text, code=code: _mark(text, f"{code.upper()}{edition}: ")  # noqa: E731
            if source is topic or source is writer:
                translations[code] = translated_copy(source, name=mark(source.name))
            elif source is guideline:
                translations[code] = translated_copy(
                    source, title=mark(source.title), summary=mark(source.summary), body=_stream(source, "body", mark),
                )
            else:
                annotation = mark(source.annotation)
                if source is second and code == "en":
                    annotation = "<p></p>"  # the English annotation is missing: the source's text stays
                translations[code] = translated_copy(
                    source, title=mark(source.title), slug=f"{source.slug}-{code}", annotation=annotation,
                    translators=mark(source.translators) if code == "ru" and source.translators else "",
                )
        items.append((source, translations))
    return items


def _edit(sources):
    """The Kazakh text changes between the two imports: a title, an annotation paragraph, a block and a name."""
    _topic, writer, first, _second, guideline = sources
    writer.name = "Мұхтар Омарханұлы Әуезов"
    writer.save()
    first.title, first.annotation = "Көксерек (әңгіме)", "<p>Қазақ әдебиетінің классикасы.</p><p>Жаңа абзац.</p>"
    guideline.body[0].value["text"] = "Алғы сөз"
    guideline.summary = "Жаңартылған нұсқау."
    for page in (first, guideline):
        page.save_revision().publish()
    return _sources([source.pk for source in sources])


# --- The two ways -----------------------------------------------------------------------------------------------

def _store_bulk(items):
    translation_store_bulk(items, source_locale=locale("kk"))


def _store_one_by_one(items):
    for source, translations in items:
        translation_store(source, translations)


def _sync_translated(sources):
    """What the editor's "Sync translated pages" does: wagtail-localize builds the ru and en objects from its store."""
    for source in sources:
        row = TranslationSource.objects.get(object_id=source.translation_key, locale=locale("kk"))
        for code in ("ru", "en"):
            if isinstance(source, DraftStateMixin):
                page, _created = row.create_or_update_translation(locale(code), publish=False, fallback=True)
                Revision.objects.get(pk=page.latest_revision_id).publish()
            else:
                row.create_or_update_translation(locale(code), fallback=True)


def _run(keys, store):
    """Both imports the given way, then the whole state; rolled back afterwards."""
    savepoint = transaction.savepoint()
    try:
        sources = _sources(keys)
        store(_items(sources, 1))
        _sync_translated(sources)
        first = (_store_rows(), _translated(sources))
        sources = _edit(sources)
        store(_items(sources, 2))
        _sync_translated(sources)
        return first, (_store_rows(), _translated(sources))
    finally:
        transaction.savepoint_rollback(savepoint)


# --- Rows through natural keys ----------------------------------------------------------------------------------

def _natural(row):
    if row is None:
        return None
    if isinstance(row, Locale):
        return row.language_code
    if isinstance(row, ContentType):
        return f"{row.app_label}.{row.model}"
    if isinstance(row, TranslatableObject):
        return (str(row.translation_key), _natural(row.content_type))
    if isinstance(row, TranslationSource):
        return ("source", _natural(row.object), row.locale.language_code)
    if isinstance(row, TranslationContext):
        return ("context", _natural(row.object), row.path)
    if isinstance(row, String):
        return ("string", row.locale.language_code, row.data)
    if isinstance(row, Template):
        return ("template", str(row.uuid))
    if isinstance(row, Translation):
        return ("translation", _natural(row.source), row.target_locale.language_code)
    if hasattr(row, "translation_key") and hasattr(row, "locale_id"):
        return (type(row).__name__, str(row.translation_key), row.locale.language_code)
    if isinstance(row, Page):
        return ("page", row.url_path)
    if hasattr(row, "get_username"):
        return ("user", row.get_username())
    if isinstance(row, Revision):  # the n-th revision of its object
        earlier = Revision.objects.filter(base_content_type=row.base_content_type, object_id=row.object_id, pk__lt=row.pk).count()
        return ("revision", _natural(row.content_object), earlier)
    raise AssertionError(f"no natural key for {type(row).__name__}: add one to compare its rows")


def _value(row, field):
    if field.is_relation:
        return _natural(getattr(row, field.name))
    value = field.value_from_object(row)
    if isinstance(value, StreamValue):
        return json.dumps(list(value.raw_data), sort_keys=True, ensure_ascii=False)
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _fields(row, skip) -> dict:
    return {field.name: _value(row, field) for field in row._meta.concrete_fields if not field.primary_key and field.name not in skip}


SOURCE_VOLATILE = {"first_published_at", "last_published_at", "latest_revision_created_at", "latest_revision", "live_revision"}


def _content_json(text: str) -> dict:
    """A TranslationSource's copy of its object, the publishing times and revision ids only as "set"."""
    data = json.loads(text)
    return {name: "set" if name in SOURCE_VOLATILE and value is not None else value for name, value in data.items()}


def _store_rows() -> dict:
    """Every row of every wagtail-localize table, fields by name (timestamps only as "set"; a Translation's random uuid left out)."""
    rows = {}
    for model in apps.get_app_config("wagtail_localize").get_models():
        found = []
        for row in model.objects.all():
            fields = _fields(row, TIMESTAMPS | ({"uuid"} if model is Translation else set()))
            for name in TIMESTAMPS & {field.name for field in model._meta.concrete_fields}:
                fields[name] = "set" if getattr(row, name) else None
            if model is TranslationSource:
                fields["content_json"] = _content_json(fields["content_json"])
            found.append(json.dumps(fields, sort_keys=True, default=str, ensure_ascii=False))
        rows[model.__name__] = sorted(found)
    return rows


def _translated(sources) -> dict:
    """The ru and en object of every source: its fields, and its child rows (a book's authors, a guideline's topics)."""
    result = {}
    for source in sources:
        for code in ("ru", "en"):
            instance = type(source).objects.get(translation_key=source.translation_key, locale__language_code=code)
            data = _fields(instance, PAGE_VOLATILE)
            for relation in get_all_child_relations(instance) if isinstance(instance, Page) else []:
                children = getattr(instance, relation.get_accessor_name()).all()
                data[relation.name] = sorted(json.dumps(_fields(child, {"page"}), sort_keys=True, default=str, ensure_ascii=False) for child in children)
            result[f"{type(source).__name__} {code} {source.translation_key}"] = data
    return result


def _differences(bulk: dict, one_by_one: dict) -> list[str]:
    lines = []
    for name in sorted(set(bulk) | set(one_by_one)):
        left, right = bulk.get(name), one_by_one.get(name)
        if left == right:
            continue
        if isinstance(left, list) and isinstance(right, list):
            lines += [f"{name}: only written in bulk: {row}" for row in left if row not in right]
            lines += [f"{name}: only written by wagtail-localize: {row}" for row in right if row not in left]
            if len(left) != len(right):
                lines.append(f"{name}: {len(left)} rows in bulk, {len(right)} by wagtail-localize")
        elif isinstance(left, dict) and isinstance(right, dict):
            lines += [f"{name}.{field}: bulk {left.get(field)!r} ≠ wagtail-localize {right.get(field)!r}"
                      for field in sorted(set(left) | set(right)) if left.get(field) != right.get(field)]
        else:
            lines.append(f"{name}: bulk {left!r} ≠ wagtail-localize {right!r}")
    return lines


# --- The tests --------------------------------------------------------------------------------------------------

@pytest.fixture
def content():
    return _content()


@pytest.fixture
def both_ways(content):
    return _run(content, _store_bulk), _run(content, _store_one_by_one)


def test_the_bulk_store_holds_the_rows_wagtail_localize_writes(both_ways):
    bulk, one_by_one = both_ways
    for (bulk_rows, _pages), (own_rows, _own_pages), when in zip(bulk, one_by_one, ("first import", "second import"), strict=True):
        assert own_rows["String"] and own_rows["StringSegment"] and own_rows["TemplateSegment"] and own_rows["RelatedObjectSegment"]
        assert own_rows["StringTranslation"] and own_rows["OverridableSegment"] is not None
        differences = _differences(bulk_rows, own_rows)
        assert not differences, f"{when}:\n" + "\n".join(differences)


def test_the_translated_pages_are_the_same_from_either_store(both_ways):
    bulk, one_by_one = both_ways
    for (_rows, bulk_pages), (_own_rows, own_pages), when in zip(bulk, one_by_one, ("first import", "second import"), strict=True):
        differences = _differences(bulk_pages, own_pages)
        assert not differences, f"{when}:\n" + "\n".join(differences)
    (_rows, pages), (_rows2, edited) = bulk
    book = next(data for name, data in edited.items() if name.startswith("BookPage ru") and "(әңгіме)" in data["title"])
    assert book["title"] == "RU2: Көксерек (әңгіме)" and "RU2: Жаңа абзац." in book["annotation"]
    english = [data for name, data in pages.items() if name.startswith("BookPage en") and data["list_no"] == 902]
    assert english[0]["annotation"] == "<p>Қазақ әдебиетінің классикасы.</p>", "an untranslated text falls back to the source"
    guideline = next(data for name, data in edited.items() if name.startswith("GuidelinePage en"))
    assert "EN2: Алғы сөз" in guideline["body"] and guideline["summary"] == "EN2: Жаңартылған нұсқау."


def test_the_comparison_sees_a_difference(content):
    """The comparison is not blind: a store missing one translation differs, and names the row."""
    def store_without_one(items):
        _store_bulk(items)
        from wagtail_localize.models import StringTranslation
        StringTranslation.objects.filter(data__startswith="RU1: Кітапханашыларға").delete()

    (bulk_rows, _pages), _second = _run(content, store_without_one)
    (own_rows, _own_pages), _own_second = _run(content, _store_one_by_one)
    differences = _differences(bulk_rows, own_rows)
    assert any("only written by wagtail-localize" in line and "RU1: Кітапханашыларға" in line for line in differences), differences


def test_an_empty_list_writes_nothing(django_assert_max_num_queries):
    before, kk = _store_rows(), locale("kk")
    with django_assert_max_num_queries(0):
        translation_store_bulk([], source_locale=kk)
    assert _store_rows() == before


def test_the_bulk_store_takes_a_handful_of_queries_for_many_sources(content, django_assert_max_num_queries):
    """Its reason to exist: a few queries per batch into wagtail-localize's tables, not dozens per source (the rest
    read the sources' child rows, as extracting their segments does either way)."""
    sources = _sources(content)
    items, kk = _items(sources, 1), locale("kk")
    with django_assert_max_num_queries(60) as captured:
        _store_bulk(items)
    store = [query["sql"] for query in captured.captured_queries if "wagtail_localize_" in query["sql"]]
    assert len(store) <= 25, "\n".join(store)  # 24: they grow per 500 rows, not per source
    assert sum("django_migrations" in query["sql"] for query in captured.captured_queries) <= 3, "one schema version per app"
    assert TranslationSource.objects.filter(object_id__in=[source.translation_key for source in sources], locale=kk).count() == len(sources)


def test_natural_keys_cover_every_relation_of_wagtail_localize():
    """A new wagtail-localize version that adds a relation fails here first (the pin in pyproject.toml holds it)."""
    for model in apps.get_app_config("wagtail_localize").get_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and not field.primary_key:
                assert issubclass(field.related_model, models.Model)
                target = field.related_model
                known = (Locale, ContentType, TranslatableObject, TranslationSource, TranslationContext, String, Template, Translation)
                assert issubclass(target, known) or target._meta.label in ("auth.User", "wagtailcore.Revision"), (model, field)
