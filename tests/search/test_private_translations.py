"""An unpublished or view-restricted page lends nothing to any document of the portal index: not its own, not its
translations' (which carry the other languages' titles so a page is found in any language), not the counts of
the other languages. Every kind of block (unpublished, password, login, groups) on the Kazakh source, on its
Russian translation and on an ancestor of either, through the results page and /api/v3/search/, kept in step as
the block comes and goes and the page is retitled. Over the site skeleton (no book list)."""

import json
import re

import pytest
from django.contrib.auth.models import Group
from wagtail.models import Page, PageViewRestriction

from search.models import SearchDocument
from tests.factories import DigestPageFactory, make_translated_book

pytestmark = pytest.mark.django_db

KK_TITLE, RU_TITLE = "Таңғы оқу дайджесті", "Утренний дайджест чтения"
SECRET, SECRET_AGAIN = "Жабық жиналыс хаттамасы", "Құпия кеңес жоспары"
SECRET_RU, SECRET_RU_AGAIN = "Закрытый протокол совещания", "Секретный план совета"

KINDS = ("unpublished", "password", "login", "groups")
PLACES = ("source", "translation", "source_ancestor", "translation_ancestor")


@pytest.fixture
def digest(locales):
    kk = DigestPageFactory(title=KK_TITLE, slug="tangy-oqu", introduction="<p>Балаларға арналған кітаптар шолуы.</p>")
    ru = kk.copy_for_translation(locales["ru"], copy_parents=False)
    ru.title, ru.introduction = RU_TITLE, "<p>Обзор книг для детей.</p>"
    ru.save_revision().publish()
    return {"kk": Page.objects.get(pk=kk.pk).specific, "ru": Page.objects.get(pk=ru.pk).specific}


def block(kind: str, page: Page):
    """Block the page as ``kind`` says; returns what lifts the block."""
    if kind == "unpublished":
        Page.objects.get(pk=page.pk).specific.unpublish()
        return lambda: Page.objects.get(pk=page.pk).specific.get_latest_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type={"password": "password", "login": "login", "groups": "groups"}[kind],
        password="secret" if kind == "password" else "",
    )
    if kind == "groups":
        restriction.groups.add(Group.objects.get_or_create(name="Әдіскерлер")[0])
    return lambda: PageViewRestriction.objects.get(pk=restriction.pk).delete()


def retitle(page: Page, title: str, *, publish: bool = True) -> None:
    page = Page.objects.get(pk=page.pk).specific
    page.title = title
    revision = page.save_revision()
    if publish:
        revision.publish()


def api(client, query, locale):
    response = client.get("/api/v3/search/", {"q": query, "locale": locale})
    assert response.status_code == 200
    return response.json()


def html_titles(client, query, locale):
    html = client.get(f"/{locale}/search/", {"q": query}).content.decode()
    titles = [re.sub(r"<[^>]+>", "", title) for title in re.findall(r'<h3 class="search-result__title"><a href="[^"]*">(.*?)</a></h3>', html)]
    return titles, "search-other-languages" in html


def nothing_anywhere(client, query, pages):
    """No language finds anything for ``query``, none reports results in another language, no stored document
    carries the words."""
    for locale in ("kk", "ru", "en"):
        data = api(client, query, locale)
        assert data["count"] == 0 and data["items"] == [], (query, locale, data["items"])
        assert data["other_locales"] == {}, (query, locale)
        titles, others = html_titles(client, query, locale)
        assert titles == [] and not others, (query, locale, titles)
        suggested = client.get("/api/v3/search/autocomplete/", {"q": query.split()[0], "locale": locale}).json()["items"]
        assert suggested == [], (query, locale, suggested)
    for page in pages:
        for doc in SearchDocument.objects.filter(translation_key=str(page.translation_key)):
            assert query.split()[0].lower() not in f"{doc.title} {doc.alt_terms} {doc.body}".lower(), doc.key


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("kind", KINDS)
def test_a_blocked_page_lends_nothing_to_its_translations(client, digest, kind, place):
    language = "kk" if place.startswith("source") else "ru"
    other = "ru" if language == "kk" else "kk"
    page, twin = digest[language], digest[other]
    secret, secret_again = (SECRET, SECRET_AGAIN) if language == "kk" else (SECRET_RU, SECRET_RU_AGAIN)
    # Before: each language finds the other's page by its own title, and counts it in other_locales.
    assert [item["id"] for item in api(client, KK_TITLE, "ru")["items"]] == [digest["ru"].pk]
    assert api(client, RU_TITLE, "kk")["other_locales"] == {"ru": 1}

    retitle(page, secret)
    assert [item["id"] for item in api(client, secret, other)["items"]] == [twin.pk]
    target = Page.objects.get(pk=page.pk).get_parent() if place.endswith("ancestor") else page
    lift = block(kind, target)

    nothing_anywhere(client, secret, digest.values())
    assert not SearchDocument.objects.filter(key=f"page:{page.pk}").exists()
    # The public translation is still found by its own title, with nothing of the blocked page.
    own = RU_TITLE if other == "ru" else KK_TITLE
    data = api(client, own, other)
    assert [item["id"] for item in data["items"]] == [twin.pk] and data["other_locales"] == {}
    assert html_titles(client, own, other) == ([own], False)

    if kind != "unpublished" or place.endswith("ancestor"):
        retitle(page, secret_again)  # published while blocked
    else:
        retitle(page, secret_again, publish=False)  # a draft of an unpublished page
    nothing_anywhere(client, secret_again, digest.values())

    lift()
    found = api(client, secret_again, other)
    assert [item["id"] for item in found["items"]] == [twin.pk]  # found by the blocked page's title again
    assert api(client, secret_again, language)["other_locales"] == {other: 1}
    assert html_titles(client, secret_again, language)[0] == [secret_again]


