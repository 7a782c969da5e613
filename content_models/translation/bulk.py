"""Bulk version of ``translation_store`` for imports of thousands of pages.

wagtail-localize refreshes a source's segments with several get-or-create queries per segment (≈ 60 queries a
book). This module writes the same rows — TranslatableObject, TranslationSource, String, Template,
TranslationContext, the segment rows, StringTranslation and Translation — for many sources at once, using the
same hashing (``String._get_data_hash``, ``TranslationContext._get_path_id``, ``Template`` uuids) and the same
segment extraction (``extract_segments``), so wagtail-localize reads them exactly as if it had written them.
``tests/content_models/test_translation_bulk.py`` checks the result against wagtail-localize's own writes.
"""

import json
import uuid
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from wagtail.models import Locale, Page
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    String,
    StringSegment,
    StringTranslation,
    Template,
    TemplateSegment,
    TranslatableObject,
    Translation,
    TranslationContext,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import (
    OverridableSegmentValue,
    RelatedObjectSegmentValue,
    StringSegmentValue,
    TemplateSegmentValue,
)

from content_models.translation.store import _string_segments_by_path

BATCH = 500
_field_paths: dict = {}


def _field_path(instance, path: str) -> str:
    """TranslationContext.field_path as wagtail-localize computes it, without its save() per context."""
    key = (type(instance), path)
    if key not in _field_paths or "." in path:
        context = TranslationContext(object_id=instance.translation_key, path=path)
        context.save = lambda *args, **kwargs: None  # get_field_path saves; here the row is created in bulk
        value = context.get_field_path(instance)
        if "." not in path:
            _field_paths[key] = value
        return value
    return _field_paths[key]


def _content_json(instance) -> str:
    from modelcluster.models import ClusterableModel, get_serializable_data_for_fields

    if isinstance(instance, ClusterableModel):
        return instance.to_json()
    return json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder)


def _get_or_create_many(model, keys: list[dict], lookup: tuple[str, ...], defaults=lambda key: {}):
    """Rows of ``model`` for each key (a dict holding the ``lookup`` fields), created in bulk where missing.

    Candidates are fetched with one ``__in`` query per batch on the first lookup field and matched in Python.
    """
    wanted = {tuple(key[name] for name in lookup): key for key in keys}
    first = lookup[0]

    def fetch(identities):
        found = {}
        values = list({identity[0] for identity in identities})
        for start in range(0, len(values), BATCH):
            for row in model.objects.filter(**{f"{first}__in": values[start:start + BATCH]}):
                identity = tuple(getattr(row, name) for name in lookup)
                if identity in wanted:
                    found[identity] = row
        return found

    found = fetch(list(wanted))
    missing = [model(**key, **defaults(key)) for identity, key in wanted.items() if identity not in found]
    if missing:
        model.objects.bulk_create(missing, batch_size=BATCH, ignore_conflicts=True)
        found.update(fetch([identity for identity in wanted if identity not in found]))
    return found


