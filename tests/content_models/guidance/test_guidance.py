"""Guidelines: tree, admin create, render in each language, filters, table of contents, print, books block, API (over
the guidelines of the `guidelines` fixture, see conftest.py, or pages the test builds)."""

import datetime
import re
from html import unescape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from content_models.guidance.models import GuidanceIndexPage, GuidelinePage
from tests.factories import make_book, make_document, make_guideline, make_topic

pytestmark = pytest.mark.django_db


class GuidelinePageTests(WagtailPageTestCase):
    def setUp(self):
        self.user = self.login()
        self.section = GuidanceIndexPage.objects.get(locale__language_code="kk")

    def test_guidelines_live_only_in_the_guidance_section(self):
        self.assertAllowedParentPageTypes(GuidelinePage, {GuidanceIndexPage})
        self.assertAllowedSubpageTypes(GuidanceIndexPage, {GuidelinePage})
        self.assertAllowedSubpageTypes(GuidelinePage, set())

    def test_editor_creates_a_guideline_with_every_kind_of_block_in_the_admin(self):
        topic = make_topic("reading", "Оқу")
        document = make_document("form.pdf", title="Нысан")
        data = nested_form_data({
            "title": "Кітап көрмесін ұйымдастыру", "slug": "kitap-kormesi", "summary": "Көрме туралы қысқаша.",
            "document_type": "manual", "approval_reference": "", "approval_date": "", "last_reviewed": "2025-03-01",
            "guideline_topics": inline_formset([{"topic": topic.pk}]),
            "body": streamfield([
                ("heading", {"text": "Дайындық", "level": "h2"}),
                ("paragraph", rich_text("Көрмені алдын ала жоспарлаңыз.")),
                ("callout", {"kind": "tip", "title": "", "text": rich_text("Жарық жеткілікті болсын.")}),
                ("quote", {"text": "Кітап – білім бұлағы.", "attribution": "Мақал"}),
                ("document", {"document": document.pk, "title": "", "description": ""}),
            ]),
            "attachments": streamfield([("document", {"document": document.pk, "title": "Нысан", "description": ""})]),
            "related": streamfield([]),
        })
        data["audience"] = ["librarians", "teachers"]
        self.assertCanCreate(self.section, GuidelinePage, data)
        page = GuidelinePage.objects.get(slug="kitap-kormesi")
        self.assertEqual(page.audience_codes, ["librarians", "teachers"])
        self.assertEqual([topic.slug for topic in page.topics], ["reading"])
        self.assertEqual([block.block_type for block in page.body], ["heading", "paragraph", "callout", "quote", "document"])

    def test_a_guideline_renders(self):
        page = make_guideline(self.section, "renders")
        self.assertPageIsRenderable(page)


@pytest.mark.parametrize(
    ("language", "title", "heading"),
    [
        ("kk", "Мектеп кітапханасының қорын қалыптастыру жөніндегі нұсқаулық", "Жалпы ережелер"),
        ("ru", "Инструкция по формированию фонда школьной библиотеки", "Общие положения"),
        ("en", "Instruction on forming a school library&#x27;s collection", "General provisions"),
    ],
)
def test_a_translated_guideline_renders_in_each_language(client, guidelines, language, title, heading):
    response = client.get(f"/{language}/guidance/collection-forming-instruction/")
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert f"<h1>{title}</h1>" in html
    assert heading in html


def test_the_russian_translation_comes_from_wagtail_localize(guidelines):
    from wagtail_localize.models import StringTranslation

    assert StringTranslation.objects.filter(locale__language_code="ru", data="Порядок комплектования").exists()
    ru = GuidelinePage.objects.get(locale__language_code="ru", slug="collection-forming-instruction")
    assert ru.translation_key == guidelines["collection-forming-instruction"].translation_key
    assert [topic.name for topic in ru.topics] == ["Формирование фонда"]
    assert ru.audience_codes == ["librarians"]


