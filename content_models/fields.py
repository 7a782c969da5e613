"""Model fields shared by the portal's page types."""

from wagtail.fields import StreamField


class PageStreamField(StreamField):
    """A StreamField that the v3 API renders in its page's language, with the page in the blocks' context.

    Wagtail's API renders a stream block by block without telling the blocks which page they belong to. Blocks
    that point at other pages (books of the list, related guidelines) need the page's language to link the
    translation in that language, and blocks with files need the site's address for absolute URLs.
    ``content_models.api_output`` registers the resolver that does this.
    """
