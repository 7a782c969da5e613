"""Highlighting and passages (pure functions)."""

from search.highlight import Matcher, mark, snippet
from search.terms import parse_query


def matcher(query):
    return Matcher(parse_query(query))


def test_marks_every_spelling_and_inflection_of_the_query_words():
    html, count = mark("Мұхтар Әуезовтің «Абай жолы» романы", matcher("Ауэзов абай"))
    assert html == "Мұхтар <mark>Әуезовтің</mark> «<mark>Абай</mark> жолы» романы"
    assert count == 2


def test_marks_a_one_letter_typo_and_a_prefix():
    assert mark("Алпамыс батыр", matcher("Алпамс"))[0] == "<mark>Алпамыс</mark> батыр"
    assert mark("Қобыланды батыр", Matcher(parse_query("Қобыл", typing=True)))[0] == "<mark>Қобыланды</mark> батыр"


def test_text_is_escaped_around_the_marks():
    html, _count = mark("<b>Абай</b> & жолы", matcher("Абай"))
    assert html == "&lt;b&gt;<mark>Абай</mark>&lt;/b&gt; &amp; жолы"


def test_no_match_leaves_the_text_unmarked():
    assert mark("Қыз Жібек", matcher("Абай")) == ("Қыз Жібек", 0)


def test_the_passage_is_the_sentence_with_most_matches():
    text = ("Кіріспе сөйлем мұнда тұр. " * 30) + "Кітапхана қорын жаңарту туралы маңызды сөйлем. Соңғы сөйлем."
    passage = snippet(text, matcher("кітапхана қоры"))
    assert passage.startswith("… ")
    assert "<mark>Кітапхана</mark> <mark>қорын</mark>" in passage
    assert len(passage) < 320


def test_without_a_match_the_passage_is_the_beginning_unmarked():
    text = "Бірінші сөйлем. " + "Екінші сөйлем. " * 40
    passage = snippet(text, matcher("Абай"))
    assert passage.startswith("Бірінші сөйлем.") and "<mark>" not in passage and passage.endswith("…")


def test_a_short_text_is_returned_whole():
    assert snippet("Абай жолы", matcher("жолы")) == "Абай <mark>жолы</mark>"
    assert snippet("", matcher("жолы")) == ""