def test_table_of_contents_matches_the_headings_in_order(client, guidelines):
    html = client.get("/en/guidance/collection-forming-instruction/").content.decode()
    toc = re.search(r'<nav class="toc".*?</nav>', html, re.S).group(0)
    toc_links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', toc)
    body = html.split('<div class="guideline__body prose">', 1)[1].split('<section class="attachments"', 1)[0]
    headings = re.findall(r'<h[23] id="([^"]+)">([^<]+)</h[23]>', body)
    assert toc_links == headings
    assert [text for _id, text in toc_links] == ["General provisions", "How to acquire new books", "Timetable", "Start with the recommended list"]
    flat = re.sub(r">\s+<", "><", toc)
    # The subsection (h3) nests under the section before it; the next section (h2) is back at the top level.
    assert f'How to acquire new books</a><ol><li><a href="#{toc_links[2][0]}">Timetable</a></li></ol></li><li><a href="#{toc_links[3][0]}">' in flat


def test_anchors_are_the_same_in_every_language(client, guidelines):
    def anchors(language):
        html = client.get(f"/{language}/guidance/collection-forming-instruction/").content.decode()
        return re.findall(r'<h[23] id="(s-[^"]+)"', html)

    assert anchors("kk") == anchors("ru") == anchors("en")
    assert len(anchors("kk")) == 4


def test_related_guidelines_are_linked_in_the_page_language(client, guidelines):
    html = client.get("/en/guidance/collection-forming-instruction/").content.decode()
    related = re.search(r'<section class="related.*?</section>', html, re.S).group(0)
    assert '<a href="/en/guidance/school-electronic-library/">Methodological recommendations: the school electronic library</a>' in related


def test_guideline_links_the_print_stylesheet_and_it_styles_guidelines(client, section):
    make_guideline(section("guidance", "kk"), "printable")
    response = client.get("/kk/guidance/printable/")
    assert response.status_code == 200
    assert '<link rel="stylesheet" href="/static/css/print.css" media="print">' in response.content.decode()
    css = b"".join(client.get("/static/css/print.css").streaming_content).decode()
    assert ".toc" in css and ".print-action" in css and ".callout" in css


def test_guideline_shows_type_audience_approval_and_review_date(client, guidelines):
    html = client.get("/ru/guidance/collection-forming-instruction/").content.decode()
    assert "Инструкция" in html and "Школьные библиотекари" in html
    assert "протокол № 3, <time datetime=\"2025-08-20\">20 августа 2025 г.</time>" in html
    html_kk = client.get("/kk/guidance/collection-forming-instruction/").content.decode()
    assert "2025 жылғы 1 қыркүйек" in html_kk


def test_attachments_are_listed_with_type_and_size(client, guidelines):
    html = client.get("/en/guidance/collection-forming-instruction/").content.decode()
    section = re.search(r'<section class="attachments".*?</section>', html, re.S).group(0)
    assert "Checklist</a>" in section and "(PDF, 886" in section and "Book order form</a>" in section and "(XLSX," in section


# --- The index: filters, order, pagination ------------------------------------------------------------------------

def test_index_lists_the_guidelines_of_its_language_newest_first(client, guidelines):
    html = client.get("/en/guidance/").content.decode()
    titles = [unescape(title) for title in re.findall(r'<h2><a href="/en/guidance/[^"]+/">([^<]+)</a></h2>', html)]
    assert titles == [
        "The International School Library Day festival",
        "Instruction on forming a school library's collection",
        "Methodological recommendations: the school electronic library",
    ]
    pages = GuidelinePage.objects.live().filter(locale__language_code="en").order_by("-first_published_at")
    assert titles == [page.title for page in pages]
    assert "3 guidelines" in html


@pytest.mark.parametrize(
    ("query", "slugs"),
    [
        ("topic=electronic-library", ["school-electronic-library"]),
        ("audience=parents", ["school-library-day-festival"]),
        ("type=instruction", ["collection-forming-instruction"]),
        ("audience=teachers&type=recommendation", ["school-library-day-festival", "school-electronic-library"]),
        ("topic=school-library-day&type=instruction", []),
    ],
)
def test_index_filters_by_topic_audience_and_type(client, guidelines, query, slugs):
    html = client.get(f"/ru/guidance/?{query}").content.decode()
    assert re.findall(r'<h2><a href="/ru/guidance/([^"]+)/">', html) == slugs
    if not slugs:
        assert "Нет рекомендаций, подходящих под эти фильтры." in html


def test_unknown_filter_values_are_reported_and_ignored(client, guidelines):
    response = client.get("/en/guidance/?type=poem&audience=parents")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html and "Type of document" in html
    assert re.findall(r'<h2><a href="/en/guidance/([^"]+)/', html) == ["school-library-day-festival"]  # only the audience filter applies


