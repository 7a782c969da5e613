"""Rich text sanitised on the way in and on the way out (the policy is in ``core/sanitise.py``).

- In: before any model of the portal is saved, its rich text fields and the rich text blocks of its streams are
  sanitised (``sanitise_before_save``), whatever wrote them: the admin, the v3 API, the book import, a translation,
  a script.
- Out: templates show rich text with the ``|rich_text`` filter (``templatetags/portal_tags.py``); streams use
  the portal's ``RichTextBlock``, whose values sanitise themselves; the v3 API serialises rich text fields and
  blocks through ``api_rich_text``. So content stored before the policy, or written around the models, is safe too.
"""

from django.db.models.signals import pre_save
from wagtail import blocks
from wagtail.api.rich_text import APIRichText
from wagtail.fields import RichTextField, StreamField

from content_models.core.sanitise import SanitisedRichText, rich_text_html, sanitise_rich_text


def api_rich_text(source: str | None, request=None, features=None) -> str | None:
    """Stored rich text in the API's requested format (``?rich_text_format=``, or the project default), sanitised."""
    if source is None:
        return None
    rich_text_format = APIRichText.resolve_format(request.GET.get("rich_text_format") if request is not None else None)
    if rich_text_format == APIRichText.FORMAT_HTML:
        return str(rich_text_html(source))
    return APIRichText.serialize(sanitise_rich_text(source), format=rich_text_format, features=features)


class RichTextBlock(blocks.RichTextBlock):
    """Wagtail's rich text block whose values are sanitised when read, rendered and written to the API.

    Stored exactly like Wagtail's block (migrations name it ``wagtail.blocks.RichTextBlock``).
    """

    canonical_module_path = "wagtail.blocks.RichTextBlock"

    def to_python(self, value):
        return SanitisedRichText(value)

    def normalize(self, value):
        return value if isinstance(value, SanitisedRichText) else SanitisedRichText(getattr(value, "source", value))

    def value_from_form(self, value):
        return SanitisedRichText(value)

    def get_api_representation(self, value, context=None):
        request = (context or {}).get("request")
        return api_rich_text(getattr(value, "source", value) or "", request, self.features)


def _rich_text_field_schema(generator, field):
    from wagtail.api.v3.schemas.generators.read import rich_text_schema

    field_type, default, _resolve = rich_text_schema(generator, field)
    field_name, features = field.name, field.features

    def resolve(obj, context: dict):
        return api_rich_text(getattr(obj, field_name), (context or {}).get("request"), features)

    return field_type, default, staticmethod(resolve)


def register_rich_text_api_schema(read_generator):
    read_generator.register_field_schema(RichTextField, _rich_text_field_schema)


_rich_fields_by_model: dict[type, tuple[list[str], list[str]]] = {}


def _rich_fields(model) -> tuple[list[str], list[str]]:
    if model not in _rich_fields_by_model:
        fields = model._meta.concrete_fields
        _rich_fields_by_model[model] = (
            [field.attname for field in fields if isinstance(field, RichTextField)],
            [field.attname for field in fields if isinstance(field, StreamField)],
        )
    return _rich_fields_by_model[model]


def sanitise_instance(instance) -> None:
    """Sanitise the rich text fields of ``instance`` in place, and turn its streams' raw rich text into sanitised values."""
    rich_fields, stream_fields = _rich_fields(type(instance))
    for name in rich_fields:
        value = getattr(instance, name)
        if value:
            setattr(instance, name, sanitise_rich_text(value))
    for name in stream_fields:
        stream = getattr(instance, name)
        for _child in stream or ():
            pass  # reading a child converts it with its blocks' to_python: RichTextBlock values sanitise themselves


def sanitise_before_save(sender, instance, raw=False, **kwargs):
    if not raw:
        sanitise_instance(instance)


def connect_signals():
    pre_save.connect(sanitise_before_save, dispatch_uid="content_models.sanitise_rich_text")
