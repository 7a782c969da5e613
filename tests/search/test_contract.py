"""The contract every search backend honours, run on the sample of the recommended list (150 titles × 3 languages,
with their authors; the `booklist` fixture) and on the guidelines, digests, events, exhibitions and videos each test
builds: every spelling finds the book among its near neighbours, results are typed and highlighted, and nothing
that is not live and public is ever returned."""

import pytest
from wagtail.models import Page, PageViewRestriction

from content_models.books.models import Author, BookPage
from search.queries import QueryError, autocomplete, search_pages
from tests.factories import make_book

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booklist")]

ABAI_JOLY = 24  # «Абай жолы» / «Путь Абая» / "The Path of Abai", Мұхтар Әуезов


def book_id(list_no: int, language: str) -> int:
    return BookPage.objects.get(list_no=list_no, locale__language_code=language).pk


def first_book(results):
    return next((hit for hit in results.hits if hit.kind == "book"), None)


@pytest.mark.parametrize("query", [
    "Абай жолы",          # Kazakh, as written
    "абай жолы",          # lower case
    "Путь Абая",          # the Russian title
    "The Path of Abai",   # the English title
    "Abai joly",          # Latin 2021
    "Abaı joly",          # Latin 2018
    "Abai zholy",         # plain ASCII
    "Абаи жолы",          # a phone without Kazakh letters
    "Абай жолының",       # inflected (genitive)
    "Абай жолв",          # a typo in a short word: found through the other word
])
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_every_spelling_finds_the_book_in_the_sites_language(backend, query, language):
    results = search_pages(query=query, locale=language)
    top = first_book(results)
    assert top is not None, query
    assert top.id == book_id(ABAI_JOLY, language)
    assert top.locale == language
    assert results.hits.index(top) <= 1  # first, or second after the author's own entry


@pytest.mark.parametrize("query,list_no", [
    ("Ауэзов Абай жолы", ABAI_JOLY),    # Russian-style spelling of Әуезов
    ("Кобыланды батыр", 2),             # қ typed as к
    ("Кыз Жибек", 3),
    ("Qyz Jıbek", 3),
    ("Kozy Korpesh Bayan Sulu", 4),
    ("Қобыланды батырдың", 2),          # inflected
    ("Алпамс батыр", 1),                # one letter missing in a 7-letter word
    ("Алпамыш батыр", 1),               # one letter wrong
])
def test_spellings_inflections_and_typos_find_their_title_first(backend, query, list_no):
    assert first_book(search_pages(query=query, locale="kk")).id == book_id(list_no, "kk")


def test_an_author_in_any_spelling_finds_the_author_and_all_their_books(backend):
    for query in ("Мұхтар Әуезов", "Ауэзов", "Auezov", "Äuezov", "Ауезов"):
        results = search_pages(query=query, locale="kk")
        assert results.hits[0].kind == "author", query
        assert results.hits[0].url.startswith("/kk/books/?author=")
        books = {hit.id for hit in results.hits if hit.kind == "book"}
        assert {book_id(number, "kk") for number in (24, 25, 26)} <= books, query


def test_typos_are_tolerated_only_in_words_of_five_letters_or_more(backend):
    assert search_pages(query="Көксерік", locale="kk").total > 0  # Көксерек with one wrong letter
    assert search_pages(query="Қызз Жібек", locale="kk").total > 0  # 4-letter word + 1: through Жібек
    assert search_pages(query="Жібк", locale="kk").total == 0  # 4 letters: no typo tolerance


def test_matching_words_are_highlighted_in_title_and_passage(backend, refresh_index, page_with_text):
    refresh_index(lambda: page_with_text("guideline", "Жыл сайын кітапхана қорын тексеріп, тозған кітаптарды есептен шығарыңыз.", title="Қорды есепке алу"))
    hit = first_book(search_pages(query="батырдың", locale="kk"))
    assert "<mark>" in hit.title_html
    assert "<mark>Батыр</mark>" in hit.title_html or "<mark>батыр</mark>" in hit.title_html
    results = search_pages(query="кітапхана қоры", locale="kk", types=["guideline"])
    assert results.hits and all(hit.kind == "guideline" for hit in results.hits)
    assert "<mark>" in results.hits[0].snippet


def test_highlighting_escapes_the_text(backend):
    hit = search_pages(query="Абай жолы", locale="kk").hits[0]
    assert "<script" not in hit.title_html and "<mark>" in hit.title_html