def test_filter_form_is_labelled_and_works_without_javascript(client, guidelines):
    html = client.get("/kk/guidance/").content.decode()
    form = re.search(r'<form class="filters" method="get".*?</form>', html, re.S).group(0)
    for name in ("topic", "audience", "type"):
        assert f'<label for="id_{name}">' in form and f'id="id_{name}"' in form
    assert '<button type="submit">' in form


def test_index_paginates_and_keeps_the_filters(client, section):
    parent = section("guidance", "kk")
    make_guideline(parent, "for-librarians", audience="librarians")
    for number in range(15):
        make_guideline(parent, f"extra-{number}", audience="pupils")
    first = client.get("/kk/guidance/?audience=pupils").content.decode()
    assert len(re.findall(r'class="card guideline-card"', first)) == 12
    assert 'href="?audience=pupils&amp;page=2"' in first
    second = client.get("/kk/guidance/?audience=pupils&page=2").content.decode()
    assert len(re.findall(r'class="card guideline-card"', second)) == 3
    assert "for-librarians" not in first + second
    assert client.get("/kk/guidance/?page=abc").status_code == 200


def test_index_query_count_does_not_grow_with_guidelines(client, section, django_assert_max_num_queries):
    parent = section("guidance", "kk")
    topic = make_topic("many", "Көп")
    for number in range(10):
        make_guideline(parent, f"more-{number}", topics=[topic])
    assert client.get("/kk/guidance/").content.decode().count('class="card guideline-card"') == 10
    with django_assert_max_num_queries(30):
        assert client.get("/kk/guidance/").status_code == 200


def test_drafts_and_private_guidelines_stay_out_of_the_index(client, section):
    from wagtail.models import PageViewRestriction

    parent = section("guidance", "kk")
    make_guideline(parent, "public-guideline", title="Ашық нұсқаулық")
    make_guideline(parent, "draft-guideline", title="Жоба нұсқаулық", live=False)
    private = make_guideline(parent, "private-guideline", title="Жабық нұсқаулық")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    html = client.get("/kk/guidance/").content.decode()
    assert "Ашық нұсқаулық" in html
    assert "Жоба нұсқаулық" not in html and "Жабық нұсқаулық" not in html


# --- Books from the list ------------------------------------------------------------------------------------------

def test_books_block_renders_linked_books_and_skips_unpublished_ones(client, section):
    live = make_book(901, "Көксерек")
    draft = make_book(902, "Жарияланбаған кітап", live=False)
    parent = section("guidance", "kk")
    make_guideline(parent, "with-books", body=[
        {"type": "books", "value": {"title": "Оқуға кеңес", "books": [live.pk, draft.pk]}},
    ])
    html = client.get("/kk/guidance/with-books/").content.decode()
    assert f'<a href="{live.url}">Көксерек</a>' in html
    assert "Мұхтар Әуезов" in html and "№&nbsp;901" in html
    assert "Жарияланбаған кітап" not in html


def test_books_block_links_the_translation_in_the_page_language(client, section):
    kk_book = make_book(903, "Абай жолы")
    from content_models.translation.store import translated_copy, translation_sync

    translation_sync(kk_book, {"ru": translated_copy(kk_book, title="Путь Абая")})
    parent = section("guidance", "kk")
    page = make_guideline(parent, "abai", body=[{"type": "books", "value": {"title": "", "books": [kk_book.pk]}}])
    translation_sync(page, {"ru": translated_copy(page, title="Абай")})
    html = client.get("/ru/guidance/abai/").content.decode()
    assert ">Путь Абая</a>" in html and "Абай жолы" not in html


# --- Validation and uploads ---------------------------------------------------------------------------------------

def test_approval_needs_both_reference_and_date_and_no_future_dates(section):
    from django.core.exceptions import ValidationError

    page = GuidelinePage(title="x", slug="x", summary="x", document_type="letter", audience="librarians",
                         approval_reference="№ 5 бұйрық", last_reviewed=datetime.date(2025, 1, 1), body=[])
    page.locale = section("guidance").locale
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "approval_date" in error.value.message_dict
    page.approval_date = datetime.date(2999, 1, 1)
    page.last_reviewed = datetime.date(2999, 1, 1)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert set(error.value.message_dict) == {"approval_date", "last_reviewed"}


