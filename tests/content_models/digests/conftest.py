"""The digests section the tests read: two quarterly digests and an annual index built in kk and translated into ru
and en through wagtail-localize."""

import pytest

from tests.factories import make_digest, make_document, translate

IFLA = {"authors": "", "title": "IFLA School Library Guidelines. 2nd revised edition", "place": "The Hague", "publisher": "IFLA", "year": 2015, "pages": None, "url": "https://www.ifla.org/"}
IASL = {"authors": "", "place": "", "publisher": "International Association of School Librarianship (IASL)", "year": None, "pages": None, "url": "https://iasl-online.org/"}
PRIMER = {"title": "Оқу құралы", "publisher": "", "year": 1912, "pages": None, "url": ""}

ISSUES = {
    "digest-2025-q3": {
        "fields": {"kind": "digest", "year": 2025, "quarter": 3},
        "kk": {"title": "Дайджест: 2025 жылғы 3-тоқсан", "introduction": "<p>Жаңа оқу жылына арналған кітаптар.</p>", "section": "Кітапханашыға",
               "reference": {**IFLA, "annotation": "Мектеп кітапханасы туралы халықаралық ұсынымдар."}},
        "ru": {"title": "Дайджест: 3-й квартал 2025 года", "introduction": "<p>Книги к новому учебному году.</p>", "section": "Библиотекарю",
               "reference": {**IFLA, "annotation": "Международные рекомендации о школьной библиотеке."}},
        "en": {"title": "Digest: 3rd quarter 2025", "introduction": "<p>Books for the new school year.</p>", "section": "For the librarian",
               "reference": {**IFLA, "annotation": "International guidance on the school library."}},
    },
    "digest-2025-q4": {
        "fields": {"kind": "digest", "year": 2025, "quarter": 4},
        "kk": {"title": "Дайджест: 2025 жылғы 4-тоқсан", "introduction": "<p>Онкүндікке дайындалу.</p>", "section": "Мектеп кітапханалары күні",
               "reference": {**IASL, "title": "Халықаралық мектеп кітапханалары күні", "annotation": ""}},
        "ru": {"title": "Дайджест: 4-й квартал 2025 года", "introduction": "<p>Подготовка к декаде.</p>", "section": "День школьных библиотек",
               "reference": {**IASL, "title": "Международный день школьных библиотек", "annotation": ""}},
        "en": {"title": "Digest: 4th quarter 2025", "introduction": "<p>Preparing the festival.</p>", "section": "School Library Day",
               "reference": {**IASL, "title": "International School Library Month and Day", "annotation": ""}},
    },
    "bibliographic-index-2024": {
        "fields": {"kind": "index", "year": 2024, "quarter": None},
        "kk": {"title": "Педагогика бойынша библиографиялық көрсеткіш, 2024", "introduction": "<p>Жылдық көрсеткіш.</p>", "section": "Қазақ педагогикасының классикасы",
               "reference": {**PRIMER, "authors": "Байтұрсынұлы А.", "place": "Орынбор", "annotation": ""}},
        "ru": {"title": "Библиографический указатель по педагогике, 2024", "introduction": "<p>Ежегодный указатель.</p>", "section": "Классика казахской педагогики",
               "reference": {**PRIMER, "authors": "Байтурсынулы А.", "place": "Оренбург", "annotation": ""}},
        "en": {"title": "Bibliographic index on pedagogy, 2024", "introduction": "<p>The annual index.</p>", "section": "Classics of Kazakh pedagogy",
               "reference": {**PRIMER, "authors": "Baitursynuly A.", "place": "Orenburg", "annotation": ""}},
    },
}


def _entries(texts) -> list:
    """The entries' block values in order: a section heading and one bibliographic reference."""
    return [texts["section"], texts["reference"]]


@pytest.fixture
def digests(section) -> dict:
    """Three live issues in kk, ru and en (the kk pages by slug), published in this order: the digests of the 3rd and
    the 4th quarter of 2025 (the 4th with a PDF edition) and the bibliographic index of 2024, each with a section
    heading and one reference (the 3rd quarter's: the IFLA School Library Guidelines)."""
    parent = section("digests", "kk")
    pages = {}
    for slug, issue in ISSUES.items():
        kk = issue["kk"]
        pdf = make_document(f"{slug}.pdf", title=kk["title"]) if slug == "digest-2025-q4" else None
        page = make_digest(
            parent, slug, title=kk["title"], introduction=kk["introduction"], pdf=pdf, **issue["fields"],
            entries=[{"type": block_type, "value": value} for block_type, value in zip(("section", "reference"), _entries(kk), strict=True)],
        )
        translate(page, **{
            code: {"title": issue[code]["title"], "introduction": issue[code]["introduction"], "entries": _entries(issue[code])} for code in ("ru", "en")
        })
        pages[slug] = page
    return pages
