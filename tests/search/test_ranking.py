"""Ranking of candidates (pure): the whole title first, title words before author words before text."""

from search.backends.base import Candidate
from search.ranking import rank, word_quality
from search.terms import index_terms, parse_query


def candidate(doc_id, title, *, kind="book", authors="", alt="", rank_=0.0):
    return Candidate(
        id=doc_id, key=f"page:{doc_id}", kind=kind, locale="kk", object_id=doc_id, translation_key="", title=title,
        subtitle=authors, url=f"/kk/{doc_id}/", date=None, title_terms=" ".join(index_terms(title)),
        author_terms=" ".join(index_terms(authors)), alt_terms=" ".join(index_terms(alt)), rank=rank_,
    )


def titles(candidates, query):
    return [c.title for c in rank(candidates, parse_query(query))]


def test_the_exact_title_beats_a_longer_title_with_the_same_words():
    found = [candidate(1, "Абай жолы: Дала Таң 151", rank_=5), candidate(2, "Абай жолы", rank_=1)]
    assert titles(found, "Абай жолы")[0] == "Абай жолы"


def test_a_title_match_beats_an_author_match_beats_a_text_match():
    found = [
        candidate(1, "Ертегілер жинағы", authors="Батыр Оспанов"),
        candidate(2, "Мұғалімге арналған нұсқаулық", kind="guideline"),
        candidate(3, "Қобыланды батыр"),
    ]
    assert titles(found, "батыр") == ["Қобыланды батыр", "Ертегілер жинағы", "Мұғалімге арналған нұсқаулық"]


def test_exact_beats_prefix_beats_typo():
    assert word_quality(parse_query("батыр")[0], {"batir"}) > word_quality(parse_query("батыр")[0], {"batirlik"}) > 0
    assert word_quality(parse_query("Алпамыс")[0], {"alpamis"}) > word_quality(parse_query("Алпамс")[0], {"alpamis"}) > 0
    assert word_quality(parse_query("Абай")[0], {"kozi"}) == 0


def test_an_other_language_title_typed_whole_wins():
    found = [candidate(1, "Путь", alt="put"), candidate(2, "Абай жолы", alt="Путь Абая The Path of Abai")]
    assert titles(found, "Путь Абая")[0] == "Абай жолы"


def test_the_author_entry_leads_for_a_name():
    found = [candidate(1, "Абай жолы", authors="Мұхтар Әуезов"), candidate(2, "Мұхтар Әуезов", kind="author")]
    assert titles(found, "Әуезов")[0] == "Мұхтар Әуезов"


def test_ties_are_broken_by_the_backend_relevance_then_order_is_stable():
    found = [candidate(1, "Қыз Жібек", rank_=1.0), candidate(2, "Қыз Жібек", rank_=2.0)]
    assert [c.id for c in rank(found, parse_query("Жібек"))] == [2, 1]
    assert [c.id for c in rank(found, parse_query("Жібек"))] == [2, 1]
