"""Matching holdings rows with the sample list (150 titles in kk, ru and en): ISBN, spellings, near misses."""

import pytest

from content_models.books.models import BookPage
from content_models.core.versions import bump_version
from content_models.holdings.matching import MATCH_THRESHOLD, POSSIBLE_THRESHOLD, list_index

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("booklist")]


def match(title, author="", isbn=""):
    return list_index().match(title, author, isbn)


@pytest.mark.parametrize("title, author", [
    ("Абай жолы", "Мұхтар Әуезов"),  # as on the list
    ("АБАЙ ЖОЛЫ", "ӘУЕЗОВ М."),  # case, initials
    ("Абай жолы. 1-кітап", "Әуезов М. О."),  # volume marker
    ("Абай жолы : роман-эпопея. Т. 2", "Мұхтар Омарханұлы Әуезов"),  # subtitle, volume, patronymic
    ("«Абай жолы» / М. Әуезов", ""),  # quotes and the statement of responsibility
    ("Абай жолы (в 2-х томах)", "Auezov, Mukhtar"),
    ("Abai joly", "Auezov M."),  # Latin
    ("Abaı joly", "Áýezov M."),  # Latin 2018
    ("Абаи жолы", "Ауезов"),  # typed without Kazakh letters
    ("Путь Абая. Книга 1", "Ауэзов М. О."),  # the Russian title
    ("The Path of Abai", "Mukhtar Auezov"),  # the English title
])
def test_every_spelling_of_a_title_finds_it(title, author):
    outcome = match(title, author)
    assert (outcome.status, outcome.list_no) == ("matched", 24)
    assert outcome.score >= MATCH_THRESHOLD


@pytest.mark.parametrize("title, author, number", [
    ("Қара сөздер", "Құнанбаев А.", 12),  # Russian-style surname of Абай Құнанбайұлы
    ("Kara sozder", "Abai Kunanbaiuly", 12),
    ("Қырық мысал", "Байтурсынов А.", 16),  # Байтұрсынұлы
    ("Батыр Баян", "Magzhan Zhumabayev", 20),
    ("Преступление и наказание", "Достоевский Ф. М.; пер. с рус. А. Иванов", 141),  # a translator after the author
    ("Ромео и Джульетта", "Шекспир В.", 127),
    ("Ақ Азу", "Лондон Дж.; ауд. Б. Перов", 114),  # a translator after «ауд.»
    ("Қыз Жібек", "Халық ауыз әдебиеті", 3),
    ("Kyz Zhibek", "", 3),  # no author in the row, one title of the list has it
    ("Қозы Көрпеш және Баян сұлу", "", 4),  # "және" for the dash
])
def test_authors_in_other_spellings_and_scripts_agree(title, author, number):
    outcome = match(title, author)
    assert (outcome.status, outcome.list_no) == ("matched", number)


def test_isbn_10_and_isbn_13_of_the_same_book_match():
    BookPage.objects.filter(list_no=25).update(isbn="9786017012342")
    bump_version("books")
    for code in ("601-7012-34-7", "6017012347", "978-601-7012-34-2", "ISBN 9786017012342"):
        outcome = match("Сұр жыртқыш", "", code)  # the title is written unrecognisably; the ISBN decides
        assert (outcome.status, outcome.list_no, outcome.method) == ("matched", 25, "isbn")
    # An ISBN the list does not have leaves the title to decide.
    assert match("Көксерек", "Әуезов М.", "978-5-00000-001-4").list_no == 25


@pytest.mark.parametrize("title, author, number", [
    ("Абай жолдары", "Әуезов", 24),  # another word form
    ("Қарасөздер", "Абай", 12),  # words run together
    ("Абай жолы", "Мағауин М.", 24),  # the title of the list by another author
    ("Алдар Көсенің ертегілері", "", 6),
    ("Маленький принс", "Экзюпери", 111),  # one letter off
    ("Мен", "Иванов И.", 55),  # a one-word title of the list, another author
    ("Ескендір", "Әуезов М.", 13),  # Абай's title under another author of the list
])
def test_near_misses_need_confirmation(title, author, number):
    outcome = match(title, author)
    assert (outcome.status, outcome.list_no) == ("possible", number)
    assert POSSIBLE_THRESHOLD <= outcome.score < MATCH_THRESHOLD


@pytest.mark.parametrize("title, author", [
    ("Физика. 7 сынып", "Башарұлы Р."),
    ("Гарри Поттер и тайная комната", "Роулинг Дж."),  # same author and series, another book
    ("Қазақ ертегілері", ""),  # shares one common word with «Алдар Көсе ертегілері»
    ("Сказки", "Пушкин А. С."),
    ("", "Әуезов М."),
])
def test_unrelated_titles_do_not_match(title, author):
    assert match(title, author).status == "none"


def test_the_index_follows_the_list():
    assert match("Көксерек", "Әуезов").list_no == 25
    BookPage.objects.filter(list_no=25).update(edition_removed=2025)  # as import_booklist --retire-missing does
    bump_version("books")
    assert match("Көксерек", "Әуезов").status == "none"  # titles that left the list are not on it