def test_type_filter_and_facets(backend, refresh_index, page_with_text):
    for kind in ("guideline", "digest", "video"):
        refresh_index(lambda kind=kind: page_with_text(kind, "Мектеп кітапханасы оқырмандарға арналған."))
    everything = search_pages(query="кітапхана", locale="kk")
    assert len(everything.facets) >= 3
    assert {"page", "guideline", "digest", "video"} <= set(everything.facets)  # the sections' pages and the built ones
    assert sum(everything.facets.values()) == everything.total
    videos = search_pages(query="кітапхана", locale="kk", types=["video"])
    assert videos.total == everything.facets["video"]
    assert {hit.kind for hit in videos.hits} == {"video"}
    with pytest.raises(ValueError):
        search_pages(query="кітапхана", locale="kk", types=["novel"])


@pytest.mark.parametrize("kind,text,query", [
    ("guideline", "Жаңа түскен кітаптарды электрондық каталогқа енгізіңіз.", "электрондық каталог"),  # body
    ("digest", "Тоқсандық дайджест жаңа оқу жылына арналған басылымдарды ұсынады.", "тоқсандық дайджест"),  # introduction
    ("event", "Мектеп кітапханасы күні оқырмандармен кездесу өтеді.", "Мектеп кітапханасы күні"),  # description
    ("exhibition", "Ертегілер еліне саяхат", "ертегілер еліне саяхат"),  # theme
    ("video", "Жаңа кітаптарды ұсынылған тізімнен таңдаймыз.", "жаңа кітаптарды ұсынылған тізімнен"),  # transcript
])
def test_every_kind_of_content_is_searchable_by_its_own_text(backend, refresh_index, page_with_text, kind, text, query):
    page = refresh_index(lambda: page_with_text(kind, text))
    results = search_pages(query=query, locale="kk", types=[kind])
    assert results.total >= 1, query
    assert results.hits[0].kind == kind
    assert results.hits[0].id == page.pk


def test_pagination_has_no_overlap_and_a_stable_order(backend):
    first = search_pages(query="кітап", locale="kk", limit=5, offset=0)
    second = search_pages(query="кітап", locale="kk", limit=5, offset=5)
    assert first.total > 10
    assert not {hit.key for hit in first.hits} & {hit.key for hit in second.hits}
    assert [hit.key for hit in search_pages(query="кітап", locale="kk", limit=10).hits] == [hit.key for hit in first.hits + second.hits]


def test_the_other_languages_matches_are_offered(backend):
    results = search_pages(query="Путь Абая", locale="kk")
    assert results.other_locales.get("ru", 0) >= 1


def test_a_query_found_only_in_another_language_counts_there(backend):
    results = search_pages(query="рекомендации", locale="kk")  # «Методические рекомендации», the Russian guidance section
    assert results.other_locales.get("ru", 0) >= 1


def test_nothing_found_suggests_the_nearest_known_words(backend):
    results = search_pages(query="Көксереккк", locale="kk")  # two letters too many
    assert results.total == 0
    assert results.suggestion == "Көксерек"
    assert search_pages(query=results.suggestion, locale="kk").total > 0


def test_no_suggestion_for_gibberish(backend):
    results = search_pages(query="щщщзззхххъ", locale="kk")
    assert results.total == 0 and results.suggestion is None


def test_when_no_result_has_every_word_results_with_some_of_them_are_shown(backend):
    results = search_pages(query="Көксерек заңғарқұбылыс", locale="kk")
    assert results.partial is True
    assert first_book(results).id == book_id(25, "kk")


@pytest.mark.parametrize("query", ["", "   ", "!!! ...", "x" * 201])
def test_empty_and_over_long_queries_are_refused(backend, query):
    with pytest.raises(QueryError):
        search_pages(query=query, locale="kk")


def test_autocomplete_offers_titles_and_authors_by_their_beginning(backend):
    for query in ("Абай жо", "abai zh", "Путь Аб", "Ауэз"):
        hits = autocomplete(query=query, locale="kk")
        assert hits, query
        assert {hit.kind for hit in hits} <= {"book", "author"}
    titles = [hit.title for hit in autocomplete(query="Абай жо", locale="kk")]
    assert titles[0] == "Абай жолы"
    assert any(hit.kind == "author" and "Әуезов" in hit.title for hit in autocomplete(query="Ауэз", locale="kk"))


# ---------------------------------------------------------------- what never leaks
def titles_found(query, language="kk"):
    return [hit.title for hit in search_pages(query=query, locale=language).hits]


def test_a_draft_is_not_found_until_it_is_published_and_not_after_unpublishing(backend, refresh_index):
    draft = refresh_index(lambda: make_book(9001, "Жасырын жобаның кітабы", live=False))
    assert "Жасырын жобаның кітабы" not in titles_found("Жасырын жобаның кітабы")
    refresh_index(lambda: draft.save_revision().publish())
    assert "Жасырын жобаның кітабы" in titles_found("Жасырын жобаның кітабы")
    refresh_index(lambda: BookPage.objects.get(pk=draft.pk).unpublish())
    assert "Жасырын жобаның кітабы" not in titles_found("Жасырын жобаның кітабы")


