"""The embedded backend: the portal's own index table, searched with SQLite FTS5 or PostgreSQL full text.

Wagtail's stock database backend indexes raw text and ranks in SQL that joins its index tables; on this
portal it needed ≈ 80 ms a query on SQLite before any spelling normalisation. Here the normalised terms
(``search.normalize``) are indexed instead, so the database only has to match ASCII words: an FTS5 table
with prefix indexes on SQLite, a weighted ``tsvector`` with a GIN index on PostgreSQL (see the migration).
Typo tolerance expands a word to the indexed terms one edit away, found in the vocabulary table with two
range scans (``search.normalize.fuzzy_keys``).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db import connection, transaction

from ..models import SearchDocument, SearchTerm
from ..normalize import edit_distance, fuzzy_keys
from .base import Candidate, Matches, SearchBackend

FIELD_COLUMNS = {"title": "title_terms", "authors": "author_terms", "alt": "alt_terms", "body": "body_terms"}
FIELD_WEIGHTS = {"title": "A", "authors": "B", "alt": "C", "body": "D"}
CANDIDATE_COLUMNS = (
    "d.id, d.key, d.kind, d.locale, d.object_id, d.translation_key, d.title, d.subtitle, d.url, d.date, "
    "d.title_terms, d.author_terms, d.alt_terms"
)
VOCABULARY_SCAN_LIMIT = 5000
TABLE = SearchDocument._meta.db_table
TERMS = SearchTerm._meta.db_table


def _safe(term: str) -> str:
    """Terms are normalised to [a-z0-9]; anything else is dropped so no query syntax can get through."""
    return "".join(ch for ch in term if ch.isascii() and ch.isalnum())


class DatabaseBackend(SearchBackend):
    name = "database"

    def __init__(self):
        self.vendor = connection.vendor
        if self.vendor not in ("sqlite", "postgresql"):
            raise RuntimeError(f"the portal search supports SQLite and PostgreSQL, not {self.vendor}")

    # ------------------------------------------------------------------ writing
    def index(self, docs) -> None:
        docs = list(docs)
        if not docs:
            return
        rows = [
            SearchDocument(
                key=doc.key, kind=doc.kind, locale=doc.locale, object_id=doc.object_id,
                translation_key=doc.translation_key, title=doc.title[:500], subtitle=doc.subtitle[:500],
                url=doc.url[:500], body=doc.body, date=doc.date, boost=doc.boost, tags=doc.tags,
                title_terms=doc.title_terms, author_terms=doc.author_terms, alt_terms=doc.alt_terms,
                body_terms=doc.body_terms,
            )
            for doc in docs
        ]
        with transaction.atomic():
            keys = [row.key for row in rows]
            for start in range(0, len(keys), 500):
                SearchDocument.objects.filter(key__in=keys[start:start + 500]).delete()
            SearchDocument.objects.bulk_create(rows, batch_size=200)
            self._add_terms(docs)

    def _add_terms(self, docs) -> None:
        terms = set()
        for doc in docs:
            for column in (doc.title_terms, doc.author_terms, doc.alt_terms, doc.body_terms):
                terms.update(column.split())
        terms = [term for term in terms if len(term) <= 64]
        if terms:
            SearchTerm.objects.bulk_create(
                [SearchTerm(term=term, reversed_term=term[::-1], length=len(term)) for term in terms],
                batch_size=500, ignore_conflicts=True,
            )

    def delete(self, keys) -> None:
        keys = list(keys)
        for start in range(0, len(keys), 500):
            SearchDocument.objects.filter(key__in=keys[start:start + 500]).delete()

    def clear(self) -> None:
        with transaction.atomic():
            SearchDocument.objects.all().delete()
            SearchTerm.objects.all().delete()
            if self.vendor == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("INSERT INTO portal_search_fts(portal_search_fts) VALUES ('rebuild')")

    def rebuild_vocabulary(self) -> int:
        """Recount every term's documents (incremental indexing only adds new terms, counted once)."""
        counts: Counter = Counter()
        for row in SearchDocument.objects.values_list("title_terms", "author_terms", "alt_terms", "body_terms").iterator(chunk_size=2000):
            terms = set()
            for column in row:
                terms.update(column.split())
            counts.update(terms)
        with transaction.atomic():
            SearchTerm.objects.all().delete()
            SearchTerm.objects.bulk_create(
                [SearchTerm(term=term, reversed_term=term[::-1], length=len(term), doc_count=count)
                 for term, count in counts.items() if len(term) <= 64],
                batch_size=1000,
            )
        if self.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO portal_search_fts(portal_search_fts) VALUES ('optimize')")
        return len(counts)

    def count(self) -> int:
        return SearchDocument.objects.count()

    # ------------------------------------------------------------------ vocabulary
    def neighbours(self, term: str, distance: int = 1) -> list[tuple[str, int]]:
        return self.neighbours_many([term], distance)[0]

    def neighbours_many(self, terms: list[str], distance: int = 1) -> list[list[tuple[str, int]]]:
        """Indexed terms within ``distance`` edits of each term (most frequent first), in one query."""
        probes, parts, params = [], [], []
        for index, term in enumerate(terms):
            term = _safe(term)
            n = len(term)
            probes.append(term)
            if n < 2:
                continue
            if distance == 1:
                prefix, suffix = fuzzy_keys(term)
            else:
                third = max(1, n // 3)
                prefix, suffix = term[:third], term[n - third:]
            for column, key in (("term", prefix), ("reversed_term", suffix[::-1])):
                if not key:
                    continue
                if self.vendor == "sqlite":
                    where, values = f"{column} >= %s AND {column} < %s", [key, key + "~"]
                else:
                    where, values = f"{column} LIKE %s", [key + "%"]
                parts.append(
                    f"SELECT * FROM (SELECT {index}, term, doc_count FROM {TERMS} WHERE {where} "
                    f"AND length BETWEEN %s AND %s LIMIT {VOCABULARY_SCAN_LIMIT}) AS probe{len(parts)}"
                )
                params += [*values, n - distance, n + distance]
        found: list[dict[str, int]] = [{} for _ in probes]
        if parts:
            with connection.cursor() as cursor:
                cursor.execute(" UNION ALL ".join(parts), params)
                for index, candidate, count in cursor.fetchall():
                    found[index][candidate] = count
        return [
            sorted(
                ((candidate, count) for candidate, count in candidates.items() if edit_distance(probe, candidate, distance) <= distance),
                key=lambda item: (-item[1], item[0]),
            )
            for probe, candidates in zip(probes, found, strict=True)
        ]

    def expand(self, word) -> list[str]:
        """Indexed terms one edit away from the word's fuzzy forms (its typo tolerance)."""
        return self.expand_many([word])[0]

    def expand_many(self, words) -> list[list[str]]:
        forms = [(index, form) for index, word in enumerate(words) for form in word.fuzzy]
        neighbours = self.neighbours_many([form for _index, form in forms], 1) if forms else []
        out: list[list[str]] = [[] for _ in words]
        for (index, _form), found in zip(forms, neighbours, strict=True):
            for candidate, _count in found:
                if candidate not in words[index].exact and candidate not in out[index]:
                    out[index].append(candidate)
        return out

    # ------------------------------------------------------------------ searching
    def match(self, words, *, locale=None, kinds=(), limit=200, require_all=True, fields=None, counts=True,
              expansions=None) -> Matches:
        if expansions is None:
            expansions = {word.text: found for word, found in zip(words, self.expand_many(words), strict=True)}
        if self.vendor == "sqlite":
            return self._match_sqlite(words, locale, kinds, limit, require_all, fields, expansions, counts)
        return self._match_postgresql(words, locale, kinds, limit, require_all, fields, expansions, counts)

    def _word_terms(self, word, expansions) -> tuple[list[str], list[str]]:
        exact = [_safe(term) for term in (*word.exact, *expansions.get(word.text, ())) if _safe(term)]
        prefixes = [_safe(term) for term in word.prefixes if _safe(term)]
        return list(dict.fromkeys(exact)), list(dict.fromkeys(prefixes))

    def _groups(self, words, require_all) -> list:
        required = [word for word in words if word.required] if require_all else list(words)
        return required or list(words)

    # SQLite FTS5 ---------------------------------------------------------
    def _fts_expression(self, words, require_all, fields, expansions) -> str:
        columns = "{" + " ".join(FIELD_COLUMNS[name] for name in (fields or FIELD_COLUMNS)) + "}"
        parts = []
        for word in self._groups(words, require_all):
            exact, prefixes = self._word_terms(word, expansions)
            alternatives = [f'"{term}"' for term in exact] + [f'"{term}"*' for term in prefixes]
            if alternatives:
                parts.append(f"{columns} : (" + " OR ".join(alternatives) + ")")
        return (" AND " if require_all else " OR ").join(parts)

    def _match_sqlite(self, words, locale, kinds, limit, require_all, fields, expansions, with_counts) -> Matches:
        expression = self._fts_expression(words, require_all, fields, expansions)
        if not expression:
            return Matches([], {})
        filters = []
        if locale:
            filters.append(f'tags : "zl{_safe(locale)}"')
        if kinds:
            filters.append("tags : (" + " OR ".join(f'"zk{_safe(kind)}"' for kind in kinds) + ")")
        filtered = " AND ".join([*filters, f"({expression})"])
        weights = "0.0, 10.0, 8.0, 6.0, 1.0"
        candidates_sql = (
            f"SELECT {CANDIDATE_COLUMNS}, m.score FROM ("
            f"  SELECT rowid, bm25(portal_search_fts, {weights}) AS score FROM portal_search_fts"
            f"  WHERE portal_search_fts MATCH %s ORDER BY score LIMIT %s"
            f") m JOIN {TABLE} d ON d.id = m.rowid ORDER BY m.score"
        )
        counts_sql = (
            f"SELECT d.locale, d.kind, count(*) FROM portal_search_fts JOIN {TABLE} d ON d.id = portal_search_fts.rowid "
            f"WHERE portal_search_fts MATCH %s GROUP BY d.locale, d.kind"
        )
        with connection.cursor() as cursor:
            cursor.execute(candidates_sql, [filtered, limit])
            rows = cursor.fetchall()
            counts = {}
            if with_counts:
                cursor.execute(counts_sql, [f"({expression})"])
                counts = {(row[0], row[1]): row[2] for row in cursor.fetchall()}
        return Matches([_candidate(row[:-1], -float(row[-1])) for row in rows], counts)

    # PostgreSQL ----------------------------------------------------------
    def _tsquery(self, words, require_all, fields, expansions) -> str:
        weights = "".join(FIELD_WEIGHTS[name] for name in (fields or FIELD_WEIGHTS))
        suffix = "" if len(weights) == 4 else weights
        parts = []
        for word in self._groups(words, require_all):
            exact, prefixes = self._word_terms(word, expansions)
            alternatives = [f"'{term}'" + (f":{suffix}" if suffix else "") for term in exact]
            alternatives += [f"'{term}':*{suffix}" for term in prefixes]
            if alternatives:
                parts.append("(" + " | ".join(alternatives) + ")")
        return (" & " if require_all else " | ").join(parts)

    def _match_postgresql(self, words, locale, kinds, limit, require_all, fields, expansions, with_counts) -> Matches:
        tsquery = self._tsquery(words, require_all, fields, expansions)
        if not tsquery:
            return Matches([], {})
        where, params = ["d.vector @@ to_tsquery('simple', %s)"], [tsquery]
        if locale:
            where.append("d.locale = %s")
            params.append(locale)
        if kinds:
            where.append("d.kind IN (" + ", ".join(["%s"] * len(kinds)) + ")")
            params.extend(kinds)
        candidates_sql = (
            f"SELECT {CANDIDATE_COLUMNS}, ts_rank('{{0.1, 0.6, 0.8, 1.0}}', d.vector, to_tsquery('simple', %s)) AS score "
            f"FROM {TABLE} d WHERE {' AND '.join(where)} ORDER BY score DESC, d.id LIMIT %s"
        )
        counts_sql = (
            f"SELECT d.locale, d.kind, count(*) FROM {TABLE} d WHERE d.vector @@ to_tsquery('simple', %s) "
            f"GROUP BY d.locale, d.kind"
        )
        with connection.cursor() as cursor:
            cursor.execute(candidates_sql, [tsquery, *params, limit])
            rows = cursor.fetchall()
            counts = {}
            if with_counts:
                cursor.execute(counts_sql, [tsquery])
                counts = {(row[0], row[1]): row[2] for row in cursor.fetchall()}
        return Matches([_candidate(row[:-1], float(row[-1])) for row in rows], counts)

    def bodies(self, keys) -> dict[str, str]:
        return dict(SearchDocument.objects.filter(key__in=list(keys)).values_list("key", "body"))


def _candidate(row, rank: float) -> Candidate:
    (doc_id, key, kind, locale, object_id, translation_key, title, subtitle, url, day,
     title_terms, author_terms, alt_terms) = row
    if isinstance(day, str):
        day = date.fromisoformat(day[:10])
    return Candidate(
        id=doc_id, key=key, kind=kind, locale=locale, object_id=object_id, translation_key=translation_key,
        title=title, subtitle=subtitle, url=url, date=day, title_terms=title_terms, author_terms=author_terms,
        alt_terms=alt_terms, rank=rank,
    )
