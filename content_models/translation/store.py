"""Writes translations through wagtail-localize, so the segment store and the translated pages agree.

Importers and the demo loader hand over the source page (kk) and, per target locale, an unsaved copy of it
carrying that language's text in the same structure (same fields, same StreamField block ids). Each string
segment of the source is paired with the segment at the same path and position in the copy and stored as
a StringTranslation; wagtail-localize then builds or updates the translated page from its own store. A later
sync (an editor changes the kk page and updates translations) re-applies the same stored strings, so the
ru/en text survives for every segment whose source text did not change.
"""

import copy
from collections import defaultdict

from django.db import transaction
from wagtail.models import DraftStateMixin, Locale, Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource
from wagtail_localize.segments.extract import extract_segments
from wagtail_localize.segments.types import StringSegmentValue


def translated_copy(source, **values):
    """An unsaved copy of ``source`` with some fields replaced; StreamField lists keep the source block ids.

    StreamField values are given as a list of block values (dicts or strings) in the source's order.
    """
    instance = copy.deepcopy(source)
    for name, value in values.items():
        field = instance._meta.get_field(name)
        if field.get_internal_type() == "JSONField" or field.__class__.__name__ == "StreamField":
            source_stream = getattr(source, name)
            raw = []
            for index, block_value in enumerate(value):
                original = source_stream.raw_data[index]
                raw.append({"type": original["type"], "value": block_value, "id": original["id"]})
            setattr(instance, name, raw)
        else:
            setattr(instance, name, value)
    return instance


def _string_segments_by_path(instance) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for segment in extract_segments(instance):
        if isinstance(segment, StringSegmentValue):
            grouped[segment.path].append(segment.string.data)
    return grouped


def translation_store(source, translations: dict):
    """Store ``translations`` (locale code → translated copy) as StringTranslations of ``source``'s segments,
    and make sure a wagtail-localize Translation (source → locale) exists, so the admin's sync uses them.

    Returns the TranslationSource.
    """
    if isinstance(source, Page):
        source = source.specific
    translation_source, _ = TranslationSource.update_or_create_from_instance(source)
    segments = list(translation_source.stringsegment_set.select_related("string", "context").order_by("order"))
    for code, translated in translations.items():
        locale = Locale.objects.get(language_code=code)
        Translation.objects.get_or_create(source=translation_source, target_locale=locale, defaults={"enabled": True})
        target_strings = _string_segments_by_path(translated)
        positions: dict[str, int] = defaultdict(int)
        for segment in segments:
            path = segment.context.path
            index = positions[path]
            positions[path] += 1
            candidates = target_strings.get(path, [])
            if index >= len(candidates) or not candidates[index].strip():
                continue
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": candidates[index], "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
            )
    return translation_source


@transaction.atomic
def translation_sync(source, translations: dict, *, user=None, publish: bool = True) -> dict:
    """Store ``translations`` (locale code → translated copy) in wagtail-localize and sync the translated objects.

    Works for pages and for translatable snippets (``TranslatableMixin``). Returns the translated objects by
    locale code.
    """
    translation_source = translation_store(source, translations)
    results = {}
    for code in translations:
        locale = Locale.objects.get(language_code=code)
        results[code] = _create_or_update(translation_source, locale, user=user, publish=publish)
    return results


def _create_or_update(translation_source, locale, *, user, publish):
    # wagtail-localize defers publishing to transaction.on_commit with a revision that holds a stale copy of
    # the page; inside an outer transaction that copy overwrites tree fields (numchild) of pages that got
    # children in the meantime. Publishing a freshly loaded revision right away avoids that.
    instance = translation_source.as_instance()
    if not isinstance(instance, DraftStateMixin):
        # Snippets without drafts are saved directly (wagtail-localize refuses publish=False for them).
        translated, _created = translation_source.create_or_update_translation(locale, user=user, fallback=True)
        return translated
    page, _created = translation_source.create_or_update_translation(locale, user=user, publish=False, fallback=True)
    if publish:
        Revision.objects.get(pk=page.latest_revision_id).publish(user=user)
        page.refresh_from_db()
    return page


def translation_resync(source, *, user=None, publish: bool = True) -> dict:
    """Re-apply stored translations after the source changed (what "Sync translated pages" does)."""
    if isinstance(source, Page):
        source = source.specific
    translation_source, _ = TranslationSource.update_or_create_from_instance(source)
    results = {}
    for translated in source.get_translations().select_related("locale"):
        results[translated.locale.language_code] = _create_or_update(
            translation_source, translated.locale, user=user, publish=publish
        )
    return results
