"""Pieces shared by the portal's own read-only routers: the locale parameter, references to pages and books, and
the 400 answer (an RFC 9457 problem) that every bad parameter gets."""

from django.conf import settings
from ninja import Schema
from ninja.errors import HttpError
from wagtail.api.v3.errors import ProblemDetail
from wagtail.models import Locale

LOCALE_DOC = "Language of the content: kk (default), ru or en."
ERRORS = {400: ProblemDetail}


class CodeName(Schema):
    code: str
    name: str


class BookRef(Schema):
    id: int
    title: str
    list_no: int
    url: str | None = None


class PageRef(Schema):
    id: int
    title: str
    url: str | None = None


def locale_or_400(code: str | None) -> Locale:
    """The Locale of ``code`` (absent: the site's language); an unknown code, or an empty one, is answered with 400
    (as the books and search routers answer it)."""
    code = settings.LANGUAGE_CODE if code is None else code
    languages = {language for language, _name in settings.LANGUAGES}
    locale = Locale.objects.filter(language_code=code).first() if code in languages else None
    if locale is None:
        known = ", ".join(sorted(languages, key=[language for language, _name in settings.LANGUAGES].index))
        raise HttpError(400, f"Unknown locale {code!r}; use one of: {known}.")
    return locale


def book_refs(items) -> list[dict]:
    return [{"id": book.pk, "title": book.title, "list_no": book.list_no, "url": book.full_url} for book in items]
