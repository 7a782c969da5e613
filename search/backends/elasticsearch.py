"""The scale-out backend: Elasticsearch 8 through the client's DSL (``elasticsearch.dsl``).

Documents and queries carry the same normalised terms as the database backend (``search.terms``), in
fields analysed by whitespace only, so both backends match the same words; typo tolerance is Elasticsearch's
own ``fuzzy`` query (one edit, transpositions included) on words of five letters or more. The filters by
language and kind are a ``post_filter``, so the aggregations count the matches in every language and kind at
once. Writes wait for the database transaction to commit (``transaction.on_commit``): a rolled-back publish
never reaches the index.
"""

from __future__ import annotations

import functools
import uuid
from datetime import date

from django.db import transaction
from elasticsearch import Elasticsearch, helpers

from ..documents import index_body, source_of
from ..models import note_writes
from . import resilience
from .base import Candidate, Matches, SearchBackend

FIELD_NAMES = {"title": "title_terms", "authors": "author_terms", "alt": "alt_terms", "body": "body_terms"}
FIELD_BOOSTS = {"title": 10.0, "authors": 8.0, "alt": 6.0, "body": 1.0}
PREFIX_FACTOR, FUZZY_FACTOR = 0.7, 0.5
SOURCE_FIELDS = ["key", "kind", "locale", "object_id", "translation_key", "title", "subtitle", "url", "date",
                 "title_terms", "author_terms", "alt_terms"]


def word_clause(word, fields=None) -> dict:
    """One query word as a bool of alternatives over the searched fields: exact terms, prefixes, fuzzy forms."""
    should = []
    for name in fields or FIELD_NAMES:
        field_name, boost = FIELD_NAMES[name], FIELD_BOOSTS[name]
        should.append({"terms": {field_name: list(word.exact), "boost": boost}})
        for prefix in word.prefixes:
            should.append({"prefix": {field_name: {"value": prefix, "boost": boost * PREFIX_FACTOR}}})
        for form in word.fuzzy:
            should.append({"fuzzy": {field_name: {
                "value": form, "fuzziness": 1, "prefix_length": 0, "transpositions": True, "max_expansions": 20,
                "boost": boost * FUZZY_FACTOR,
            }}})
    return {"bool": {"should": should, "minimum_should_match": 1}}


def build_query(words, *, locale=None, kinds=(), limit=200, require_all=True, fields=None, counts=True) -> dict:
    """The search request body for a parsed query (a pure function; unit-tested without a server)."""
    required = [word for word in words if word.required] if require_all else list(words)
    required = required or list(words)
    optional = [word for word in words if word not in required]
    clauses = [word_clause(word, fields) for word in required]
    if require_all:
        query = {"bool": {"must": clauses, "should": [word_clause(word, fields) for word in optional]}}
    else:
        query = {"bool": {"should": clauses, "minimum_should_match": 1}}
    filters = []
    if locale:
        filters.append({"term": {"locale": locale}})
    if kinds:
        filters.append({"terms": {"kind": list(kinds)}})
    body = {
        "query": query,
        "size": limit,
        "_source": SOURCE_FIELDS,
        "track_total_hits": True,
        "sort": ["_score", {"object_id": "asc"}],
    }
    if filters:
        body["post_filter"] = {"bool": {"filter": filters}}
    if counts:
        body["aggs"] = {"locales": {"terms": {"field": "locale", "size": 10}, "aggs": {"kinds": {"terms": {"field": "kind", "size": 20}}}}}
    return body


def bulk_actions(index: str, docs) -> list[dict]:
    return [{"_op_type": "index", "_index": index, "_id": doc.key, "_source": source_of(doc)} for doc in docs]


def delete_actions(index: str, keys) -> list[dict]:
    return [{"_op_type": "delete", "_index": index, "_id": key} for key in keys]