def test_unpublishing_a_section_through_a_stale_object_drops_the_pages_added_below(client, section):
    digests = section("digests", "kk")  # read before any page goes under it: its numchild is stale
    assert digests.numchild == 0
    page = DigestPageFactory(title="Жапырақтүскен шолу", slug="japyraq", year=2024)
    assert [item["id"] for item in api(client, "Жапырақтүскен", "kk")["items"]] == [page.pk]
    digests.unpublish()
    assert api(client, "Жапырақтүскен", "kk")["count"] == 0
    assert not SearchDocument.objects.filter(url__startswith=digests.url).exists()


# ---------------------------------------------------------------- what Elasticsearch is sent (no server needed)
def _sent(docs) -> set[str]:
    """Every word of what the bulk request would send for ``docs``: display text and index terms."""
    from search.backends.elasticsearch import bulk_actions

    text = json.dumps([action["_source"] for action in bulk_actions("portal-search", docs)], ensure_ascii=False).lower()
    return set(re.findall(r"\w+", text))


def _words(text: str, russian: bool) -> set[str]:
    """The text's own words and their index terms (any of them sent is a leak)."""
    from search.terms import index_terms

    words = {word.lower() for word in re.findall(r"\w+", text)} | set(index_terms(text, russian))
    return {word for word in words if len(word) > 2}  # not "на": other pages have it too


@pytest.mark.parametrize("place", ("source", "translation", "source_ancestor"))
@pytest.mark.parametrize("kind", KINDS)
def test_elasticsearch_documents_of_the_translations_carry_nothing_of_a_blocked_page(digest, kind, place):
    from search.sources import all_documents, page_documents

    language = "kk" if place.startswith("source") else "ru"
    page, twin = digest[language], digest["ru" if language == "kk" else "kk"]
    secret = SECRET if language == "kk" else SECRET_RU
    retitle(page, secret)
    words = _words(secret, language == "ru")
    assert words & _sent(page_documents([twin.pk]))  # the public translation carries it
    block(kind, Page.objects.get(pk=page.pk).get_parent() if place.endswith("ancestor") else page)
    docs = page_documents([page.pk, twin.pk])
    assert [doc.key for doc in docs] == [f"page:{twin.pk}"]
    assert not words & _sent(docs)
    everything = [doc for batch in all_documents() for doc in batch]
    assert f"page:{page.pk}" not in {doc.key for doc in everything}
    assert not words & _sent(everything)


@pytest.mark.parametrize("kind", KINDS)
def test_elasticsearch_documents_of_books_carry_nothing_of_a_blocked_translation(kind):
    from content_models.books.search import book_documents

    books = make_translated_book(
        9601, {"kk": "Көкжиектегі шамшырақ", "ru": "Маяк на горизонте"}, authors={"kk": "Асқар Сүлейменов", "ru": "Аскар Сулейменов"},
    )
    words = _words("Маяк на горизонте", True)
    assert words & _sent(book_documents([books["kk"].pk]))
    block(kind, books["ru"])
    docs = book_documents([books["kk"].pk, books["ru"].pk])
    assert [doc.key for doc in docs] == [f"page:{books['kk'].pk}"]
    assert not words & _sent(docs)
    for doc in SearchDocument.objects.all():
        assert not words & set(f"{doc.title} {doc.alt_terms} {doc.body_terms}".lower().split()), doc.key
    assert not SearchDocument.objects.filter(key=f"page:{books['ru'].pk}").exists()
