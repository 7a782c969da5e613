"""What the index holds is declared by the content apps: page kinds, subtitles and dates on the page classes,
sources and watchers in ``search.registry``; the search app itself imports nothing from them."""

import ast
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from wagtail.models import Locale, Page

from content_models.books.models import Author, BookPage
from content_models.core.taxonomy import Topic
from content_models.digests.models import DigestPage
from content_models.events.models import EventPage
from content_models.exhibitions.models import ExhibitionPage
from content_models.guidance.models import GuidelinePage
from content_models.home.models import StandardPage
from content_models.videos.models import VideoPage
from search import registry
from search.indexing import refresh_objects, refresh_pages
from search.models import IndexVersion, SearchDocument
from search.sources import KINDS, IndexDoc, all_documents, page_documents
from tests.factories import event, make_book, make_topic

ROOT = Path(__file__).resolve().parents[2]


# ---------------------------------------------------------------- the direction of imports
def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    names |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module and not node.level}
    return names


def test_the_search_app_imports_nothing_from_content_models_not_even_inside_functions():
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted((ROOT / "search").rglob("*.py"))
        for name in sorted(_imported_modules(path))
        if name == "content_models" or name.startswith("content_models.")
    ]
    assert offenders == []


def test_the_import_contracts_are_kept():
    linter = shutil.which("lint-imports") or str(Path(__import__("sys").executable).with_name("lint-imports"))
    if not Path(linter).exists():
        pytest.skip("import-linter is not installed")
    result = subprocess.run([linter], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "search imports nothing from content_models KEPT" in result.stdout


# ---------------------------------------------------------------- page declarations
def test_page_classes_declare_their_kind_of_result():
    declared = {
        BookPage: "book", GuidelinePage: "guideline", DigestPage: "digest", EventPage: "event",
        ExhibitionPage: "exhibition", VideoPage: "video",
    }
    for page_class, kind in declared.items():
        assert page_class.search_kind == kind
    assert not hasattr(StandardPage, "search_kind")
    assert set(declared.values()) | {"author", "page"} == set(KINDS)


@pytest.mark.django_db
def test_a_page_without_declarations_is_a_plain_page():
    page = StandardPage.objects.live().public().filter(depth__gt=2).first()
    [doc] = page_documents([page.pk])
    assert (doc.kind, doc.subtitle, doc.date) == ("page", "", None)
    assert SearchDocument.objects.get(key=f"page:{page.pk}").kind == "page"


@pytest.mark.django_db
def test_declared_kind_subtitle_and_date_are_read_from_the_page(monkeypatch):
    page = StandardPage.objects.live().public().filter(depth__gt=2).first()
    monkeypatch.setattr(StandardPage, "search_kind", "guideline", raising=False)
    monkeypatch.setattr(StandardPage, "search_subtitle", lambda self: f"about {self.slug}", raising=False)
    monkeypatch.setattr(StandardPage, "search_date", lambda self: self.first_published_at.date(), raising=False)
    [doc] = page_documents([page.pk])
    assert (doc.kind, doc.subtitle, doc.date) == ("guideline", f"about {page.slug}", page.first_published_at.date())
    refresh_pages([page.pk])
    stored = SearchDocument.objects.get(key=f"page:{page.pk}")
    assert (stored.kind, stored.subtitle) == ("guideline", f"about {page.slug}")


@pytest.mark.django_db
def test_events_show_their_venue_and_start_date():
    meeting = event("Ақынмен кездесу", venue="Абай атындағы облыстық кітапхана", start_date=date(2031, 4, 23))
    [doc] = page_documents([meeting.pk])
    assert (doc.kind, doc.subtitle, doc.date) == ("event", "Абай атындағы облыстық кітапхана", date(2031, 4, 23))


# ---------------------------------------------------------------- sources and watchers
def _topic_documents(ids=None, blocked=None, addresses=None):
    topics = Topic.objects.select_related("locale").order_by("id")
    if ids is not None:
        topics = topics.filter(pk__in=list(ids))
    return [
        IndexDoc(key=f"topic:{topic.pk}", kind="page", locale=topic.locale.language_code, object_id=topic.pk,
                 translation_key=str(topic.translation_key), title=topic.name, url=f"/topics/{topic.slug}/").analyse()
        for topic in topics
    ]


@pytest.fixture
def topic_source(monkeypatch):
    source = registry.Source(
        "test-topics", Topic, _topic_documents, lambda: list(Topic.objects.order_by("id").values_list("id", flat=True)),
        key_prefix="topic",
    )
    monkeypatch.setitem(registry._sources, source.name, source)
    return source


@pytest.mark.django_db
def test_a_registered_source_is_indexed_and_kept_in_step(topic_source):
    assert registry.object_source(Topic) is topic_source
    topic = Topic.objects.create(name="Кітапхана сабағы", slug="library-lesson", locale=Locale.objects.get(language_code="kk"))
    stored = SearchDocument.objects.get(key=f"topic:{topic.pk}")  # saving indexed it
    assert stored.title == "Кітапхана сабағы"
    topic.name = "Кітапхана күні"
    topic.save()
    assert SearchDocument.objects.get(key=f"topic:{topic.pk}").title == "Кітапхана күні"
    version = IndexVersion.objects.get(key="search").version
    topic.delete()
    assert not SearchDocument.objects.filter(key=f"topic:{topic.pk}").exists()
    assert IndexVersion.objects.get(key="search").version == version + 1


@pytest.mark.django_db
def test_a_rebuild_reads_every_registered_source(topic_source):
    topic = make_topic("reading", "Оқу")
    book = make_book(9401, "Көксерек", author="Мұхтар Әуезов")
    writer = Author.objects.get(name="Мұхтар Әуезов")
    keys = {doc.key for docs in all_documents() for doc in docs}
    assert {f"topic:{pk}" for pk in Topic.objects.values_list("id", flat=True)} <= keys
    assert {f"author:{pk}" for pk in Author.objects.filter(book_links__page__live=True).values_list("id", flat=True)} <= keys
    assert {f"topic:{topic.pk}", f"author:{writer.pk}", f"page:{book.pk}"} <= keys


@pytest.mark.django_db
def test_without_its_source_a_page_model_is_indexed_as_a_plain_page_of_its_declared_kind(monkeypatch):
    book = make_book(9402, "Көксерек")
    monkeypatch.delitem(registry._sources, "books")
    [doc] = page_documents([book.pk])
    assert (doc.kind, doc.subtitle) == ("book", "")  # its class's kind; the books source adds the authors


@pytest.mark.django_db
def test_refreshing_a_source_drops_the_documents_it_no_longer_builds(topic_source, monkeypatch):
    topic = make_topic("reading", "Оқу")
    refresh_objects(topic_source.name, [topic.pk])
    assert SearchDocument.objects.filter(key=f"topic:{topic.pk}").exists()
    monkeypatch.setitem(registry._sources, topic_source.name, registry.Source(
        topic_source.name, Topic, lambda ids=None, blocked=None, addresses=None: [], topic_source.ids, key_prefix="topic",
    ))
    refresh_objects(topic_source.name, [topic.pk])
    assert not SearchDocument.objects.filter(key=f"topic:{topic.pk}").exists()


@pytest.mark.django_db
def test_a_watcher_refreshes_the_pages_that_show_an_object(monkeypatch):
    page = StandardPage.objects.live().public().filter(depth__gt=2).first()
    seen = []

    def pages_of(instance):
        seen.append(instance)
        return [page.pk]

    monkeypatch.setitem(registry._watchers, Locale, [pages_of])
    monkeypatch.setattr(StandardPage, "search_subtitle", lambda self: "watched", raising=False)
    locale = Locale.objects.get(language_code="kk")
    locale.save()
    assert seen == [locale]
    assert SearchDocument.objects.get(key=f"page:{page.pk}").subtitle == "watched"


def test_topics_are_watched_by_guidance_and_videos():
    assert len(registry.watchers(Topic)) == 2
    assert registry.watchers(Page) == []
