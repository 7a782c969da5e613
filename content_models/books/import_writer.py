"""Writing a checked import plan: one import at a time, in one transaction, and the BookWriter that creates or
updates each book's kk page, its ru/en translations and its authors."""

import uuid
from html import escape

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, OperationalError, models, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, PageLogEntry, Revision

from content_models.books.import_lock import ImportBusy, take_lock
from content_models.books.models import Author, BookAuthor, BookListPage, BookPage
from content_models.books.rows import LANGUAGES, BookRow
from content_models.core.sanitise import sanitise_rich_text
from content_models.core.text import without_controls
from content_models.core.versions import bump_catalogue_version
from content_models.translation.bulk import translation_store_bulk
from content_models.translation.store import translated_copy
from search.indexing import deferred_indexing, note_saved
from search.normalize import fold

NEW_BATCH = 200  # new books are created in batches of this many (three pages each)


def write_plan(plan, result, *, retire_missing_in, user, progress):
    """Write a plan's new and changed rows (and retire the missing books when asked) into ``result``, holding the
    list's lock inside one transaction; raises ImportBusy (naming the other import) when another import holds
    it or changed the list, with nothing written."""
    try:
        with deferred_indexing(), transaction.atomic():
            take_lock(plan, user)
            _write_rows(plan, result, retire_missing_in, user, progress)
    except (IntegrityError, OperationalError) as problem:
        if isinstance(problem, OperationalError) and "locked" not in str(problem):
            raise
        raise ImportBusy("running") from None  # SQLite: the other import held the database past the timeout


def _write_rows(plan, result, retire_missing_in, user, progress):
    writer = BookWriter(user=user)
    rows = progress(plan.new + plan.changed)
    batch = []
    for row in rows:
        if row.list_no in writer.existing_numbers:
            writer.write(row)
            result.updated += 1
            continue
        batch.append(row)
        if len(batch) >= NEW_BATCH:
            result.created += writer.create_many(batch)
            batch = []
    if batch:
        result.created += writer.create_many(batch)
    if retire_missing_in:
        result.retired = writer.retire([number for number, _title in plan.missing], retire_missing_in)
    writer.finish()


def book_slug(list_no: int, title: str) -> str:
    return f"{list_no}-{slugify(fold(title))[:60]}".rstrip("-")


