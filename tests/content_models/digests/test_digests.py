"""Digests and bibliographic indexes: tree, admin create, quarter rule, entries, year groups, feeds, API (over the
issues of the `digests` fixture, see conftest.py, or pages the test builds)."""

import re
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.models import PageViewRestriction
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from content_models.digests.models import DigestIndexPage, DigestPage, citation_parts, citation_text
from tests.factories import make_book, make_digest

pytestmark = pytest.mark.django_db


class DigestPageTests(WagtailPageTestCase):
    def setUp(self):
        self.user = self.login()
        self.section = DigestIndexPage.objects.get(locale__language_code="kk")

    def test_digests_live_only_in_the_digests_section(self):
        self.assertAllowedParentPageTypes(DigestPage, {DigestIndexPage})
        self.assertAllowedSubpageTypes(DigestIndexPage, {DigestPage})

    def test_editor_creates_a_quarterly_digest_in_the_admin(self):
        book = make_book(911, "Көксерек")
        self.assertCanCreate(self.section, DigestPage, nested_form_data({
            "title": "Дайджест: 2026 жылғы 1-тоқсан", "slug": "digest-2026-q1", "kind": "digest", "year": "2026", "quarter": "1",
            "introduction": rich_text("Жаңа шығарылым."), "pdf": "",
            "entries": streamfield([
                ("section", "Тізімнен"),
                ("book", {"book": book.pk, "annotation": ""}),
                ("reference", {"authors": "Байтұрсынұлы А.", "title": "Оқу құралы", "place": "Орынбор", "publisher": "", "year": "1912", "pages": "", "url": "", "annotation": ""}),
            ]),
        }))
        page = DigestPage.objects.get(slug="digest-2026-q1")
        self.assertEqual(page.entry_count, 2)

    def test_a_digest_renders(self):
        self.assertPageIsRenderable(make_digest(self.section, "renders"))


def _digest(section, **fields):
    page = DigestPage(title="t", slug="t", entries=[], **fields)
    page.locale = section.locale
    return page


@pytest.mark.parametrize(
    ("kind", "quarter", "error"),
    [("digest", None, "A quarterly digest needs its quarter."), ("index", 2, "covers the whole year")],
)
def test_quarter_is_required_for_digests_and_forbidden_for_indexes(section, kind, quarter, error):
    page = _digest(section("digests"), kind=kind, year=2025, quarter=quarter)
    with translation.override("en"):
        with pytest.raises(ValidationError) as raised:
            page.clean()
        assert error in " ".join(raised.value.message_dict["quarter"])


def test_valid_digest_and_index_pass_and_a_second_issue_of_the_same_quarter_is_refused(section):
    parent = section("digests")
    _digest(parent, kind="digest", year=2030, quarter=2).clean()
    _digest(parent, kind="index", year=2030, quarter=None).clean()
    make_digest(parent, "q2-2030", year=2030, quarter=2)
    with pytest.raises(ValidationError) as raised:
        _digest(parent, kind="digest", year=2030, quarter=2).clean()
    assert "year" in raised.value.message_dict


def test_citations_follow_one_bibliographic_style():
    parts = citation_parts(authors="Байтұрсынұлы А.", title="Оқу құралы", place="Орынбор", year=1912, pages=64)
    with translation.override("kk"):
        assert citation_text(parts) == "Байтұрсынұлы А. Оқу құралы. – Орынбор, 1912. – 64 б."
    with translation.override("ru"):
        assert citation_text({**parts, "publisher": "Типография"}) == "Байтұрсынұлы А. Оқу құралы. – Орынбор : Типография, 1912. – 64 с."


def test_book_entries_and_references_render_alike_and_unpublished_books_are_skipped(client, section):
    live = make_book(912, "Абай жолы")
    draft = make_book(913, "Жоба кітап", live=False)
    make_digest(section("digests"), "styled", year=2031, quarter=1, entries=[
        {"type": "book", "value": {"book": live.pk, "annotation": "Роман-эпопея."}},
        {"type": "book", "value": {"book": draft.pk, "annotation": ""}},
        {"type": "reference", "value": {"authors": "Иванова Н. П.", "title": "Мектеп кітапханасы", "place": "Астана", "publisher": "Фолиант", "year": 2020, "pages": 120}},
    ])
    html = client.get("/kk/digests/styled/").content.decode()
    citations = [unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r'<p class="citation">(.*?)</p>', html)]
    assert citations == [
        "Мұхтар Әуезов. Абай жолы. – Жазушы, 2019.",
        "Иванова Н. П. Мектеп кітапханасы. – Астана : Фолиант, 2020. – 120 б.",
    ]
    assert f'<cite><a href="{live.url}">Абай жолы</a></cite>' in html
    assert "Жоба кітап" not in html
    assert '<li id="entry-2">' in html