def _raise_unexpected(errors) -> None:
    """The failed items of a bulk request, except deletions of documents that were not there."""
    failed = []
    for error in errors or ():
        ((_op, item),) = error.items()
        if not (_op == "delete" and item.get("status") == 404):
            failed.append({"id": item.get("_id"), "status": item.get("status"), "error": item.get("error")})
    if failed:
        raise helpers.BulkIndexError(f"{len(failed)} document(s) failed: {failed[0]['status']} {failed[0]['error']}", failed)


def _answer_checked(method):
    """A malformed answer (valid JSON, wrong shape) is a failure of Elasticsearch, not of the portal."""

    @functools.wraps(method)
    def checked(*args, **kwargs):
        try:
            return method(*args, **kwargs)
        except (KeyError, IndexError, TypeError, ValueError, AttributeError) as problem:
            raise resilience.BadResponse(f"unexpected answer ({type(problem).__name__}: {problem})") from problem

    return checked


class ElasticsearchBackend(SearchBackend):
    name = "elasticsearch"

    BULK_TIMEOUT = 120  # seconds for one bulk request of a rebuild (searches use the client's short timeout)

    def __init__(self, url: str, index_prefix: str = "portal", **client_options):
        """``client_options``: the client's keyword arguments (``search.backends.client_options``: timeout,
        API key, CA certificates); user and password may be part of the URL."""
        self.url = url
        self.index_name = f"{index_prefix}-search"
        self.client = Elasticsearch(url, **{"request_timeout": 5, **client_options})

    # ------------------------------------------------------------------ index management
    # ``index_name`` is an alias; the documents live in a concrete index behind it, so a rebuild fills a new
    # index while searches still use the old one, then moves the alias in one step.
    def _new_index(self, with_alias: bool) -> str:
        name = f"{self.index_name}-{uuid.uuid4().hex[:8]}"
        body = index_body()
        aliases = {self.index_name: {}} if with_alias else None
        self.client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"], aliases=aliases)
        return name

    def _concrete(self) -> list[str]:
        if not self.client.indices.exists_alias(name=self.index_name):
            return []
        return sorted(self.client.indices.get_alias(name=self.index_name).body)

    def create_index(self) -> None:
        if not self._concrete():
            self._new_index(with_alias=True)

    def _ensure_index(self) -> None:
        self.create_index()

    def drop(self) -> None:
        for name in self._concrete():
            self.client.indices.delete(index=name, ignore_unavailable=True)

    def refresh(self) -> None:
        self.client.indices.refresh(index=self.index_name)

    def clear(self) -> None:
        self.drop()
        self._new_index(with_alias=True)

    def begin_rebuild(self) -> str:
        """A new, empty index beside the one searches use (see ``finish_rebuild``)."""
        return self._new_index(with_alias=False)

    def index_into(self, name: str, docs) -> None:
        helpers.bulk(self._bulk_client(), bulk_actions(name, list(docs)), chunk_size=500)

    def write_into(self, name: str, docs, deleted_keys) -> None:
        """Documents and deletions into one concrete index (a rebuild catching up; unknown keys are ignored)."""
        actions = bulk_actions(name, list(docs)) + delete_actions(name, sorted(deleted_keys))
        if actions:
            _ok, errors = helpers.bulk(self._bulk_client(), actions, raise_on_error=False, chunk_size=500)
            _raise_unexpected(errors)

    def _bulk_client(self):
        return self.client.options(request_timeout=self.BULK_TIMEOUT)

    def finish_rebuild(self, name: str) -> None:
        """Point the alias at the rebuilt index in one step and delete the old ones."""
        old = self._concrete()
        actions = [{"remove": {"index": index, "alias": self.index_name}} for index in old]
        actions.append({"add": {"index": name, "alias": self.index_name}})
        self.client.indices.refresh(index=name)
        self.client.indices.update_aliases(actions=actions)
        for index in old:
            if index != name:
                self.client.indices.delete(index=index, ignore_unavailable=True)

    def abort_rebuild(self, name: str) -> None:
        self.client.indices.delete(index=name, ignore_unavailable=True)

    # ------------------------------------------------------------------ writing (after commit)
    # A write that fails is logged with its keys and never raised into the request that published: the
    # database index has the change, and ``update_index`` brings Elasticsearch in step.
    def index(self, docs) -> None:
        self._after_commit(bulk_actions(self.index_name, list(docs)))

    def delete(self, keys) -> None:
        self._after_commit(delete_actions(self.index_name, list(keys)))

    def _after_commit(self, actions) -> None:
        if actions:
            note_writes(action["_id"] for action in actions)  # a rebuild under way must hear of them (search.rebuild)
            transaction.on_commit(lambda: self._bulk(actions))

    def _bulk(self, actions) -> None:
        keys = {action["_id"] for action in actions}
        try:
            self._ensure_index()
            _ok, errors = helpers.bulk(self.client, actions, raise_on_error=False, raise_on_exception=True, chunk_size=500)
            _raise_unexpected(errors)
        except resilience.failures() as problem:
            resilience.write_failed(keys, problem)
        except helpers.BulkIndexError as problem:
            resilience.write_failed({error["id"] for error in problem.errors}, problem)

    def count(self) -> int:
        return self.client.count(index=self.index_name)["count"]

    def ping(self) -> None:
        """The cluster's health within 2 seconds, no retries: a red cluster (a primary shard missing) fails."""
        health = self.client.options(request_timeout=2, max_retries=0, retry_on_timeout=False).cluster.health()
        if health["status"] == "red":
            raise RuntimeError(f"Elasticsearch cluster {health.get('cluster_name', '')} is red")

    # ------------------------------------------------------------------ searching
    @_answer_checked
    def match(self, words, *, locale=None, kinds=(), limit=200, require_all=True, fields=None, counts=True, expansions=None) -> Matches:
        body = build_query(words, locale=locale, kinds=kinds, limit=limit, require_all=require_all, fields=fields, counts=counts)
        response = self.client.search(index=self.index_name, **body)
        candidates = []
        for hit in response["hits"]["hits"]:
            source = hit["_source"]
            day = source.get("date")
            candidates.append(Candidate(
                id=source["object_id"], key=source["key"], kind=source["kind"], locale=source["locale"],
                object_id=source["object_id"], translation_key=source.get("translation_key", ""), title=source["title"],
                subtitle=source.get("subtitle", ""), url=source["url"], date=date.fromisoformat(day[:10]) if day else None,
                title_terms=source.get("title_terms", ""), author_terms=source.get("author_terms", ""),
                alt_terms=source.get("alt_terms", ""), rank=float(hit.get("_score") or 0.0),
            ))
        found = {}
        for bucket in response.get("aggregations", {}).get("locales", {}).get("buckets", []):
            for kind in bucket["kinds"]["buckets"]:
                found[(bucket["key"], kind["key"])] = kind["doc_count"]
        return Matches(candidates, found)

    @_answer_checked
    def bodies(self, keys) -> dict[str, str]:
        keys = list(keys)
        if not keys:
            return {}
        response = self.client.mget(index=self.index_name, ids=keys, source=["body"])
        return {doc["_id"]: doc["_source"].get("body", "") for doc in response["docs"] if doc.get("found")}

    @_answer_checked
    def neighbours(self, term: str, distance: int = 1) -> list[tuple[str, int]]:
        suggest = {
            name: {"text": term, "term": {"field": field, "suggest_mode": "always", "max_edits": min(distance, 2),
                                           "min_word_length": 3, "size": 10, "prefix_length": 0}}
            for name, field in FIELD_NAMES.items()
        }
        response = self.client.search(index=self.index_name, size=0, suggest=suggest)
        found: dict[str, int] = {}
        for entries in response.get("suggest", {}).values():
            for entry in entries:
                for option in entry.get("options", []):
                    found[option["text"]] = max(found.get(option["text"], 0), option.get("freq", 0))
        return sorted(found.items(), key=lambda item: (-item[1], item[0]))
