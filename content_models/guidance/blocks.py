"""The body of a guideline: the shared text blocks and the books of the list."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from content_models.books.blocks import BookListBlock
from content_models.core.blocks import (
    TEXT_FEATURES,
    CalloutBlock,
    DocumentBlock,
    FigureBlock,
    HeadingBlock,
    QuoteBlock,
    StepsBlock,
    TableBlock,
)
from content_models.core.rich_text import RichTextBlock


class GuidelineBodyBlock(blocks.StreamBlock):
    heading = HeadingBlock()
    paragraph = RichTextBlock(label=_("Text"), features=TEXT_FEATURES, icon="pilcrow")
    callout = CalloutBlock()
    steps = StepsBlock()
    table = TableBlock()
    image = FigureBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
    books = BookListBlock()
