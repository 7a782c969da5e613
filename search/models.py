"""The portal's search index in the database: one row per live, public thing in one language, and the
vocabulary of its terms (for typo tolerance and "did you mean").

The rows keep display text (title, subtitle, plain body for snippets) beside the normalised terms of each
field (``search.normalize.index_terms``). On SQLite an FTS5 table over the term columns, and on PostgreSQL
a generated, weighted ``tsvector`` column with a GIN index, are created by the migration and kept in step by
the database itself (triggers / generated column), so writing a row is all indexing takes.
"""

from django.db import models


class SearchDocument(models.Model):
    """One searchable item (a page, or an author of the book list) in one language."""

    key = models.CharField(max_length=64, unique=True)  # "page:123", "author:45"
    kind = models.CharField(max_length=20, db_index=True)
    locale = models.CharField(max_length=8, db_index=True)
    object_id = models.BigIntegerField()
    translation_key = models.CharField(max_length=36, blank=True, db_index=True)
    title = models.CharField(max_length=500)
    subtitle = models.CharField(max_length=500, blank=True)
    url = models.CharField(max_length=500)
    body = models.TextField(blank=True)
    date = models.DateField(null=True, blank=True)
    boost = models.FloatField(default=1.0)
    # Normalised terms, space-separated: what is actually searched.
    tags = models.CharField(max_length=100)  # "zlkk zkbook": locale and kind, for filtering inside FTS5
    title_terms = models.TextField(blank=True)
    author_terms = models.TextField(blank=True)
    alt_terms = models.TextField(blank=True)  # the other languages' titles and names, the original title
    body_terms = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["locale", "kind"], name="search_doc_locale_kind")]

    def __str__(self):
        return f"{self.key} [{self.locale}] {self.title}"


class SearchTerm(models.Model):
    """A term of the index, stored forwards and backwards so one-edit neighbours are two range scans."""

    term = models.CharField(max_length=64, primary_key=True)
    reversed_term = models.CharField(max_length=64, db_index=True)
    length = models.PositiveSmallIntegerField()
    doc_count = models.PositiveIntegerField(default=1)

    def __str__(self):
        return self.term