def test_an_unpublished_revision_of_a_live_page_is_not_found(backend, refresh_index):
    page = refresh_index(lambda: make_book(9002, "Жарияланған атау"))
    page = BookPage.objects.get(pk=page.pk)
    page.title = "Жарияланбаған құпиясөзбен атау"
    page.annotation = "<p>Жобаның ішкі құпиясөзі</p>"
    refresh_index(lambda: page.save_revision())
    assert "Жарияланбаған құпиясөзбен атау" not in titles_found("Жарияланбаған құпиясөзбен атау")
    assert page.pk not in [hit.id for hit in search_pages(query="құпиясөзбен", locale="kk").hits]
    assert page.pk not in [hit.id for hit in search_pages(query="құпиясөзі", locale="kk").hits]
    assert "Жарияланған атау" in titles_found("Жарияланған атау")


def test_private_pages_and_pages_under_them_are_not_found(backend, refresh_index, section, page_with_text):
    guidance = section("guidance", "kk")
    refresh_index(lambda: page_with_text("guideline", "Жаңа түскен кітаптарды электрондық каталогқа енгізіңіз."))
    before = search_pages(query="электрондық каталог", locale="kk", types=["guideline"]).total
    assert before >= 1
    restriction = refresh_index(lambda: PageViewRestriction.objects.create(page=guidance, restriction_type="password", password="secret"))
    assert search_pages(query="электрондық каталог", locale="kk", types=["guideline"]).total == 0
    refresh_index(restriction.delete)
    assert search_pages(query="электрондық каталог", locale="kk", types=["guideline"]).total == before


def test_pages_under_an_unpublished_section_are_not_found(backend, refresh_index, section, page_with_text):
    refresh_index(lambda: page_with_text("video", "Кітапханашы қорды жаңарту жоспарын түсіндіреді."))
    videos = section("videos", "kk")  # read after the video was added under it
    assert search_pages(query="қорды жаңарту", locale="kk", types=["video"]).total >= 1
    refresh_index(videos.unpublish)
    assert search_pages(query="қорды жаңарту", locale="kk", types=["video"]).total == 0
    refresh_index(lambda: Page.objects.get(pk=videos.pk).specific.save_revision().publish())
    assert search_pages(query="қорды жаңарту", locale="kk", types=["video"]).total >= 1


def test_a_deleted_page_is_gone(backend, refresh_index):
    page = refresh_index(lambda: make_book(9003, "Өшірілетін кітап"))
    assert titles_found("Өшірілетін кітап") == ["Өшірілетін кітап"] or "Өшірілетін кітап" in titles_found("Өшірілетін кітап")
    refresh_index(lambda: Page.objects.get(pk=page.pk).delete())
    assert "Өшірілетін кітап" not in titles_found("Өшірілетін кітап")


def test_a_deleted_translation_no_longer_finds_the_other_languages_pages(backend, refresh_index, locales):
    book = refresh_index(lambda: make_book(9004, "Жұлдызды түн"))
    translated = book.copy_for_translation(locales["ru"])
    translated.title = "Звёздная ночь сказочника"
    refresh_index(lambda: translated.save_revision().publish())
    assert search_pages(query="Звёздная ночь сказочника", locale="kk").hits[0].title == "Жұлдызды түн"
    refresh_index(lambda: Page.objects.get(pk=translated.pk).delete())
    assert "Жұлдызды түн" not in [hit.title for hit in search_pages(query="сказочника", locale="kk").hits]


def test_a_renamed_author_is_found_by_the_new_name(backend, refresh_index):
    author = Author.objects.get(name="Мұхтар Әуезов")
    author.name = "Мұхтар Омарханұлы Әуезов"
    refresh_index(author.save)
    results = search_pages(query="Омарханұлы", locale="kk")
    assert results.total >= 4  # the author and the three books whose author line changed
    assert results.hits[0].kind == "author"


def test_a_moved_page_is_found_at_its_new_address(backend, refresh_index, section, page_with_text):
    guideline = refresh_index(lambda: page_with_text("guideline", "Қорды түгендеу тәртібі.", title="Кітапхана қорын түгендеу"))
    target = section("books", "kk")
    old_url = first_hit(guideline.title, "guideline").url
    standard = Page.objects.get(pk=section("guidance", "kk").pk)
    assert old_url.startswith(standard.url)
    # Move the whole guidance section under the books section (only to change the address).
    refresh_index(lambda: Page.objects.get(pk=standard.pk).move(target, pos="last-child"))
    new_url = first_hit(guideline.title, "guideline").url
    assert new_url != old_url and new_url.startswith(target.url)


def first_hit(query, kind):
    return search_pages(query=query, locale="kk", types=[kind]).hits[0]
