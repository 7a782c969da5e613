"""The demo's own search index: everything the demo loads is indexed, in every language and kind."""

import pytest

from content_models.books.models import BookPage
from search.models import SearchDocument
from search.sources import KINDS

pytestmark = pytest.mark.django_db


def test_the_demo_is_indexed_in_every_language_and_kind():
    kinds = set(SearchDocument.objects.values_list("kind", flat=True))
    assert kinds == set(KINDS)
    for language in ("kk", "ru", "en"):
        assert SearchDocument.objects.filter(kind="book", locale=language).count() == BookPage.objects.live().filter(locale__language_code=language).count()