class BookWriter:
    """Creates or updates one book per row: the kk page, its ru/en translations and its authors.

    Translations are written in the shape wagtail-localize's sync produces: the ru/en strings go into its
    store (``translation_store``) and the translated pages get exactly the synchronised fields of the kk page
    plus those strings, so a later "Sync translated pages" re-applies the same text. The pages are saved
    directly instead of through ``copy_for_translation`` because that copies the whole page once more per
    language (≈ 0.1 s a page); every page still gets a published revision and a log entry.
    """

    def __init__(self, user=None):
        self.user = user
        self.locales = {locale.language_code: locale for locale in Locale.objects.filter(language_code__in=LANGUAGES)}
        self.parents = {code: BookListPage.objects.filter(locale=locale).first() for code, locale in self.locales.items()}
        if self.parents["kk"] is None:
            raise ValueError("there is no Kazakh book list page to import into; run load_demo or create it in the admin")
        for code in ("ru", "en"):
            if self.parents[code] is None:
                raise ValueError(f"the book list page has no {code} translation; translate it in the admin first")
        self.authors = {}
        for author in Author.objects.filter(locale__language_code__in=LANGUAGES).select_related("locale"):
            self.authors.setdefault(author.translation_key, {})[author.locale.language_code] = author
        self.kk_authors = {translations["kk"].name: translations for translations in self.authors.values() if "kk" in translations}
        self.now = timezone.now()
        self.last_child_path: dict[int, str | None] = {}
        self.existing_numbers = set(BookPage.objects.filter(locale=self.locales["kk"]).values_list("list_no", flat=True))
        self.pending: list[tuple] = []  # (kk instance, {language: translated copy}) for the store

    def author(self, names: dict[str, str]) -> dict:
        """The author in each language, created or renamed as the row says (translations through the store)."""
        translations = self.kk_authors.get(names["kk"])
        if translations is None:
            kk = Author.objects.create(name=names["kk"], locale=self.locales["kk"])
            translations = {"kk": kk}
            self.authors[kk.translation_key] = translations
            self.kk_authors[kk.name] = translations
        kk = translations["kk"]
        wanted = {language: names.get(language) or names["kk"] for language in ("ru", "en")}
        stale = {language: name for language, name in wanted.items() if getattr(translations.get(language), "name", None) != name}
        if stale:
            self.pending.append((kk, {language: translated_copy(kk, name=name) for language, name in stale.items()}))
            for language, name in stale.items():
                author = translations.get(language)
                if author is None:
                    author = Author(translation_key=kk.translation_key, locale=self.locales[language])
                for field in ("birth_date", "birth_year", "death_date", "death_year"):
                    setattr(author, field, getattr(kk, field))
                author.name = name
                author.save()
                translations[language] = author
        return translations

    def write(self, row: BookRow) -> bool:
        authors = [
            self.author({language: (row.authors[language][i] if i < len(row.authors[language]) else "") for language in LANGUAGES})
            for i in range(len(row.authors["kk"]))
        ]
        pages = {
            page.locale.language_code: page
            for page in BookPage.objects.filter(list_no=row.list_no, locale__language_code__in=LANGUAGES).select_related("locale")
        }
        kk = pages.get("kk")
        created = kk is None
        if created:
            kk = BookPage(locale=self.locales["kk"], slug=book_slug(row.list_no, row.titles["kk"]), edition_added=row.edition)
        self._set_fields(kk, row, "kk", authors)
        self._save(kk, self.parents["kk"], created)

        texts = {
            language: {
                "title": row.titles[language] or row.titles["kk"],
                "slug": book_slug(row.list_no, row.titles[language] or row.titles["kk"]),
                "annotation": _paragraphs(row.annotations[language] or row.annotations["kk"]),
                "translators": row.translator,
            }
            for language in ("ru", "en")
        }
        self.pending.append((kk, {language: translated_copy(kk, **values) for language, values in texts.items()}))
        for language in ("ru", "en"):
            page = pages.get(language)
            is_new = page is None
            if is_new:
                page = BookPage(locale=self.locales[language], translation_key=kk.translation_key, slug=texts[language]["slug"])
            self._set_fields(page, row, language, authors, source=kk)
            page.title, page.annotation, page.translators = texts[language]["title"], texts[language]["annotation"], row.translator
            self._save(page, self.parents[language], is_new)
        return created

    def create_many(self, rows: list[BookRow]) -> int:
        """Create new books in bulk: the same rows as ``write`` (pages, authors, a published revision and a log
        entry per page, translations in the store), with a handful of queries per batch instead of dozens per page.
        """
        book_type = ContentType.objects.get_for_model(BookPage)
        page_type = ContentType.objects.get_for_model(Page)
        taken = {
            code: set(Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).values_list("slug", flat=True))
            for code, parent in self.parents.items()
        }
        pages: list = []
        for row in rows:
            authors = [
                self.author({language: (row.authors[language][i] if i < len(row.authors[language]) else "") for language in LANGUAGES})
                for i in range(len(row.authors["kk"]))
            ]
            key = uuid.uuid4()
            kk = BookPage(locale=self.locales["kk"], translation_key=key, edition_added=row.edition)
            self._set_fields(kk, row, "kk", authors)
            texts = {}
            for language in LANGUAGES:
                title = row.titles[language] or row.titles["kk"]
                texts[language] = {
                    "title": title,
                    "slug": self._free_slug(book_slug(row.list_no, title), taken[language]),
                    "annotation": _paragraphs(row.annotations[language] or row.annotations["kk"]),
                    "translators": row.translator,
                }
            kk.slug = texts["kk"]["slug"]
            group = [kk]
            for language in ("ru", "en"):
                page = BookPage(locale=self.locales[language], translation_key=key, slug=texts[language]["slug"])
                self._set_fields(page, row, language, authors, source=kk)
                page.title, page.annotation = texts[language]["title"], texts[language]["annotation"]
                group.append(page)
            self.pending.append((kk, {language: translated_copy(kk, **{k: v for k, v in texts[language].items()}) for language in ("ru", "en")}))
            pages.extend(group)
            self.existing_numbers.add(row.list_no)

        for page in pages:
            parent = self.parents[page.locale.language_code]
            last = self.last_child_path.get(parent.pk, "missing")
            if last == "missing":
                child = parent.get_last_child()
                last = child.path if child else None
            page.depth = parent.depth + 1
            page.path = Page._get_path(parent.path, page.depth, 1) if last is None else Page(path=last)._inc_path()
            self.last_child_path[parent.pk] = page.path
            page.numchild = 0
            page.url_path = f"{parent.url_path}{page.slug}/"
            page.content_type = book_type
            page.draft_title = page.title
            page.live, page.has_unpublished_changes = True, False
            page.first_published_at = page.last_published_at = page.latest_revision_created_at = self.now
        Page.objects.bulk_create(pages, batch_size=300)
        for page in pages:
            page.page_ptr_id = page.id
            page._state.adding, page._state.db = False, "default"
        fields = list(BookPage._meta.local_concrete_fields)
        for start in range(0, len(pages), 40):
            BookPage._base_manager._insert(pages[start:start + 40], fields=fields, using="default")
        links = []
        for page in pages:
            for link in page.book_authors.all():
                link.page_id = page.id
                links.append(link)
        BookAuthor.objects.bulk_create(links, batch_size=300)
        for parent in self.parents.values():
            added = sum(1 for page in pages if page.path.startswith(parent.path) and page.depth == parent.depth + 1)
            Page.objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + added)
        revisions = [
            Revision(
                content_type_id=book_type.pk, base_content_type_id=page_type.pk, object_id=str(page.pk),
                created_at=self.now, user=self.user, content=page.serializable_data(), object_str=str(page),
            )
            for page in pages
        ]
        Revision.objects.bulk_create(revisions, batch_size=300)
        for page, revision in zip(pages, revisions, strict=True):
            page.latest_revision_id = page.live_revision_id = revision.pk
        Page.objects.bulk_update(pages, ["latest_revision", "live_revision"], batch_size=100)  # SQLite caps CASE depth
        # The log entries log_action would write ("wagtail.create" with the revision), in one insert.
        PageLogEntry.objects.bulk_create(
            [
                PageLogEntry(
                    content_type=book_type, label=page.get_admin_display_title(), action="wagtail.create",
                    timestamp=self.now, data={}, user=self.user, revision=revision, page=page, content_changed=True,
                )
                for page, revision in zip(pages, revisions, strict=True)
            ],
            batch_size=300,
        )
        note_saved(BookPage, [page.pk for page in pages])
        return len(rows)

    @staticmethod
    def _free_slug(slug: str, taken: set) -> str:
        candidate, number = slug, 1
        while candidate in taken:
            number += 1
            candidate = f"{slug}-{number}"
        taken.add(candidate)
        return candidate

    def _set_fields(self, page, row: BookRow, language: str, authors: list[dict], source=None):
        page.title = row.titles["kk"]
        page.list_no = row.list_no
        page.translators = row.translator
        page.period, page.literature, page.genres = row.period, row.literature, ",".join(row.genres)
        page.grade_min, page.grade_max = row.grade_min, row.grade_max
        page.original_language = row.original_language
        page.publisher, page.year, page.isbn = row.publisher, row.year, row.isbn
        page.annotation = _paragraphs(row.annotations["kk"])
        page.edition_added = (source.edition_added if source else page.edition_added) or row.edition
        if source is not None:
            page.edition_removed, page.cover_id = source.edition_removed, source.cover_id
        source_links = list(source.book_authors.all()) if source is not None else []
        links = []
        for i, translations in enumerate(authors):
            link = BookAuthor(author=translations.get(language) or translations["kk"], sort_order=i, locale=self.locales[language])
            if i < len(source_links):
                link.translation_key = source_links[i].translation_key
            links.append(link)
        page.book_authors = links

    def _save(self, page, parent, is_new: bool):
        page.live, page.has_unpublished_changes = True, False
        page.last_published_at = self.now
        if is_new:
            page.first_published_at = self.now
            self._add_child(parent, page)
        else:
            page.save(clean=False)
        revision = page.save_revision(user=self.user, log_action=False, clean=False, changed=True)
        page.live_revision = revision
        page.has_unpublished_changes = False
        page.save(clean=False, update_fields=["live_revision", "has_unpublished_changes", "latest_revision", "draft_title"])
        PageLogEntry.objects.log_action(instance=page, action="wagtail.create" if is_new else "wagtail.publish", user=self.user, revision=revision)

    def _add_child(self, parent, page):
        """treebeard's add_child without a query for the last child each time, and without full_clean (the rows
        were validated before writing)."""
        last = self.last_child_path.get(parent.pk, "missing")
        if last == "missing":
            child = parent.get_last_child()
            last = child.path if child else None
        page.depth = parent.depth + 1
        page.path = Page._get_path(parent.path, page.depth, 1) if last is None else Page(path=last)._inc_path()
        page.numchild = 0
        page._cached_parent_obj = parent
        page.save(clean=False)
        self.last_child_path[parent.pk] = page.path
        type(parent).objects.filter(pk=parent.pk).update(numchild=models.F("numchild") + 1)

    def retire(self, list_numbers: list[int], year: int) -> int:
        pages = list(BookPage.objects.filter(list_no__in=list_numbers, edition_removed__isnull=True, locale__language_code__in=LANGUAGES))
        for page in pages:
            page.edition_removed = year
            page.save(clean=False, update_fields=["edition_removed"])
            revision = page.save_revision(user=self.user, log_action=False, clean=False)
            page.live_revision = revision
            page.save(clean=False, update_fields=["live_revision", "latest_revision"])
            PageLogEntry.objects.log_action(instance=page, action="wagtail.publish", user=self.user, revision=revision)
        return len({page.list_no for page in pages})

    def finish(self):
        """Write the translations of everything written into wagtail-localize's store, in bulk."""
        translation_store_bulk(self.pending, source_locale=self.locales["kk"])
        self.pending = []
        bump_catalogue_version()


def _paragraphs(text: str) -> str:
    # Quotes stay as they are (only &, < and > are escaped), exactly as wagtail-localize writes text back.
    parts = [part.strip() for part in without_controls(text).split("\n") if part.strip()]
    return sanitise_rich_text("".join(f"<p>{escape(part, quote=False)}</p>" for part in parts))
