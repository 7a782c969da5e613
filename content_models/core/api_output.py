"""How the portal's page types write files, images, topics and streams into the v3 API.

Files and images come out as absolute URLs on the base of every absolute link (portal/links.py), the same
base as Wagtail's ``meta.html_url``.
The fields below are read-only API fields (``APIField(name, serializer=...)``); Wagtail's v3 schema generator
types them from the return annotations of ``to_representation``.
"""

from typing import Any

from django.utils import translation
from rest_framework.fields import Field
from typing_extensions import TypedDict  # pydantic needs this one on Python < 3.12

from content_models.core.fields import PageStreamField
from portal.links import base_url


def absolute_url(url: str, root: str) -> str:
    if not url or url.startswith(("http://", "https://")):
        return url
    return f"{root}{url}"


def context_root_url(context) -> str:
    """The base of absolute links for blocks rendered into the API (see portal/links.py)."""
    return base_url((context or {}).get("request"))


class DocumentOut(TypedDict):
    id: int
    title: str
    url: str
    file_type: str
    size: int | None


class ImageOut(TypedDict):
    id: int
    url: str
    width: int
    height: int
    alt: str


class TopicOut(TypedDict):
    id: int
    name: str
    slug: str


def document_out(document, root: str) -> DocumentOut | None:
    if document is None:
        return None
    return DocumentOut(
        id=document.pk,
        title=document.title,
        url=absolute_url(document.url, root),
        file_type=document.file_extension.lower(),
        size=document.get_file_size(),
    )


def image_out(image, root: str, filter_spec: str = "width-800", alt: str = "") -> ImageOut | None:
    if image is None:
        return None
    rendition = image.get_rendition(filter_spec)
    return ImageOut(
        id=image.pk,
        url=absolute_url(rendition.url, root),
        width=rendition.width,
        height=rendition.height,
        alt=alt or getattr(image, "default_alt_text", "") or "",
    )


class PageAttributeField(Field):
    """A read-only API field computed from the whole page (DRF's ``source="*"``)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


class DocumentField(PageAttributeField):
    """A document foreign key as {id, title, url, file_type, size}, the URL absolute."""

    def __init__(self, attribute: str, **kwargs):
        self.attribute = attribute
        super().__init__(**kwargs)

    def to_representation(self, page) -> DocumentOut | None:
        return document_out(getattr(page, self.attribute), base_url())


class ImageField(PageAttributeField):
    """An image foreign key as a rendition {id, url, width, height, alt}, the URL absolute."""

    def __init__(self, attribute: str, filter_spec: str = "width-800", alt_attribute: str = "", **kwargs):
        self.attribute, self.filter_spec, self.alt_attribute = attribute, filter_spec, alt_attribute
        super().__init__(**kwargs)

    def to_representation(self, page) -> ImageOut | None:
        alt = getattr(page, self.alt_attribute, "") if self.alt_attribute else ""
        return image_out(getattr(page, self.attribute), base_url(), self.filter_spec, alt)


class TopicsField(PageAttributeField):
    """The page's topics (through an orderable relation) as [{id, name, slug}]."""

    def __init__(self, relation: str, **kwargs):
        self.relation = relation
        super().__init__(**kwargs)

    def to_representation(self, page) -> list[TopicOut]:
        links = getattr(page, self.relation).all()
        return [TopicOut(id=link.topic.pk, name=link.topic.name, slug=link.topic.slug) for link in links]


class ChoiceLabelField(PageAttributeField):
    """A coded field as {code, label}, the label in the page's language."""

    def __init__(self, attribute: str, choices, **kwargs):
        self.attribute, self.choices = attribute, choices
        super().__init__(**kwargs)

    def to_representation(self, page) -> dict[str, str] | None:
        code = getattr(page, self.attribute)
        if not code:
            return None
        with translation.override(page.locale.language_code):
            return {"code": code, "label": str(dict(self.choices).get(code, code))}


class CodeListLabelField(ChoiceLabelField):
    """A multi-code field (``a,b``) as [{code, label}] in the page's language."""

    def to_representation(self, page) -> list[dict[str, str]]:
        value = getattr(page, self.attribute) or ""
        codes = value if isinstance(value, list | tuple) else [code for code in value.split(",") if code]
        labels = dict(self.choices)
        with translation.override(page.locale.language_code):
            return [{"code": code, "label": str(labels.get(code, code))} for code in codes]


def _page_stream_schema(generator, field):
    field_name = field.name

    def resolve(obj, context: dict) -> Any:
        value = getattr(obj, field_name)
        language = obj.locale.language_code if getattr(obj, "locale_id", None) else None
        block_context = {**(context or {}), "page": obj}
        if language:
            with translation.override(language):
                return value.stream_block.get_api_representation(value, block_context)
        return value.stream_block.get_api_representation(value, block_context)

    return list[Any], [], staticmethod(resolve)


def register_api_schemas():
    """Called from the app's ready(), before Wagtail's API builds its schemas (on the first URL resolution)."""
    from wagtail.api.v3.schemas.generators.read import read_generator

    from content_models.core.rich_text import register_rich_text_api_schema

    read_generator.register_field_schema(PageStreamField, _page_stream_schema)
    register_rich_text_api_schema(read_generator)