def translation_store_bulk(items: list[tuple], *, source_locale: Locale) -> None:
    """``items`` are (source instance, {locale code: translated copy}); every source is in ``source_locale``."""
    if not items:
        return
    now = timezone.now()
    sources = [source.specific if isinstance(source, Page) else source for source, _translations in items]
    locales = {locale.language_code: locale for locale in Locale.objects.all()}

    # 1. TranslatableObject and TranslationSource per source.
    object_keys = [
        {"translation_key": source.translation_key, "content_type_id": ContentType.objects.get_for_model(source.get_translation_model()).pk}
        for source in sources
    ]
    # Created for their side effect: every source needs its TranslatableObject row before its TranslationSource.
    _get_or_create_many(TranslatableObject, object_keys, ("translation_key", "content_type_id"))
    existing_sources = {
        row.object_id: row
        for row in TranslationSource.objects.filter(object_id__in=[source.translation_key for source in sources], locale=source_locale)
    }
    to_create, to_update = [], []
    schema_versions = {}  # get_schema_version reads django_migrations: once per app, not once per source
    for source in sources:
        app_label = source._meta.app_label
        if app_label not in schema_versions:
            schema_versions[app_label] = get_schema_version(app_label)
        values = {
            "specific_content_type": ContentType.objects.get_for_model(source.__class__),
            "object_repr": str(source)[:200],
            "content_json": _content_json(source),
            "schema_version": schema_versions[app_label],
            "last_updated_at": now,
        }
        row = existing_sources.get(source.translation_key)
        if row is None:
            to_create.append(TranslationSource(object_id=source.translation_key, locale=source_locale, **values))
        else:
            for name, value in values.items():
                setattr(row, name, value)
            to_update.append(row)
    TranslationSource.objects.bulk_create(to_create, batch_size=BATCH)
    if to_update:
        TranslationSource.objects.bulk_update(to_update, ["specific_content_type", "object_repr", "content_json", "schema_version", "last_updated_at"], batch_size=100)
    source_rows = {
        row.object_id: row
        for row in TranslationSource.objects.filter(object_id__in=[source.translation_key for source in sources], locale=source_locale)
    }
    updated_ids = [row.pk for row in to_update]
    for model in (StringSegment, TemplateSegment, RelatedObjectSegment, OverridableSegment):
        for start in range(0, len(updated_ids), BATCH):
            model.objects.filter(source_id__in=updated_ids[start:start + BATCH]).delete()

    # 2. Segments, with the strings, templates, contexts and related objects they point to.
    extracted = [(source, source_rows[source.translation_key], extract_segments(source)) for source in sources]
    string_keys, template_keys, context_keys, related_keys = [], [], [], []
    for source, _row, segments in extracted:
        for segment in segments:
            context_keys.append({
                "object_id": source.translation_key, "path_id": TranslationContext._get_path_id(segment.path), "path": segment.path,
                "field_path": _field_path(source, segment.path),
            })
            if isinstance(segment, StringSegmentValue):
                string_keys.append({"data_hash": String._get_data_hash(segment.string.data), "locale_id": source_locale.pk, "data": segment.string.data})
            elif isinstance(segment, TemplateSegmentValue):
                namespace = uuid.uuid5(Template.BASE_UUID_NAMESPACE, segment.format)
                template_keys.append({"uuid": uuid.uuid5(namespace, segment.template), "template": segment.template, "template_format": segment.format, "string_count": segment.string_count})
            elif isinstance(segment, RelatedObjectSegmentValue):
                related_keys.append({"translation_key": segment.translation_key, "content_type_id": segment.content_type.pk})
    strings = _get_or_create_many(String, string_keys, ("data_hash", "locale_id"))
    templates = _get_or_create_many(Template, template_keys, ("uuid",))
    contexts = _get_or_create_many(TranslationContext, context_keys, ("object_id", "path_id"))
    related = _get_or_create_many(TranslatableObject, related_keys, ("translation_key", "content_type_id"))

    new_rows = defaultdict(list)
    for source, row, segments in extracted:
        for segment in segments:
            context = contexts[(source.translation_key, TranslationContext._get_path_id(segment.path))]
            common = {"source_id": row.pk, "context_id": context.pk, "order": segment.order}
            if isinstance(segment, StringSegmentValue):
                string = strings[(String._get_data_hash(segment.string.data), source_locale.pk)]
                new_rows[StringSegment].append(StringSegment(string_id=string.pk, attrs=json.dumps(segment.attrs, cls=DjangoJSONEncoder), **common))
            elif isinstance(segment, TemplateSegmentValue):
                namespace = uuid.uuid5(Template.BASE_UUID_NAMESPACE, segment.format)
                template = templates[(uuid.uuid5(namespace, segment.template),)]
                new_rows[TemplateSegment].append(TemplateSegment(template_id=template.pk, **common))
            elif isinstance(segment, RelatedObjectSegmentValue):
                target = related[(segment.translation_key, segment.content_type.pk)]
                new_rows[RelatedObjectSegment].append(RelatedObjectSegment(object_id=target.pk, **common))
            elif isinstance(segment, OverridableSegmentValue):
                new_rows[OverridableSegment].append(OverridableSegment(data_json=json.dumps(segment.data, cls=DjangoJSONEncoder), **common))
    for model, rows in new_rows.items():
        model.objects.bulk_create(rows, batch_size=BATCH)

    # 3. The translated strings and the Translation records (source → target locale).
    translation_rows = {}
    string_translations = {}
    for (source, translations), (_source, row, segments) in zip(items, extracted, strict=True):
        string_segments = [segment for segment in segments if isinstance(segment, StringSegmentValue)]
        for code, translated in translations.items():
            locale = locales[code]
            translation_rows[(row.pk, locale.pk)] = Translation(source_id=row.pk, target_locale_id=locale.pk, enabled=True)
            targets = _string_segments_by_path(translated)
            positions = defaultdict(int)
            for segment in string_segments:
                index = positions[segment.path]
                positions[segment.path] += 1
                candidates = targets.get(segment.path, [])
                if index >= len(candidates) or not candidates[index].strip():
                    continue
                string = strings[(String._get_data_hash(segment.string.data), source_locale.pk)]
                context = contexts[(source.translation_key, TranslationContext._get_path_id(segment.path))]
                string_translations[(string.pk, locale.pk, context.pk)] = candidates[index]
    existing_translations = set(
        Translation.objects.filter(source_id__in=[row.pk for row in source_rows.values()]).values_list("source_id", "target_locale_id")
    )
    Translation.objects.bulk_create([row for key, row in translation_rows.items() if key not in existing_translations], batch_size=BATCH)
    existing = {}
    context_ids = sorted({context_id for _string_id, _locale_id, context_id in string_translations})
    for start in range(0, len(context_ids), BATCH):
        for row in StringTranslation.objects.filter(context_id__in=context_ids[start:start + BATCH]):
            key = (row.translation_of_id, row.locale_id, row.context_id)
            if key in string_translations:
                existing[key] = row
    create, update = [], []
    for key, data in string_translations.items():
        row = existing.get(key)
        if row is None:
            create.append(StringTranslation(translation_of_id=key[0], locale_id=key[1], context_id=key[2], data=data, translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL))
        elif row.data != data:
            row.data, row.translation_type, row.updated_at = data, StringTranslation.TRANSLATION_TYPE_MANUAL, now
            update.append(row)
    StringTranslation.objects.bulk_create(create, batch_size=BATCH)
    if update:
        StringTranslation.objects.bulk_update(update, ["data", "translation_type", "updated_at"], batch_size=100)