def test_attaching_a_document_of_another_type_is_refused_with_a_message():
    from content_models.core.blocks import DocumentBlock

    document = make_document("notes.txt", b"plain text", title="Жазбалар")
    with pytest.raises(Exception) as error, translation.override("en"):
        DocumentBlock().clean({"document": document, "title": "", "description": ""})
    assert "attach PDF, DOCX or XLSX files only" in str(error.value.block_errors["document"])


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=100)
def test_attaching_a_document_over_the_size_limit_is_refused_with_a_message():
    from content_models.core.blocks import DocumentBlock

    document = make_document("big.pdf", b"%PDF-1.4\n" + b"0" * 500, title="Үлкен")
    with pytest.raises(Exception) as error, translation.override("en"):
        DocumentBlock().clean({"document": document, "title": "", "description": ""})
    assert "attached files may be at most 100" in str(error.value.block_errors["document"])


def test_document_upload_of_a_wrong_type_is_refused_in_the_admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("docs-admin", password="x"))
    response = client.post("/admin/documents/add/", {
        "title": "Бағдарлама", "file": SimpleUploadedFile("setup.exe", b"MZ\x90\x00"), "collection": 1,
    })
    assert response.status_code == 200
    assert "File extension “exe” is not allowed" in response.content.decode()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_document_upload_over_the_size_limit_is_refused_in_the_admin(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("docs-admin", password="x"))
    response = client.post("/admin/documents/add/", {
        "title": "Үлкен", "file": SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 4096), "collection": 1,
    })
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()


# --- API ------------------------------------------------------------------------------------------------------------

def test_guideline_api_fields_are_exactly_the_declared_ones(client, guidelines):
    page = GuidelinePage.objects.get(locale__language_code="en", slug="collection-forming-instruction")
    data = client.get(f"/api/v3/pages/{page.pk}/").json()
    assert set(data) - {"id", "title", "meta"} == {field.name for field in GuidelinePage.api_fields}
    assert data["meta"]["locale"] == "en"
    assert data["document_type"] == {"code": "instruction", "label": "Instruction"}
    assert data["audience"] == [{"code": "librarians", "label": "School librarians"}]
    assert data["topics"][0]["slug"] == "collection-forming"
    assert data["body"][0]["type"] == "heading" and data["body"][0]["value"] == {"text": "General provisions", "level": "h2"}
    steps = next(block for block in data["body"] if block["type"] == "steps")
    assert steps["value"]["steps"][0]["title"] == "Analyse the collection as it is"
    attachment = data["attachments"][0]["value"]
    assert attachment["document"]["url"].startswith("http://") and attachment["document"]["file_type"] == "pdf"
    assert data["related"][0]["type"] == "guideline"


def test_guideline_api_labels_follow_the_page_language(client, guidelines):
    page = GuidelinePage.objects.get(locale__language_code="kk", slug="collection-forming-instruction")
    data = client.get(f"/api/v3/pages/{page.pk}/").json()
    assert data["document_type"]["label"] == "Нұсқаулық"


def test_guidelines_are_listed_by_type_and_locale_and_filtered_by_field(client, guidelines):
    items = client.get("/api/v3/pages/?type=content_models.GuidelinePage&locale=ru").json()["items"]
    assert len(items) == 3 and {item["meta"]["locale"] for item in items} == {"ru"}
    letters = client.get("/api/v3/pages/?type=content_models.GuidelinePage&document_type=instruction").json()["items"]
    assert {item["meta"]["slug"] for item in letters} == {"collection-forming-instruction"}


def test_books_block_in_the_api_lists_live_books_only(client, section):
    live = make_book(904, "Қыз Жібек")
    draft = make_book(905, "Жоба кітап", live=False)
    page = make_guideline(section("guidance", "kk"), "api-books", body=[{"type": "books", "value": {"title": "", "books": [live.pk, draft.pk]}}])
    data = client.get(f"/api/v3/pages/{page.pk}/").json()
    books = data["body"][0]["value"]["books"]
    assert [book["title"] for book in books] == ["Қыз Жібек"]
    assert books[0]["html_url"].startswith("http://") and books[0]["authors"] == ["Мұхтар Әуезов"]
