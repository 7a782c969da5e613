"""StreamField blocks shared by the portal's pages: headings, callouts, steps, tables, figures, documents,
quotes, and the helper that shows chosen pages in the reader's language."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock

from content_models.core.api_output import context_root_url, document_out, image_out
from content_models.core.numbers import format_filesize
from content_models.core.rich_text import RichTextBlock

# ---------------------------------------------------------------------------------------------------------------
# Body blocks of guidelines and other long texts. Headings feed the page's table of contents.

TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]
DOCUMENT_EXTENSIONS = ("pdf", "docx", "xlsx")


def document_problem(document) -> str | None:
    """Why a document may not be attached (wrong type, too large), or None when it may."""
    if document is None:
        return None
    extension = document.file_extension.lower()
    if extension not in DOCUMENT_EXTENSIONS:
        return _("“%(title)s” is a .%(ext)s file; attach PDF, DOCX or XLSX files only.") % {
            "title": document.title, "ext": extension or "?"}
    limit = getattr(settings, "WAGTAILDOCS_MAX_UPLOAD_SIZE", None)
    size = document.get_file_size()
    if limit and size and size > limit:
        return _("“%(title)s” is %(size)s; attached files may be at most %(limit)s.") % {
            "title": document.title, "size": format_filesize(size), "limit": format_filesize(limit)}
    return None


class HeadingBlock(blocks.StructBlock):
    """A section heading; level-2 and level-3 headings make up the table of contents."""

    text = blocks.CharBlock(label=_("Heading"), max_length=200)
    level = blocks.ChoiceBlock(
        choices=[("h2", _("Section")), ("h3", _("Subsection"))], default="h2", label=_("Level"),
        help_text=_("Sections and subsections appear in the table of contents at the top of the page."),
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = "content_models/core/blocks/heading_block.html"


class CalloutBlock(blocks.StructBlock):
    """A framed note, warning or tip that stands out from the text."""

    kind = blocks.ChoiceBlock(
        choices=[("note", _("Note")), ("important", _("Important")), ("tip", _("Tip"))], default="note", label=_("Kind"),
    )
    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200, help_text=_("Leave empty to show the kind (Note, Important, Tip)."))
    text = RichTextBlock(label=_("Text"), features=TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = "content_models/core/blocks/callout_block.html"


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=200)
    text = RichTextBlock(label=_("Details"), required=False, features=TEXT_FEATURES)

    class Meta:
        icon = "arrow-right"
        label = _("Step")


class StepsBlock(blocks.StructBlock):
    """A numbered procedure: what the librarian does, in order."""

    title = blocks.CharBlock(label=_("Title"), required=False, max_length=200)
    steps = blocks.ListBlock(StepBlock(), min_num=1, label=_("Steps"))

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        template = "content_models/core/blocks/steps_block.html"


class TableBlock(blocks.StructBlock):
    """A simple table: column headings and rows of plain-text cells (every row as wide as the headings)."""

    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255, help_text=_("What the table shows; read out first by screen readers."))
    header = blocks.ListBlock(blocks.CharBlock(label=_("Column heading"), max_length=120), min_num=1, label=_("Column headings"))
    rows = blocks.ListBlock(
        blocks.ListBlock(blocks.CharBlock(label=_("Cell"), required=False, max_length=500), label=_("Row")),
        min_num=1, label=_("Rows"),
    )

    class Meta:
        icon = "table"
        label = _("Table")
        template = "content_models/core/blocks/table_block.html"

    def clean(self, value):
        value = super().clean(value)
        width = len(value["header"])
        for number, row in enumerate(value["rows"], start=1):
            if len(row) != width:
                raise StructBlockValidationError(non_block_errors=[
                    _("Row %(row)s has %(cells)s cells but the table has %(width)s columns.") % {"row": number, "cells": len(row), "width": width}
                ])
        return value


class FigureBlock(blocks.StructBlock):
    """An image with its text alternative and an optional caption."""

    image = ImageBlock(label=_("Image"))
    caption = blocks.CharBlock(label=_("Caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image with caption")
        template = "content_models/core/blocks/figure_block.html"

    def get_api_representation(self, value, context=None):
        image = value["image"]
        alt = getattr(image, "contextual_alt_text", "") if image else ""
        return {"image": image_out(image, context_root_url(context), "width-800", alt), "caption": value["caption"]}


class DocumentBlock(blocks.StructBlock):
    """A document to download (PDF, DOCX or XLSX), with its type and size shown."""

    document = DocumentChooserBlock(label=_("Document"))
    title = blocks.CharBlock(label=_("Link text"), required=False, max_length=255, help_text=_("Leave empty to use the document's title."))
    description = blocks.TextBlock(label=_("Description"), required=False, max_length=500)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = "content_models/core/blocks/document_block.html"

    def clean(self, value):
        value = super().clean(value)
        problem = document_problem(value["document"])
        if problem:
            raise StructBlockValidationError(block_errors={"document": ValidationError(problem)})
        return value

    def get_api_representation(self, value, context=None):
        return {
            "document": document_out(value["document"], context_root_url(context)),
            "title": value["title"] or (value["document"].title if value["document"] else ""),
            "description": value["description"],
        }


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quotation"))
    attribution = blocks.CharBlock(label=_("Source"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "content_models/core/blocks/quote_block.html"


def pages_in_language(pages, model, language_code: str, *, related=()) -> list:
    """The live, public pages in ``language_code`` standing for the chosen ``pages``, in the chosen order.

    A chosen page is replaced by its translation in the language when that is live; otherwise it is kept if it is
    live itself; unpublished, private and deleted pages are left out. Two queries whatever the number of pages.
    """
    chosen = [page for page in pages if page is not None]
    if not chosen:
        return []
    keys = {page.translation_key for page in chosen}
    queryset = model.objects.live().public().filter(translation_key__in=keys).select_related("locale")
    if related:
        queryset = queryset.prefetch_related(*related)
    by_key: dict = {}
    for page in queryset:
        by_key.setdefault(page.translation_key, {})[page.locale.language_code] = page
    result, seen = [], set()
    for page in chosen:
        versions = by_key.get(page.translation_key, {})
        found = versions.get(language_code) or next((v for v in versions.values() if v.pk == page.pk), None)
        if found is not None and found.pk not in seen:
            seen.add(found.pk)
            result.append(found)
    return result
