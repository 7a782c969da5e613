"""The Elasticsearch backend: mapping, analysers and query construction without a server; against a real
server (ELASTICSEARCH_URL) the analyser must fold exactly like search.normalize. The contract suite
(test_contract.py) runs on Elasticsearch too when the server is there."""

import json
import os

import pytest

from search import normalize
from search.backends.elasticsearch import FIELD_NAMES, build_query, bulk_actions, delete_actions, word_clause
from search.documents import fold_mappings, index_body, source_of
from search.sources import IndexDoc
from search.terms import parse_query


def test_the_mapping_is_explicit_with_the_portal_analysers():
    body = index_body()
    properties = body["mappings"]["properties"]
    for name in ("locale", "kind", "key", "translation_key"):
        assert properties[name]["type"] == "keyword"
    for name in FIELD_NAMES.values():
        assert properties[name] == {"type": "text", "analyzer": "portal_terms"}
    assert properties["title"]["analyzer"] == properties["body"]["analyzer"] == "portal_fold"
    assert properties["url"] == {"type": "keyword", "index": False}
    assert body["mappings"]["_source"] == {"excludes": ["body_terms"]}
    analysis = body["settings"]["analysis"]
    assert analysis["analyzer"]["portal_terms"] == {"type": "custom", "tokenizer": "whitespace"}
    assert analysis["analyzer"]["portal_fold"]["char_filter"] == ["portal_fold_chars"]


def _decode(rule: str) -> tuple[str, str]:
    source, target = (part.strip() for part in rule.split("=>"))
    return json.loads(f'"{source}"'), json.loads(f'"{target}"').strip()


def test_the_fold_character_filter_is_the_python_letter_table():
    rules = dict(_decode(rule) for rule in fold_mappings())
    for letter, skeleton in normalize._LETTERS.items():
        if letter.isascii():
            continue
        assert rules[letter] == skeleton, letter
        assert rules.get(letter.upper(), skeleton) == skeleton, letter.upper()
    for letter in "әғқңөұүһі":
        assert rules[letter] == normalize.fold(letter)
        assert rules[letter.upper()] == normalize.fold(letter)
    assert rules["«"] == "" and rules["—"] == "" and rules["'"] == ""  # separators become spaces (stripped here)
    assert rules["ь"] == "" and rules["\u0301"] == ""  # soft sign and combining accents vanish
    assert "q" in rules and "a" not in rules  # ASCII letters that stay themselves need no rule


def test_a_word_becomes_exact_prefix_and_fuzzy_alternatives_over_the_fields():
    word = parse_query("Ауэзов")[0]
    clause = word_clause(word)
    should = clause["bool"]["should"]
    assert clause["bool"]["minimum_should_match"] == 1
    assert {"terms": {"title_terms": ["auezov", "auez"], "boost": 10.0}} in should
    assert any("prefix" in item and item["prefix"].get("author_terms", {}).get("value") == "auezov" for item in should)
    fuzzy = [item["fuzzy"]["body_terms"] for item in should if "fuzzy" in item and "body_terms" in item["fuzzy"]]
    assert fuzzy and all(item["fuzziness"] == 1 and item["transpositions"] for item in fuzzy)


def test_short_words_get_no_fuzzy_clause():
    clause = word_clause(parse_query("Абай")[0])
    assert not any("fuzzy" in item for item in clause["bool"]["should"])


def test_required_words_are_must_stop_words_should_and_filters_do_not_touch_the_counts():
    body = build_query(parse_query("The Path of Abai"), locale="kk", kinds=("book", "author"), limit=50)
    must = body["query"]["bool"]["must"]
    should = body["query"]["bool"]["should"]
    assert len(must) == 2 and len(should) == 2  # path, abai required; the, of optional
    assert body["post_filter"] == {"bool": {"filter": [{"term": {"locale": "kk"}}, {"terms": {"kind": ["book", "author"]}}]}}
    assert "post_filter" not in body["query"]
    assert body["aggs"]["locales"]["terms"]["field"] == "locale"
    assert body["aggs"]["locales"]["aggs"]["kinds"]["terms"]["field"] == "kind"
    assert body["size"] == 50 and body["track_total_hits"] is True


def test_any_word_mode_and_field_restriction():
    body = build_query(parse_query("Абай жолы"), require_all=False, fields=("title", "authors"), counts=False)
    assert body["query"]["bool"]["minimum_should_match"] == 1
    assert len(body["query"]["bool"]["should"]) == 2
    fields = {key for clause in body["query"]["bool"]["should"] for item in clause["bool"]["should"] for value in item.values() for key in value if key.endswith("_terms")}
    assert fields == {"title_terms", "author_terms"}
    assert "aggs" not in body and "post_filter" not in body


def test_bulk_actions_carry_the_document_by_its_key():
    doc = IndexDoc(key="page:7", kind="book", locale="kk", object_id=7, translation_key="t", title="Абай жолы", url="/kk/books/abai/", authors="Мұхтар Әуезов").analyse()
    [action] = bulk_actions("portal-search", [doc])
    assert action["_id"] == "page:7" and action["_op_type"] == "index"
    assert action["_source"] == source_of(doc)
    assert action["_source"]["title_terms"] == "abai aba joli jol"
    assert delete_actions("portal-search", ["page:7"]) == [{"_op_type": "delete", "_index": "portal-search", "_id": "page:7"}]


@pytest.mark.elasticsearch
def test_the_server_folds_like_python(settings):
    url = os.environ.get("ELASTICSEARCH_URL")
    if not url:
        pytest.skip("ELASTICSEARCH_URL is not set: needs an Elasticsearch 8 server")
    from search.backends.elasticsearch import ElasticsearchBackend

    backend = ElasticsearchBackend(url, index_prefix=f"portal-analyse-{os.getpid()}")
    backend.clear()
    try:
        for text in ("Әуезов Ауэзов Äuezov Áýezov", "Қыз Жібек Qyz Jıbek Kyz Zhibek", "Ұлпан Ūlpan", "Шыңғыс Şyñğys Chingiz"):
            tokens = backend.client.indices.analyze(index=backend.index_name, analyzer="portal_fold", text=text)["tokens"]
            assert [token["token"] for token in tokens] == normalize.fold(text).split(), text
    finally:
        backend.drop()


def test_without_elasticsearch_a_rebuild_touches_only_the_database(db, settings):
    from search.backends import elasticsearch_backend, writing_backends
    from search.indexing import rebuild

    settings.ELASTICSEARCH_URL = ""
    assert elasticsearch_backend() is None
    assert [backend.name for backend in writing_backends()] == ["database"]
    assert rebuild()["documents"] > 0


def test_with_an_unreachable_server_update_index_fails_with_a_clear_message(db, settings):
    import io

    from django.core.management import CommandError, call_command

    from search.models import SearchDocument

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"  # nothing listens there
    before = SearchDocument.objects.count()
    with pytest.raises(CommandError, match="Elasticsearch"):
        call_command("update_index", verbosity=0, stdout=io.StringIO(), stderr=io.StringIO())
    assert SearchDocument.objects.count() == before  # the database index is untouched
