"""The one sanitising policy for editors' rich text (nh3), applied when it is saved and again when it is shown.

Rich text is stored in Wagtail's internal format: ``<a linktype="page" id="3">``, ``<a linktype="document" id="5">``,
``<embed embedtype="image" id="7" format="left" alt="…"/>``, block elements carrying ``data-block-key``. The stored
policy keeps exactly that (and what the editor's features produce: paragraphs, h2–h4, bold, italic, lists, links,
line breaks, rules, quotations) and drops everything else: ``<script>``/``<style>`` with their content, ``on*=``
handlers, ``style``, links other than http(s), mailto and tel (``javascript:`` and ``data:`` in any spelling or
entity encoding), unknown link and embed types, non-numeric ids, control characters.

The output policy runs on the HTML that Wagtail expands from the stored format (page and document links become
hrefs, image embeds become ``<img>``), so content stored before this policy, or written around the models, is shown
safely too; every external link gets ``rel="noopener noreferrer"``.
"""

import re

import nh3
from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import RichText, expand_db_html

URL_SCHEMES = {"http", "https", "mailto", "tel"}
LINK_TYPES = {"page", "document"}
EMBED_TYPES = {"image", "media"}
BLOCK_TAGS = ("p", "h2", "h3", "h4", "li", "blockquote")
TEXT_TAGS = {"p", "br", "h2", "h3", "h4", "b", "strong", "i", "em", "ul", "ol", "li", "a", "hr", "blockquote"}
LINK_REL = "noopener noreferrer"

_STORED_ATTRIBUTES = {
    "a": {"href", "linktype", "id"},
    "embed": {"embedtype", "id", "format", "alt", "url"},
    **{tag: {"data-block-key"} for tag in BLOCK_TAGS},
}
_OUTPUT_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height", "class"},
    **{tag: {"data-block-key"} for tag in BLOCK_TAGS},
}
_NUMBER = re.compile(r"[0-9]{1,18}")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_EMBED = re.compile(r"<embed\b([^>]*?)\s*/?>")


def _stored_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "linktype":
        return value if value in LINK_TYPES else None
    if attribute == "embedtype":
        return value if value in EMBED_TYPES else None
    if attribute == "id":
        return value if _NUMBER.fullmatch(value) else None
    if attribute == "url":  # a media embed's address, handed to the oEmbed finders
        return value if value.lower().startswith(("http://", "https://")) else None
    return value


_STORED = nh3.Cleaner(
    tags=TEXT_TAGS | {"embed"},
    attributes=_STORED_ATTRIBUTES,
    attribute_filter=_stored_attribute,
    url_schemes=URL_SCHEMES,
    link_rel=None,
    strip_comments=True,
)
_OUTPUT = nh3.Cleaner(
    tags=TEXT_TAGS | {"img"},
    attributes=_OUTPUT_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel=LINK_REL,
    strip_comments=True,
)


def _embed_tag(match: re.Match) -> str:
    # Wagtail finds its embeds by the self-closing form (<embed …/>); an embed of no known type is dropped.
    attributes = match.group(1)
    return f"<embed{attributes}/>" if "embedtype=" in attributes else ""


def sanitise_rich_text(html: str | None) -> str:
    """Rich text in Wagtail's stored format, reduced to the stored policy (idempotent)."""
    if not html:
        return ""
    cleaned = _STORED.clean(_CONTROLS.sub("", html))
    return _EMBED.sub(_embed_tag, cleaned) if "<embed" in cleaned else cleaned


def sanitise_output_html(html: str | None) -> str:
    """Display HTML (after Wagtail expanded links and images) reduced to the output policy."""
    return _OUTPUT.clean(_CONTROLS.sub("", html)) if html else ""


def rich_text_html(value) -> SafeString:
    """Stored rich text (a string or a ``RichText``) as display HTML that is safe to put in a page."""
    source = value.source if isinstance(value, RichText) else value
    if not source:
        return mark_safe("")
    return mark_safe(sanitise_output_html(expand_db_html(sanitise_rich_text(str(source)))))  # noqa: S308 - sanitised


class SanitisedRichText(RichText):
    """The value of a ``RichTextBlock``: its source sanitised when read, its HTML sanitised when shown."""

    def __init__(self, source):
        super().__init__(sanitise_rich_text(source))

    def __html__(self):
        return rich_text_html(self.source)

    def __str__(self):
        return self.__html__()
