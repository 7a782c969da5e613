"""The portal's search index in the database: one row per live, public thing in one language, and the
vocabulary of its terms (for typo tolerance and "did you mean").

The rows keep display text (title, subtitle, plain body for snippets) beside the normalised terms of each
field (``search.terms.index_terms``). On SQLite an FTS5 table over the term columns, and on PostgreSQL
a generated, weighted ``tsvector`` column with a GIN index, are created by the migration and kept in step by
the database itself (triggers / generated column), so writing a row is all indexing takes.

A later migration that alters SearchDocument on SQLite rebuilds the table, which drops its triggers: such a
migration must create the triggers of 0001 again (the contract tests fail otherwise).
"""

from django.db import models
from django.db.models import F


class SearchDocument(models.Model):
    """One searchable item (a page, or an author of the book list) in one language."""

    key = models.CharField(max_length=64, unique=True)  # "page:123", "author:45"
    # No B-tree indexes on kind and locale: the full-text index finds the matches and these filter them; on
    # PostgreSQL an index on locale made the planner intersect 100,000-row bitmaps (measured: 100 ms a query).
    kind = models.CharField(max_length=20)
    locale = models.CharField(max_length=8)
    object_id = models.BigIntegerField()
    translation_key = models.CharField(max_length=36, blank=True)
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

    def __str__(self):
        return f"{self.key} [{self.locale}] {self.title}"


class SearchTerm(models.Model):
    """A term of the index with the number of documents that have it ("did you mean" prefers frequent ones)."""

    term = models.CharField(max_length=64, primary_key=True)
    doc_count = models.PositiveIntegerField(default=1)

    def __str__(self):
        return self.term


class SearchTermVariant(models.Model):
    """A term's deletion neighbourhood: the term's first letters (``terms.VARIANT_PREFIX``) and every
    string made by deleting one of them. Two terms within one edit share a variant, so a word's typo
    neighbours are one indexed lookup of its own variants, however large the vocabulary."""

    pk = models.CompositePrimaryKey("variant", "term")
    variant = models.CharField(max_length=16)
    term = models.CharField(max_length=64)

    def __str__(self):
        return f"{self.variant} → {self.term}"


class IndexVersion(models.Model):
    """The version of the portal index: one row, bumped by every index write; the search caches of every
    process compare it with the one their answers were built from."""

    key = models.CharField(max_length=20, primary_key=True)
    version = models.BigIntegerField(default=1)

    def __str__(self):
        return f"{self.key}: {self.version}"


def bump_index_version(key: str = "search") -> None:
    """Count a change of the index (the caches keyed by the older version are not read again)."""
    updated = IndexVersion.objects.filter(key=key).update(version=F("version") + 1)
    if not updated:
        IndexVersion.objects.get_or_create(key=key, defaults={"version": 2})


class IndexRebuild(models.Model):
    """An Elasticsearch rebuild under way (``search.rebuild``): while a row exists, every index write also
    notes its keys in ``IndexJournal``, so the new index gets them before and after it replaces the old one."""

    index = models.CharField(max_length=100)
    started_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.index} since {self.started_at:%Y-%m-%d %H:%M}"


class IndexJournal(models.Model):
    """A document key written (or deleted) during an Elasticsearch rebuild."""

    key = models.CharField(max_length=64)

    def __str__(self):
        return self.key


def note_writes(keys) -> None:
    """Called by the Elasticsearch backend with the keys it is about to write: journalled while a rebuild runs."""
    keys = sorted(set(keys))
    if keys and IndexRebuild.objects.exists():
        IndexJournal.objects.bulk_create([IndexJournal(key=key) for key in keys])
