"""The Elasticsearch index of the portal search: mapping and analysers (elasticsearch.dsl).

One index holds every language; ``locale`` and ``kind`` are keyword fields, so filters are exact and the
counts per language and kind are aggregations. The searched fields are the normalised terms that
``search.normalize`` gives the database backend too (folded to one ASCII skeleton, Kazakh and Russian
stems), analysed by ``portal_terms`` (whitespace only): both backends search the very same terms. The
display fields (title, body) are analysed by ``portal_fold``, the same folding written as Elasticsearch
analysis (a mapping character filter generated from ``search.normalize``'s letter table, the same digraph
rules as pattern filters), so a raw query matches them in any spelling too.
"""

from __future__ import annotations

from elasticsearch.dsl import Date, Document, Float, Index, Keyword, Long, MetaField, Text, analyzer, char_filter, token_filter

from . import normalize

INDEX_SETTINGS = {"number_of_shards": 1, "number_of_replicas": 0}


def fold_mappings() -> list[str]:
    """Mapping rules ("ә => a") for every character the Python folding changes, lower and upper case:
    letters to their skeleton, soft and hard signs and combining marks to nothing, punctuation to a space."""
    rules = []
    seen = set()

    def add(char: str, target: str) -> None:
        if char in seen or len(char) != 1:
            return
        seen.add(char)
        rules.append(f"{_escape(char)} => {target if target else ''}".rstrip())

    for letter, skeleton in normalize._LETTERS.items():
        for variant in (letter, letter.upper()):
            if variant.isascii() and variant.lower() == skeleton:
                continue  # an ASCII letter that stays itself (after lowercasing)
            add(variant, skeleton)
    for code in range(0x300, 0x370):
        add(chr(code), "")
    for char in normalize._SEPARATORS + "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum()):
        add(char, "\\u0020")
    return rules


def _escape(char: str) -> str:
    return f"\\u{ord(char):04x}"


portal_fold_chars = char_filter("portal_fold_chars", "mapping", mappings=fold_mappings())
# The digraph rules of normalize.fold, applied to each lowercased token.
portal_kh = token_filter("portal_kh", "pattern_replace", pattern="kh", replacement="h")
portal_zh = token_filter("portal_zh", "pattern_replace", pattern="zh", replacement="j")
portal_dj = token_filter("portal_dj", "pattern_replace", pattern="dj", replacement="j")
portal_ii = token_filter("portal_ii", "pattern_replace", pattern="i{2,}", replacement="i")
portal_ye = token_filter("portal_ye", "pattern_replace", pattern="(^|(?<=[aeou]))ie", replacement="e")

portal_fold = analyzer(
    "portal_fold",
    char_filter=[portal_fold_chars],
    tokenizer="standard",
    filter=["lowercase", "asciifolding", portal_kh, portal_zh, portal_dj, portal_ii, portal_ye],
)
portal_terms = analyzer("portal_terms", tokenizer="whitespace")


class PortalDocument(Document):
    """One searchable item in one language (see ``search.sources.IndexDoc``)."""

    key = Keyword()
    kind = Keyword()
    locale = Keyword()
    object_id = Long()
    translation_key = Keyword()
    title = Text(analyzer=portal_fold)
    subtitle = Text(analyzer=portal_fold)
    url = Keyword(index=False)
    body = Text(analyzer=portal_fold)
    date = Date()
    boost = Float()
    title_terms = Text(analyzer=portal_terms)
    author_terms = Text(analyzer=portal_terms)
    alt_terms = Text(analyzer=portal_terms)
    body_terms = Text(analyzer=portal_terms)

    class Index:
        name = "portal-search"
        settings = INDEX_SETTINGS

    class Meta:
        # The body's terms are searched but never read back; keep them out of the stored source.
        source = MetaField(excludes=["body_terms"])


def index_body() -> dict:
    """Settings (analysis) and mappings of the index, as sent when it is created."""
    index = Index("portal-search")
    index.settings(**INDEX_SETTINGS)
    index.document(PortalDocument)
    return index.to_dict()


def source_of(doc) -> dict:
    """The stored fields of one document."""
    return {
        "key": doc.key, "kind": doc.kind, "locale": doc.locale, "object_id": doc.object_id,
        "translation_key": doc.translation_key, "title": doc.title, "subtitle": doc.subtitle, "url": doc.url,
        "body": doc.body, "date": doc.date.isoformat() if doc.date else None, "boost": doc.boost,
        "title_terms": doc.title_terms, "author_terms": doc.author_terms, "alt_terms": doc.alt_terms,
        "body_terms": doc.body_terms,
    }
