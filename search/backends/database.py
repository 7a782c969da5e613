"""The embedded backend: the portal's own index table, searched with SQLite FTS5 or PostgreSQL full text.

Wagtail's stock database backend indexes raw text and ranks in SQL that joins its index tables; on this
portal it needed ≈ 80 ms a query on SQLite before any spelling normalisation. Here the normalised terms
(``search.terms``) are indexed instead, so the database only has to match ASCII words: an FTS5 table
with prefix indexes on SQLite, a weighted ``tsvector`` with a GIN index on PostgreSQL (see the migration).
Typo tolerance expands a word to the indexed terms one edit away, found with one indexed lookup of the
word's deletion variants in the vocabulary's variant table (``search.terms.deletion_variants``).
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from ..models import SearchDocument, SearchTerm, SearchTermVariant
from ..terms import FUZZY_MIN_LENGTH, deletion_variants, edit_distance
from .base import Candidate, Matches, SearchBackend

FIELD_COLUMNS = {"title": "title_terms", "authors": "author_terms", "alt": "alt_terms", "body": "body_terms"}
FIELD_WEIGHTS = {"title": "A", "authors": "B", "alt": "C", "body": "D"}
CANDIDATE_COLUMNS = (
    "d.id, d.key, d.kind, d.locale, d.object_id, d.translation_key, d.title, d.subtitle, d.url, d.date, "
    "d.title_terms, d.author_terms, d.alt_terms"
)
VARIANTS = SearchTermVariant._meta.db_table
PG_RANKING_CAP = 2000
DOCUMENT_COLUMNS = (
    "key", "kind", "locale", "object_id", "translation_key", "title", "subtitle", "url", "body", "date", "boost", "tags",
    "title_terms", "author_terms", "alt_terms", "body_terms", "updated_at",
)
TABLE = SearchDocument._meta.db_table
TERMS = SearchTerm._meta.db_table
INSERT_IGNORE = "INSERT INTO {table} ({columns}) VALUES ({values}) ON CONFLICT DO NOTHING"


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
    # Plain SQL on the portal's own two tables: no model instances and no per-row signals, which made a
    # rebuild of 10,000 documents several times slower.
    def index(self, docs, *, replace: bool = True) -> None:
        docs = list(docs)
        if not docs:
            return
        now = timezone.now()
        rows = [
            (doc.key, doc.kind, doc.locale, doc.object_id, doc.translation_key, doc.title[:500], doc.subtitle[:500],
             doc.url[:500], doc.body, doc.date.isoformat() if doc.date else None, doc.boost, doc.tags,
             doc.title_terms, doc.author_terms, doc.alt_terms, doc.body_terms, now)
            for doc in docs
        ]
        placeholders = ", ".join(["%s"] * len(DOCUMENT_COLUMNS))
        with transaction.atomic(), connection.cursor() as cursor:
            if replace:
                self._delete(cursor, [row[0] for row in rows])
            cursor.executemany(f"INSERT INTO {TABLE} ({', '.join(DOCUMENT_COLUMNS)}) VALUES ({placeholders})", rows)
            self._add_terms(cursor, docs)

    def _add_terms(self, cursor, docs) -> None:
        terms, names = set(), set()
        for doc in docs:
            names.update(f"{doc.title_terms} {doc.author_terms} {doc.alt_terms}".split())
            terms.update(doc.body_terms.split())
        self._write_vocabulary(cursor, dict.fromkeys(terms | names, 1), names, ignore_existing=True)

    @staticmethod
    def _write_vocabulary(cursor, counts: dict[str, int], names: set[str], ignore_existing: bool) -> None:
        """Terms with their counts; deletion variants for the terms of titles, names and the other languages'
        titles only (typos are forgiven where people type them: titles and names; the text's own words,
        three times as many, would triple the variant table for little gain)."""
        terms = [(term, count) for term, count in counts.items() if len(term) <= 64]
        insert = INSERT_IGNORE if ignore_existing else "INSERT INTO {table} ({columns}) VALUES ({values})"
        for start in range(0, len(terms), 5000):
            cursor.executemany(insert.format(table=TERMS, columns="term, doc_count", values="%s, %s"), terms[start:start + 5000])
        fuzzy = sorted(term for term in names if FUZZY_MIN_LENGTH <= len(term) <= 64 and term.isalpha())
        for start in range(0, len(fuzzy), 5000):
            variants = {(variant, term) for term in fuzzy[start:start + 5000] for variant in deletion_variants(term, 1)}
            cursor.executemany(INSERT_IGNORE.format(table=VARIANTS, columns="variant, term", values="%s, %s"), sorted(variants))

    @staticmethod
    def _delete(cursor, keys) -> None:
        for start in range(0, len(keys), 500):
            chunk = keys[start:start + 500]
            cursor.execute(f"DELETE FROM {TABLE} WHERE key IN ({', '.join(['%s'] * len(chunk))})", chunk)

    def delete(self, keys) -> None:
        keys = list(keys)
        if keys:
            with connection.cursor() as cursor:
                self._delete(cursor, keys)

    def clear(self) -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")
            cursor.execute(f"DELETE FROM {TERMS}")
            cursor.execute(f"DELETE FROM {VARIANTS}")
            if self.vendor == "sqlite":
                cursor.execute("INSERT INTO portal_search_fts(portal_search_fts) VALUES ('delete-all')")

    def rebuild_vocabulary(self) -> int:
        """Recount every term's documents (incremental indexing only adds new terms, counted once)."""
        counts: Counter = Counter()
        names: set[str] = set()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT title_terms, author_terms, alt_terms, body_terms FROM {TABLE}")
            while True:
                rows = cursor.fetchmany(2000)
                if not rows:
                    break
                for title, authors, alt, body in rows:
                    terms = set(f"{title} {authors} {alt}".split())
                    names |= terms
                    counts.update(terms | set(body.split()))
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TERMS}")
            cursor.execute(f"DELETE FROM {VARIANTS}")
            self._write_vocabulary(cursor, counts, names, ignore_existing=False)
        with connection.cursor() as cursor:
            if self.vendor == "sqlite":
                cursor.execute("INSERT INTO portal_search_fts(portal_search_fts) VALUES ('optimize')")
            else:  # fresh statistics, or the planner scans the variant table instead of using its key
                for table in (TABLE, TERMS, VARIANTS):
                    cursor.execute(f"ANALYZE {table}")
        return len(counts)

    def count(self) -> int:
        return SearchDocument.objects.count()

    def ping(self) -> None:
        SearchDocument.objects.exists()  # one indexed row at most, whatever the size of the index

    # ------------------------------------------------------------------ vocabulary
    def neighbours(self, term: str, distance: int = 1) -> list[tuple[str, int]]:
        return self.neighbours_many([term], distance)[0]

    def neighbours_many(self, terms: list[str], distance: int = 1) -> list[list[tuple[str, int]]]:
        """Indexed terms (of 5+ letters) within ``distance`` edits of each term, most frequent first, in one
        query: the variants of the term are looked up among the stored variants of the vocabulary."""
        probes = [_safe(term) for term in terms]
        wanted: dict[str, set[int]] = {}
        for index, probe in enumerate(probes):
            if len(probe) < 3:
                continue
            for variant in deletion_variants(probe, distance):
                wanted.setdefault(variant, set()).add(index)
        found: list[dict[str, int]] = [{} for _ in probes]
        variants = list(wanted)
        for start in range(0, len(variants), 500):
            chunk = variants[start:start + 500]
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT v.variant, v.term, t.doc_count FROM {VARIANTS} v JOIN {TERMS} t ON t.term = v.term "
                    f"WHERE v.variant IN ({', '.join(['%s'] * len(chunk))})",
                    chunk,
                )
                for variant, candidate, count in cursor.fetchall():
                    for index in wanted[variant]:
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
    def _tsquery(self, words, require_all, fields, expansions, *, prefixes=True) -> str:
        """The tsquery; weight labels only when some but not all of the fields of the searched vector count."""
        wanted = set(fields or FIELD_WEIGHTS)
        names_only = wanted == {"title", "authors", "alt"}
        suffix = "" if names_only or len(wanted) == 4 else "".join(FIELD_WEIGHTS[name] for name in FIELD_WEIGHTS if name in wanted)
        parts = []
        for word in self._groups(words, require_all):
            exact, starts = self._word_terms(word, expansions)
            alternatives = [f"'{term}'" + (f":{suffix}" if suffix else "") for term in exact]
            if prefixes:
                alternatives += [f"'{term}':*{suffix}" for term in starts]
            if alternatives:
                parts.append("(" + " | ".join(alternatives) + ")")
        return (" & " if require_all else " | ").join(parts)

    def _match_postgresql(self, words, locale, kinds, limit, require_all, fields, expansions, with_counts) -> Matches:
        """Candidates in two bounded parts, as ranking every match of a short prefix (18,000 rows for «Роко» on
        100,000 titles) cost 150 ms: (1) titles and names that have every word exactly, ranked; (2) any match
        of the whole query (prefixes, typos, text) among the first PG_RANKING_CAP, ranked. The ranking above
        picks the best of both. Counts are exact. Part (1) has only the words' own forms (no typo neighbours), so
        a title typed right is never crowded out."""
        tsquery = self._tsquery(words, require_all, fields, expansions)
        if not tsquery:
            return Matches([], {})
        exact = self._tsquery(words, require_all, ("title", "authors", "alt"), {}, prefixes=False)
        vector = "d.name_vector" if set(fields or FIELD_WEIGHTS) == {"title", "authors", "alt"} else "d.vector"
        filters, params = [], []
        if locale:
            filters.append("d.locale = %s")
            params.append(locale)
        if kinds:
            filters.append("d.kind IN (" + ", ".join(["%s"] * len(kinds)) + ")")
            params.extend(kinds)
        where = "".join(f" AND {condition}" for condition in filters)
        rank = "ts_rank('{0.1, 0.6, 0.8, 1.0}', d.name_vector, to_tsquery('simple', %s))"
        names_sql = (
            f"SELECT {CANDIDATE_COLUMNS}, {rank} AS score FROM {TABLE} d "
            f"WHERE d.name_vector @@ to_tsquery('simple', %s){where} ORDER BY score DESC, d.id LIMIT %s"
        )
        any_sql = (
            f"SELECT {CANDIDATE_COLUMNS}, {rank} AS score FROM ("
            f"  SELECT * FROM {TABLE} d WHERE {vector} @@ to_tsquery('simple', %s){where} LIMIT {PG_RANKING_CAP}"
            f") d ORDER BY score DESC, d.id LIMIT %s"
        )
        counts_sql = (
            f"SELECT d.locale, d.kind, count(*) FROM {TABLE} d WHERE {vector} @@ to_tsquery('simple', %s) "
            f"GROUP BY d.locale, d.kind"
        )
        with connection.cursor() as cursor:
            rows = []
            if exact:
                cursor.execute(names_sql, [tsquery, exact, *params, limit])
                rows = cursor.fetchall()
            cursor.execute(any_sql, [tsquery, tsquery, *params, limit])
            seen = {row[0] for row in rows}
            rows += [row for row in cursor.fetchall() if row[0] not in seen]
            counts = {}
            if with_counts:
                cursor.execute(counts_sql, [tsquery])
                counts = {(row[0], row[1]): row[2] for row in cursor.fetchall()}
        return Matches([_candidate(row[:-1], float(row[-1])) for row in rows], counts)

    def bodies(self, keys) -> dict[str, str]:
        keys = list(keys)
        if not keys:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT key, body FROM {TABLE} WHERE key IN ({', '.join(['%s'] * len(keys))})", keys)
            return dict(cursor.fetchall())


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