@pytest.mark.parametrize(
    ("language", "title", "heading", "annotation"),
    [
        ("kk", "Дайджест: 2025 жылғы 3-тоқсан", "Кітапханашыға", "Мектеп кітапханасы туралы халықаралық ұсынымдар."),
        ("ru", "Дайджест: 3-й квартал 2025 года", "Библиотекарю", "Международные рекомендации о школьной библиотеке."),
        ("en", "Digest: 3rd quarter 2025", "For the librarian", "International guidance on the school library."),
    ],
)
def test_a_translated_digest_renders_in_each_language(client, digests, language, title, heading, annotation):
    html = client.get(f"/{language}/digests/digest-2025-q3/").content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{title}</h1>" in html
    assert f'<h2 id="group-1">{heading}</h2>' in html
    assert "<cite>IFLA School Library Guidelines. 2nd revised edition</cite>" in html
    assert f'<p class="citation__annotation">{annotation}</p>' in html


def test_index_groups_issues_by_year_newest_year_first(client, digests):
    html = client.get("/en/digests/").content.decode()
    years = re.findall(r'<h2 id="year-(\d+)">', html)
    assert years == ["2025", "2024"]
    section_2025 = html.split('id="year-2025"')[1].split('id="year-2024"')[0]
    assert section_2025.index("Digest: 4th quarter 2025") < section_2025.index("Digest: 3rd quarter 2025")
    assert "Bibliographic index on pedagogy, 2024" in html.split('<h2 id="year-2024">')[1]


def test_index_filters_by_kind(client, digests):
    html = client.get("/ru/digests/?kind=index").content.decode()
    assert "Библиографический указатель по педагогике, 2024" in html and "Дайджест: 3-й квартал" not in html


def test_index_query_count_does_not_grow_with_issues(client, section, django_assert_max_num_queries):
    for number in range(8):
        make_digest(section("digests"), f"many-{number}", year=2040 + number, quarter=1)
    assert len(re.findall(r'<li class="card digest-card">', client.get("/kk/digests/").content.decode())) == 8
    with django_assert_max_num_queries(25):
        assert client.get("/kk/digests/").status_code == 200


def test_feed_lists_only_live_public_digests_of_its_language(client, section, digests):
    parent = section("digests", "kk")
    draft = make_digest(parent, "draft-digest", year=2032, quarter=1, live=False)
    private = make_digest(parent, "private-digest", year=2032, quarter=2)
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="x")
    response = client.get("/kk/digests/feed/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    rss = response.content.decode()
    assert "<title>Дайджест: 2025 жылғы 3-тоқсан</title>" in rss
    assert draft.slug not in rss and private.slug not in rss
    assert "3-й квартал" not in rss
    atom = client.get("/ru/digests/feed/atom/")
    assert atom["Content-Type"].startswith("application/atom+xml")
    body = atom.content.decode()
    assert 'xml:lang="ru"' in body and "Дайджест: 3-й квартал 2025 года" in body and "/ru/digests/digest-2025-q3/" in body


def test_index_page_advertises_its_feeds(client):
    head = client.get("/en/digests/").content.decode().split("</head>")[0]
    assert '<link rel="alternate" type="application/rss+xml"' in head and 'href="/en/digests/feed/"' in head
    assert 'href="/en/digests/feed/atom/"' in head


def test_digest_api_fields_are_exactly_the_declared_ones(client, digests):
    page = DigestPage.objects.get(locale__language_code="ru", slug="digest-2025-q4")
    data = client.get(f"/api/v3/pages/{page.pk}/").json()
    assert set(data) - {"id", "title", "meta"} == {field.name for field in DigestPage.api_fields}
    assert data["meta"]["locale"] == "ru"
    assert data["kind"] == {"code": "digest", "label": "Квартальный дайджест"}
    assert data["year"] == 2025 and data["quarter"] == 4
    assert data["pdf"]["url"].startswith("http://") and data["pdf"]["file_type"] == "pdf"
    reference = next(entry for entry in data["entries"] if entry["type"] == "reference")
    assert reference["value"]["citation"].startswith("Международный день школьных библиотек.")
    index = DigestPage.objects.get(locale__language_code="en", slug="bibliographic-index-2024")
    assert client.get(f"/api/v3/pages/{index.pk}/").json()["quarter"] is None


def test_book_entry_in_the_api_is_null_when_the_book_is_unpublished(client, section):
    draft = make_book(914, "Жоба", live=False)
    page = make_digest(section("digests"), "api-draft-book", year=2033, quarter=1, entries=[{"type": "book", "value": {"book": draft.pk, "annotation": ""}}])
    assert client.get(f"/api/v3/pages/{page.pk}/").json()["entries"][0]["value"] is None
